namespace ProductOps.Bot.Tests.Teams.TestKit;

/// <summary>A test class whose every test starts from fresh <see cref="TeamsParts"/>.</summary>
public abstract class TeamsPartsTest : IAsyncLifetime
{
    protected TeamsParts Parts { get; private set; } = null!;

    public async Task InitializeAsync() => Parts = await TeamsParts.StartAsync();

    public Task DisposeAsync()
    {
        Parts.Dispose();
        return Task.CompletedTask;
    }
}
