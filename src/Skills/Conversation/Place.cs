namespace ProductOps.Skills.Conversation;

public enum PlaceKind
{
    Channel,
    DirectMessage,
}

/// <summary>Where an inbound happened: a channel (by platform id and, where known, name) or a direct message.</summary>
public sealed record Place(PlaceKind Kind, string Id, string? Name = null)
{
    public static Place Direct(string conversationId) => new(PlaceKind.DirectMessage, conversationId);

    public static Place Channel(string id, string? name = null) => new(PlaceKind.Channel, id, name);
}
