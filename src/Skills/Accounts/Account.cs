namespace ProductOps.Skills.Accounts;

/// <summary>A customer account from the CRM: the unit feedback demand and research contact are counted by.</summary>
public sealed record Account(
    long Id,
    string Name,
    IReadOnlyList<string> Aliases,
    string? Segment,
    decimal? Arr,
    long? OwnerId,
    DateOnly? RenewalDate,
    string? CrmId);

/// <summary>An account as imported: matched to an existing one by CRM id, else by name.</summary>
public sealed record AccountData(
    string Name,
    IReadOnlyList<string> Aliases,
    string? Segment,
    decimal? Arr,
    long? OwnerId,
    DateOnly? RenewalDate,
    string? CrmId);
