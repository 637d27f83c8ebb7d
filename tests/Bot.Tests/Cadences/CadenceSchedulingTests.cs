using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProductOps.Bot.Cadences;
using ProductOps.Bot.Scheduling;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Cadences;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.Areas;
using ProductOps.Storage.Outbox;
using ProductOps.Storage.People;

namespace ProductOps.Bot.Tests.Cadences;

public sealed class CadenceSchedulingTests : IAsyncLifetime, IDisposable
{
    private TempDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TempDatabase.CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Opening_ScheduledBeforeARestart_OpensOnceAfterItAndNudgesOnce()
    {
        var people = new SqlPeopleStore(_db.Database, TimeProvider.System, InitialAdmins.None);
        var pm = await people.AddAsync(new NewPerson("Priya Patel", "priya", null, "Pacific/Kiritimati", new HashSet<Role> { Role.Pm }, []), CancellationToken.None);
        long cadenceId;
        using (var before = Host())
        {
            await before.StartAsync();
            var cadence = await before.Services.GetRequiredService<ICadenceStore>().AddAsync(Draft(pm.Id), CancellationToken.None);
            cadenceId = cadence!.Id;
            await before.Services.GetRequiredService<ICadenceScheduler>().ScheduleOpeningAsync(cadenceId, TimeProvider.System.GetUtcNow().AddSeconds(2), CancellationToken.None);
            await before.StopAsync();
        }

        using var after = Host();

        await after.StartAsync();

        var cycles = after.Services.GetRequiredService<ICycleStore>();
        Cycle? cycle = null;
        for (var i = 0; i < 100 && cycle is null; i++)
        {
            await Task.Delay(100);
            cycle = await cycles.LatestAsync(cadenceId, CancellationToken.None);
        }

        await using var connection = await _db.Database.OpenAsync(CancellationToken.None);
        var nudges = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE key LIKE 'cadence:%:nudge:%';");
        for (var i = 0; i < 50 && nudges == 0; i++)
        {
            await Task.Delay(100);
            nudges = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE key LIKE 'cadence:%:nudge:%';");
        }

        var next = await after.Services.GetRequiredService<ICadenceScheduler>().NextOpeningAsync(cadenceId, CancellationToken.None);
        for (var i = 0; i < 50 && next is null; i++)
        {
            await Task.Delay(100);
            next = await after.Services.GetRequiredService<ICadenceScheduler>().NextOpeningAsync(cadenceId, CancellationToken.None);
        }

        await after.StopAsync();
        Assert.Equal(1, cycle?.Number);
        Assert.True(next > TimeProvider.System.GetUtcNow(), $"The next opening is {next}.");
        Assert.True(nudges <= 1, $"{nudges} nudges.");
    }

    [Fact]
    public async Task Unschedule_Cadence_RemovesItsOpening()
    {
        using var host = Host();
        await host.StartAsync();
        var scheduler = host.Services.GetRequiredService<ICadenceScheduler>();
        await scheduler.ScheduleOpeningAsync(7, TimeProvider.System.GetUtcNow().AddDays(3), CancellationToken.None);
        var scheduled = await scheduler.NextOpeningAsync(7, CancellationToken.None);

        await scheduler.UnscheduleAsync(7, CancellationToken.None);

        Assert.NotNull(scheduled);
        Assert.Null(await scheduler.NextOpeningAsync(7, CancellationToken.None));
        await host.StopAsync();
    }

    private static CadenceDraft Draft(long person) =>
        new("Roadmap", Templates.Roadmap.Key, "weekly on Monday at 10:00", "Europe/London", false, new ParticipantRule([person], [], false),
            TimeSpan.FromDays(2), [TimeSpan.FromHours(2)], null, "product-rollup", [], []);

    [Fact]
    public async Task StepJob_CutOffByACrash_IsRunAgainAtStart()
    {
        using var host = Host();
        await host.StartAsync();

        var scheduler = await host.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler();
        var step = await scheduler.GetJobDetail(CadenceStepJob.Key);

        Assert.True(step!.RequestsRecovery);
        await host.StopAsync();
    }

    private IHost Host()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(_db.Database);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IOutboxStore, SqlOutboxStore>();
        builder.Services.AddSingleton<IOutbox>(sp => new SqlOutbox(_db.Database, TimeProvider.System));
        builder.Services.AddSingleton<IPeopleStore>(new SqlPeopleStore(_db.Database, TimeProvider.System, InitialAdmins.None));
        builder.Services.AddSingleton<IAreaStore>(new SqlAreaStore(_db.Database, TimeProvider.System));
        builder.Services.AddScheduling(builder.Configuration);
        builder.Services.AddCadences();
        return builder.Build();
    }
}
