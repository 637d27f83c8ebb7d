namespace ProductOps.Skills.Conversation;

/// <summary>Names of the chat platforms an identity or a message can belong to.</summary>
public static class Platforms
{
    public const string DevChat = "devchat";
    public const string Slack = "slack";
    public const string Teams = "teams";
}

/// <summary>One account on one chat platform: a Slack workspace user, a Teams AAD user, a dev chat user.</summary>
public sealed record ChatIdentity(string Platform, string Tenant, string UserId);

/// <summary>Who sent an inbound, as the platform describes them. E-mail and time zone only where the platform tells.</summary>
public sealed record ChatUser(ChatIdentity Identity, string DisplayName, string? Email = null, string? TimeZone = null);
