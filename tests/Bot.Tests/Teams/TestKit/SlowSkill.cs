using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Tests.Teams.TestKit;

/// <summary>A button whose handler takes longer than an invoke may, to test Teams' deadline.</summary>
public sealed class SlowSkill : ISkill
{
    public const string WaitAction = "slow.wait";
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1.5);

    public string Name => "Slow";

    public void Register(SkillRegistry registry) => registry.Action<Wait>(WaitAction);

    public sealed class Wait : IActionHandler
    {
        public async Task<Response> HandleAsync(ActionInbound action, Person person, CancellationToken ct)
        {
            await Task.Delay(Delay, ct);
            return Response.Say("Finally done.");
        }
    }
}
