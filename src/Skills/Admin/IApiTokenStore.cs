namespace ProductOps.Skills.Admin;

/// <summary>An API token as stored: never the token itself, only its hash and a short prefix to recognise it.</summary>
public sealed record ApiToken(
    long Id,
    string Name,
    string Prefix,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt);

/// <summary>API tokens for BI jobs and CRM syncs calling <c>/api/…</c>.</summary>
public interface IApiTokenStore
{
    /// <summary>Stores a new token; null when an active token already has that name.</summary>
    Task<ApiToken?> AddAsync(string name, string hash, string prefix, string createdBy, CancellationToken ct);

    /// <summary>Every token, active ones first, newest first.</summary>
    Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken ct);

    /// <summary>The active (not revoked) token with this hash, and records that it was used.</summary>
    Task<ApiToken?> UseAsync(string hash, CancellationToken ct);

    /// <summary>Revokes the active token with this name; null when there is none.</summary>
    Task<ApiToken?> RevokeAsync(string name, CancellationToken ct);
}
