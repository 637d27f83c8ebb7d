using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Slack.Requests;

/// <summary>
/// What the Slack adapter keeps beside a neutral inbound to answer it: the workspace and user, the
/// channel it came from, the one-use <c>trigger_id</c> for opening a modal and the <c>response_url</c>.
/// </summary>
public sealed record SlackContext(string TeamId, string UserId, string? ChannelId)
{
    public string? ResponseUrl { get; init; }

    public string? TriggerId { get; init; }

    /// <summary>The thread a mention was made in, so channel replies stay in it.</summary>
    public string? ThreadTs { get; init; }

    /// <summary>Set for deliveries Slack may repeat (events); the turn runs once per key.</summary>
    public string? DedupeKey { get; init; }

    /// <summary>The shared message's timestamp, for its permalink.</summary>
    public string? SharedTs { get; init; }

    /// <summary>Form fields whose values are Slack user ids, turned into person ids before the turn runs.</summary>
    public IReadOnlyList<string> UserFields { get; init; } = [];

    public bool InDirectMessage => ChannelId is ['D', ..];
}

/// <summary>What became of an inbound payload.</summary>
public abstract record SlackTranslation;

/// <summary>A turn to run.</summary>
public sealed record SlackTurn(Inbound Inbound, SlackContext Context) : SlackTranslation;

/// <summary>A valid payload ProductOps has nothing to do with; acknowledged and dropped.</summary>
public sealed record SlackIgnored(string Reason) : SlackTranslation;

/// <summary>A payload that lacks what every payload of its kind has; answered 400.</summary>
public sealed record SlackInvalid(string Reason) : SlackTranslation;

/// <summary>An Events API URL check: the challenge is echoed back.</summary>
public sealed record SlackChallenge(string Challenge) : SlackTranslation;
