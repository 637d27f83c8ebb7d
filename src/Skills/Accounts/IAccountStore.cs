namespace ProductOps.Skills.Accounts;

/// <summary>The account catalogue shared by the Feedback and Participants skills.</summary>
public interface IAccountStore
{
    Task<Account?> FindAsync(long id, CancellationToken ct);

    /// <summary>By name, alias or CRM id, case-insensitive.</summary>
    Task<Account?> FindByNameAsync(string nameAliasOrCrmId, CancellationToken ct);

    /// <summary>Accounts whose name or an alias contains the words, best matches first.</summary>
    Task<IReadOnlyList<Account>> SearchAsync(string text, int limit, CancellationToken ct);

    /// <summary>Adds or updates each account (by CRM id, else by name) in one transaction; returns how many were added and updated.</summary>
    Task<(int Added, int Updated)> UpsertAsync(IReadOnlyList<AccountData> accounts, CancellationToken ct);
}
