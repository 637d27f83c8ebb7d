using System.Collections.Concurrent;

namespace ProductOps.Bot.Teams.Connector;

/// <summary>
/// The Bot Connector addresses the bot may call with its token: those seen on authenticated
/// activities (and stored from them). The token must never reach any other host.
/// </summary>
public sealed class TrustedServiceUrls
{
    private readonly ConcurrentDictionary<string, byte> _urls = new(StringComparer.OrdinalIgnoreCase);

    public void Trust(string serviceUrl) => _urls.TryAdd(Normalize(serviceUrl), 0);

    public bool IsTrusted(string serviceUrl) => _urls.ContainsKey(Normalize(serviceUrl));

    public static string Normalize(string serviceUrl) => serviceUrl.Trim().TrimEnd('/');
}
