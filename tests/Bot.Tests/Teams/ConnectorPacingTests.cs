using ProductOps.Bot.Teams.Connector;

namespace ProductOps.Bot.Tests.Teams;

public sealed class ConnectorPacingTests
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/emea/";

    [Fact]
    public void Defaults_AreTeamsPublishedLimits()
    {
        Assert.Equal(
            [(7, TimeSpan.FromSeconds(1)), (8, TimeSpan.FromSeconds(2)), (60, TimeSpan.FromSeconds(30)), (1800, TimeSpan.FromHours(1))],
            ConnectorPacing.PerConversation);
        Assert.Equal(50, ConnectorPacing.PerTenantEachSecond);
    }

    [Fact]
    public async Task Wait_PastALongerWindowsLimit_WaitsThoughTheShorterOneHasRoom()
    {
        using var pacing = new ConnectorPacing([(7, TimeSpan.FromSeconds(1)), (3, TimeSpan.FromMinutes(10))], 50);
        for (var i = 0; i < 3; i++)
        {
            (await pacing.WaitAsync(ServiceUrl, "a:1", CancellationToken.None)).Dispose();
        }

        var fourth = pacing.WaitAsync(ServiceUrl, "a:1", CancellationToken.None).AsTask();
        await Task.Delay(50);

        Assert.False(fourth.IsCompleted);
    }

    [Fact]
    public async Task Wait_AnotherConversation_IsNotHeldUp()
    {
        using var pacing = new ConnectorPacing([(1, TimeSpan.FromMinutes(10))], 50);
        (await pacing.WaitAsync(ServiceUrl, "a:1", CancellationToken.None)).Dispose();

        var other = pacing.WaitAsync(ServiceUrl, "a:2", CancellationToken.None).AsTask();

        Assert.True(other.IsCompletedSuccessfully);
        (await other).Dispose();
    }

    [Fact]
    public async Task Wait_PastTheServiceUrlsLimit_WaitsWhicheverConversation()
    {
        using var pacing = new ConnectorPacing([(7, TimeSpan.FromSeconds(1))], 2);
        (await pacing.WaitAsync(ServiceUrl, "a:1", CancellationToken.None)).Dispose();
        (await pacing.WaitAsync(ServiceUrl, "a:2", CancellationToken.None)).Dispose();

        var third = pacing.WaitAsync(ServiceUrl.TrimEnd('/'), "a:3", CancellationToken.None).AsTask();
        var elsewhere = pacing.WaitAsync("https://smba.trafficmanager.net/amer/", "a:4", CancellationToken.None).AsTask();

        Assert.False(third.IsCompleted);
        Assert.True(elsewhere.IsCompletedSuccessfully);
        (await elsewhere).Dispose();
        (await third).Dispose();
    }
}
