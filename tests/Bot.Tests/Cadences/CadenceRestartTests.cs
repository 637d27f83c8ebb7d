using System.Collections.Concurrent;
using System.Globalization;
using Dapper;
using ProductOps.Bot.DevChat;
using ProductOps.Bot.Outbox;
using ProductOps.Bot.Tests.TestKit;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Cadences;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.Cadences;
using ProductOps.Storage.People;

namespace ProductOps.Bot.Tests.Cadences;

/// <summary>A cycle that spans a restart of the bot, on the real host, SQLite file and Quartz store.</summary>
public sealed class CadenceRestartTests : IAsyncLifetime, IDisposable
{
    private const int Participants = 30;

    private readonly TempDatabase _db = new();
    private readonly ConcurrentDictionary<string, int> _delivered = new(StringComparer.Ordinal);

    public async Task InitializeAsync() => await _db.MigrateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Restart_BetweenEnqueueAndDelivery_DeliversEveryNudgeAndReminderOnce()
    {
        var participants = await AddPeopleAsync();
        var cadence = await AddCadenceAsync(participants);
        using (var before = new RestartFactory(_db.ConnectionString, TimeProvider.System, _delivered, allowedSends: 5))
        {
            var chat = new DevChatClient(before.CreateClient());
            await DevChatClient.JsonAsync(await chat.SayAsync("maya", "/cadence run Roadmap now"));
            await before.Sender.Holding.Task.WaitAsync(TimeSpan.FromSeconds(20));
            await WaitForAsync(async () => await CountAsync("remind") == Participants);
        }

        // Stopping cancelled the held send; the rest of the batch it had claimed is still leased to it.

        // Back after those leases ran out, so what the stopped host claimed but did not send is due again.
        var lease = TimeSpan.FromSeconds(new OutboxOptions().LeaseSeconds);
        using var after = new RestartFactory(_db.ConnectionString, new AheadClock(lease + TimeSpan.FromSeconds(1)), _delivered, int.MaxValue);

        _ = after.Services; // starts the host
        await WaitForAsync(async () => _delivered.Count == 2 * Participants && await UndeliveredAsync() == 0);

        var expected = participants.SelectMany(p => new[] { $"cadence:{cadence}:cycle:1:nudge:{p}", $"cadence:{cadence}:cycle:1:remind:{p}:59m" });
        Assert.Equal(expected.Order(StringComparer.Ordinal), _delivered.Keys.Order(StringComparer.Ordinal));
        Assert.All(_delivered.Values, sends => Assert.Equal(1, sends));
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM cadence_cycles;"));
    }

    /// <summary>An admin to run the cadence and the participants, all in a zone where it is midday now, so every message is due at once.</summary>
    private async Task<IReadOnlyList<long>> AddPeopleAsync()
    {
        var people = new SqlPeopleStore(_db.Database, TimeProvider.System, InitialAdmins.None);
        var zone = MiddayZone();
        await people.AddAsync(new NewPerson("Maya Ops", "maya", null, zone, new HashSet<Role> { Role.Admin }, [Identity("maya")]), CancellationToken.None);
        var ids = new List<long>();
        for (var i = 0; i < Participants; i++)
        {
            var handle = $"pm{i}";
            var pm = await people.AddAsync(new NewPerson($"PM {i}", handle, null, zone, new HashSet<Role> { Role.Pm }, [Identity(handle)]), CancellationToken.None);
            ids.Add(pm.Id);
        }

        return ids;
    }

    /// <summary>Due in an hour, with one reminder three seconds after the cycle opens.</summary>
    private async Task<long> AddCadenceAsync(IReadOnlyList<long> participants)
    {
        var window = TimeSpan.FromHours(1);
        var draft = new CadenceDraft("Roadmap", Templates.Roadmap.Key, "weekly on Monday at 10:00", MiddayZone(), false,
            new ParticipantRule(participants, [], false), window, [window - TimeSpan.FromSeconds(3)], null, "product-rollup", [], []);
        var cadence = await new SqlCadenceStore(_db.Database, TimeProvider.System).AddAsync(draft, CancellationToken.None);
        return cadence!.Id;
    }

    private static ChatIdentity Identity(string handle) => new(Platforms.DevChat, DevChatSetup.Tenant, handle);

    /// <summary>A fixed-offset zone whose local hour is 12 now: working hours on a weekday, and on a weekend the next working morning is after the due time.</summary>
    private static string MiddayZone()
    {
        var hours = 12 - TimeProvider.System.GetUtcNow().Hour;
        return hours == 0 ? "Etc/GMT" : "Etc/GMT" + (hours > 0 ? "-" : "+") + Math.Abs(hours).ToString(CultureInfo.InvariantCulture);
    }

    private Task<long> CountAsync(string kind) =>
        ScalarAsync($"SELECT COUNT(*) FROM outbox_messages WHERE key LIKE 'cadence:%{kind}%';");

    private Task<long> UndeliveredAsync() =>
        ScalarAsync("SELECT COUNT(*) FROM outbox_messages WHERE status <> 'delivered';");

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await _db.Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private static async Task WaitForAsync(Func<Task<bool>> done)
    {
        for (var i = 0; i < 200 && !await done(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(await done(), "Timed out waiting.");
    }

    /// <summary>The wall clock moved on: the host started after this one had been down for a while.</summary>
    private sealed class AheadClock(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
    }
}
