using ProductOps.Bot.Hosting;

namespace ProductOps.Bot.Tests.Hosting;

public sealed class SocketContinuationsTests : IDisposable
{
    private readonly string? _before = Environment.GetEnvironmentVariable(SocketContinuations.Variable);

    [Fact]
    public void RunInline_WhenTheVariableIsUnset_TurnsInlineContinuationsOn()
    {
        Environment.SetEnvironmentVariable(SocketContinuations.Variable, null);

        SocketContinuations.RunInline();

        Assert.Equal("1", Environment.GetEnvironmentVariable(SocketContinuations.Variable));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    public void RunInline_WhenTheOperatorSetTheVariable_LeavesTheirChoice(string chosen)
    {
        Environment.SetEnvironmentVariable(SocketContinuations.Variable, chosen);

        SocketContinuations.RunInline();

        Assert.Equal(chosen, Environment.GetEnvironmentVariable(SocketContinuations.Variable));
    }

    public void Dispose() => Environment.SetEnvironmentVariable(SocketContinuations.Variable, _before);
}
