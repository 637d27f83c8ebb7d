namespace ProductOps.Bot.Hosting;

/// <summary>
/// Lets .NET run the code awaiting a socket (a platform's answer to a reply, and the turn after it)
/// on the thread that saw the socket ready, instead of handing it to the thread pool first. Every
/// turn ends in a platform call, so that hand-off came once a turn: in floods of Teams messages
/// with short replies, running inline cut context switches a reply from 2–5 to about 0.6 and
/// answered 15–25% more messages a second (bench/README.md).
/// </summary>
/// <remarks>
/// Turns then run on the socket thread (one per CPU) between platform calls, and other sockets'
/// readiness waits for them: milliseconds for most turns, tens for the largest metric lookups, and
/// as long as the database's busy timeout when a big import holds it. No code here blocks on a task
/// (which could wait forever on the thread meant to finish it). Kestrel still hands requests to the
/// thread pool, so acknowledgements do not run there. Setting the variable yourself (to 0 or 1)
/// wins over this.
/// </remarks>
public static class SocketContinuations
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Call before the first socket is used: .NET reads the variable once, then.</summary>
    public static void RunInline()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }
}
