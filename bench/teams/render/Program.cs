using System.Diagnostics;
using System.Runtime.CompilerServices;
using ProductOps.Bot.Teams;
using ProductOps.Skills.Conversation;
using ProductOps.Skills.Help;

// Renders the help overview (the card activity_bench.py asks for) over and over and reports the
// fastest of several rounds, in microseconds and bytes allocated per card. Skills only declare their
// commands when they register, so they are created without their stores.
var skills = typeof(ISkill).Assembly.GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ISkill).IsAssignableFrom(t))
    .Select(t => (ISkill)RuntimeHelpers.GetUninitializedObject(t));
var help = HelpReplies.Overview(new SkillRegistry(skills));
var cards = int.TryParse(Environment.GetEnvironmentVariable("BENCH_CARDS"), out var n) ? n : 20_000;
var rounds = int.TryParse(Environment.GetEnvironmentVariable("BENCH_ROUNDS"), out var r) ? r : 10;

var bytes = AdaptiveCardRenderer.Render(help).Utf8.Length;
var best = double.MaxValue;
long allocated = 0;
for (var round = 0; round < rounds; round++)
{
    var before = GC.GetAllocatedBytesForCurrentThread();
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < cards; i++)
    {
        AdaptiveCardRenderer.Render(help);
    }

    best = Math.Min(best, clock.Elapsed.TotalMicroseconds / cards);
    allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / cards;
}

Console.WriteLine($"help card: {bytes:N0} bytes; fastest of {rounds} rounds of {cards:N0}: {best:F1} µs a card, {allocated:N0} bytes allocated a card");
