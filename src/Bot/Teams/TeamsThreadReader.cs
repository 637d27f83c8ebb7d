using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ProductOps.Bot.Teams.Connector;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.Teams;

namespace ProductOps.Bot.Teams;

/// <summary>
/// A channel thread's first message, read from Microsoft Graph
/// (<c>GET /teams/{group}/channels/{channel}/messages/{id}</c>) with an app-only token in the team's
/// tenant. The Bot Connector cannot read messages; Graph can, once a team owner has granted the
/// app's resource-specific permission ChannelMessage.Read.Group (asked for in the manifest, granted
/// when the app is added to or updated in the team). Graph names a team by its Microsoft 365 group
/// id, which most activities lack: it is learned from those that carry it, or asked of the Bot
/// Connector's team details once and kept.
/// </summary>
public sealed class TeamsThreadReader(
    SqlTeamsReferences references,
    ConnectorClient connector,
    TrustedServiceUrls trusted,
    BotTokenProvider tokens,
    IHttpClientFactory http,
    IOptions<TeamsOptions> options,
    ILogger<TeamsThreadReader> log) : IThreadReader
{
    public string Platform => Platforms.Teams;

    public async Task<ThreadRoot> FirstMessageAsync(ChatIdentity asker, Place where, string threadId, CancellationToken ct)
    {
        if (!options.Value.HasCredentials)
        {
            return ThreadRoot.Unreachable("ProductOps runs without a Teams app id here, so Microsoft Graph cannot be asked");
        }

        var channel = await references.FindChannelAsync(where.Id, ct);
        if (channel is null)
        {
            return ThreadRoot.Unreachable("Teams did not say which team this channel belongs to");
        }

        if ((channel.AadGroupId ?? await LearnGroupAsync(channel, ct)) is not { } group)
        {
            return ThreadRoot.Unreachable("Teams would not tell ProductOps which team this channel belongs to");
        }

        string token;
        try
        {
            token = await tokens.GetGraphTokenAsync(asker.Tenant, ct);
        }
        catch (HttpRequestException e)
        {
            return ThreadRoot.Unreachable(e.StatusCode is { } status
                ? $"ProductOps could not sign in to Microsoft Graph (the sign-in answered {(int)status})"
                : "ProductOps could not reach the Microsoft sign-in service");
        }

        var url = $"{options.Value.GraphBaseUrl.TrimEnd('/')}/teams/{Id(group)}/channels/{Id(channel.ChannelId)}/messages/{Id(threadId)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await http.CreateClient(TeamsSetup.GraphClientName).SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                log.LogInformation("Graph read of message {MessageId} in channel {ChannelId} answered {Status}", threadId, channel.ChannelId, (int)response.StatusCode);
                return ThreadRoot.Unreachable(Problem(response.StatusCode));
            }

            return Root(await response.Content.ReadFromJsonAsync<GraphMessage>(TeamsJson.Options, ct));
        }
        catch (HttpRequestException e)
        {
            log.LogWarning("Microsoft Graph could not be reached: {Reason}", e.HttpRequestError);
            return ThreadRoot.Unreachable("Microsoft Graph could not be reached");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return ThreadRoot.Unreachable("Microsoft Graph did not answer in time");
        }
        catch (JsonException)
        {
            return ThreadRoot.Unreachable("Microsoft Graph answered with something that is not a message");
        }
    }

    /// <summary>The team's group id from the team details API, kept for next time; null when Teams does not tell it.</summary>
    private async Task<string?> LearnGroupAsync(TeamsChannel channel, CancellationToken ct)
    {
        // Stored channels come only from authenticated activities, so their service URL is a Bot Connector's.
        trusted.Trust(channel.ServiceUrl);
        try
        {
            if ((await connector.GetTeamAsync(channel.ServiceUrl, channel.TeamId, ct))?.AadGroupId is { Length: > 0 } group)
            {
                await references.SetTeamGroupAsync(channel.TeamId, group, ct);
                return group;
            }
        }
        catch (HttpRequestException e)
        {
            log.LogWarning("Team details of {TeamId} could not be read: {Reason}", channel.TeamId, e.HttpRequestError);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("Team details of {TeamId} timed out", channel.TeamId);
        }

        return null;
    }

    private static ThreadRoot Root(GraphMessage? message)
    {
        if (message is null)
        {
            return ThreadRoot.Unreachable("Microsoft Graph answered without the message");
        }

        if (message.DeletedDateTime is not null)
        {
            return ThreadRoot.Unreachable("it was deleted");
        }

        var content = message.Body?.Content ?? "";
        var text = string.Equals(message.Body?.ContentType, "html", StringComparison.OrdinalIgnoreCase) ? TeamsHtml.PlainText(content) : content.Trim();
        var author = message.From?.User ?? message.From?.Application;
        return ThreadRoot.Found(new SharedMessage(text, author?.DisplayName, author?.Id, message.WebUrl));
    }

    private static string Problem(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Forbidden =>
            "ProductOps may not read this team's messages; a team owner can allow it by updating ProductOps in the team (Manage team → Apps), "
            + "which grants the ChannelMessage.Read.Group permission it asks for",
        HttpStatusCode.NotFound => "it was deleted, or ProductOps cannot see it",
        HttpStatusCode.Unauthorized => "Microsoft Graph refused ProductOps' sign-in",
        HttpStatusCode.TooManyRequests => "Microsoft Graph is busy; try again in a minute",
        >= HttpStatusCode.InternalServerError => $"Microsoft Graph failed ({(int)status}); try again in a minute",
        _ => $"Microsoft Graph answered {(int)status}",
    };

    private static string Id(string id) => Uri.EscapeDataString(id);

    /// <summary>The parts of Graph's chatMessage that make the verbatim.</summary>
    private sealed record GraphMessage(GraphBody? Body, GraphFrom? From, string? WebUrl, DateTimeOffset? DeletedDateTime);

    private sealed record GraphBody(string? ContentType, string? Content);

    private sealed record GraphFrom(GraphIdentity? User, GraphIdentity? Application);

    private sealed record GraphIdentity(string? Id, string? DisplayName);
}
