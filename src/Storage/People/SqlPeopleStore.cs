using System.Data.Common;
using System.Text;
using System.Text.Json;
using Dapper;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.Audit;

namespace ProductOps.Storage.People;

/// <summary>
/// People, their chat identities and roles. Handles and e-mail addresses are kept lower-case and
/// unique; a wanted handle that is taken gets a number (alex.kim, alex.kim2). People listed in
/// <see cref="InitialAdmins"/> become admins when they are added or first seen in chat, once.
/// Everyone resolved from chat is kept in memory until the next change to people: all changes go
/// through this store, and it is one per process.
/// </summary>
public sealed class SqlPeopleStore(Database database, TimeProvider clock, InitialAdmins admins) : IPeopleStore
{
    private readonly RowCache<ChatIdentity, Person> _known = new();

    public async Task<Person?> FindAsync(long id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await LoadOneAsync(connection, null, "id = @id", new { id }, ct);
    }

    public async Task<Person?> FindByIdentityAsync(ChatIdentity identity, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await LoadOneAsync(connection, null, ByIdentity, identity, ct);
    }

    public async Task<Person?> FindByHandleAsync(string handleOrEmail, CancellationToken ct)
    {
        var key = handleOrEmail.Trim().TrimStart('@').ToLowerInvariant();
        await using var connection = await database.OpenAsync(ct);
        return await LoadOneAsync(connection, null, "handle = @key OR email = @key", new { key }, ct);
    }

    public async Task<IReadOnlyList<Person>> ListAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await LoadAsync(connection, null, "1 = 1", null, ct);
    }

    public async Task<Person> AddAsync(NewPerson person, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var id = await InsertPersonAsync(connection, transaction, person.Name, person.Handle, Email(person.Email), person.TimeZone, now, ct);
        foreach (var role in person.Roles)
        {
            await InsertRoleAsync(connection, transaction, id, role, ct);
        }

        foreach (var identity in person.Identities)
        {
            await InsertIdentityAsync(connection, transaction, id, identity, ct);
        }

        await ApplyInitialAdminsAsync(connection, transaction, id, now, ct);
        await CommitAsync(transaction, ct);
        return (await LoadAsync(connection, null, "id = @id", new { id }, ct))[0];
    }

    public async Task SetRolesAsync(long personId, IReadOnlySet<Role> roles, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM person_roles WHERE person_id = @personId;", new { personId }, transaction, cancellationToken: ct));
        foreach (var role in roles)
        {
            await InsertRoleAsync(connection, transaction, personId, role, ct);
        }

        await CommitAsync(transaction, ct);
    }

    /// <summary>By identity; else the person with the same e-mail, linked; else a new person with no roles.</summary>
    public async Task<Person> ResolveAsync(ChatUser user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var email = Email(user.Email);
        var name = user.DisplayName.Trim();
        bool AsBefore(Person known) =>
            (name.Length == 0 || name == known.Name) && (user.TimeZone is null || user.TimeZone == known.TimeZone) && (email is null || email == known.Email);

        // Someone already known, as they were: from memory, else one read; not a write transaction on every message.
        if (_known.TryFind(user.Identity, out var remembered) && AsBefore(remembered))
        {
            return remembered;
        }

        var readAt = _known.Version;
        await using var connection = await database.OpenAsync(ct);
        if (await KnownAsync(connection, user.Identity, ct) is { } same && AsBefore(same))
        {
            _known.Keep(user.Identity, same, readAt);
            return same;
        }

        await using var transaction = await connection.BeginTransactionAsync(ct);
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT person_id FROM chat_identities WHERE platform = @Platform AND tenant = @Tenant AND user_id = @UserId;", user.Identity, transaction, cancellationToken: ct));
        if (id is null && email is not null)
        {
            id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT id FROM people WHERE email = @email;", new { email }, transaction, cancellationToken: ct));
            if (id is { } linked)
            {
                await InsertIdentityAsync(connection, transaction, linked, user.Identity, ct);
            }
        }
        else if (id is { } own && email is not null
            && await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT other.id FROM people other WHERE other.email = @email AND other.id <> @own AND (SELECT email FROM people WHERE id = @own) IS NULL;",
                new { email, own },
                transaction,
                cancellationToken: ct)) is { } owner)
        {
            // First met when the platform could not tell their e-mail (Teams' member API failed), so
            // they got a person of their own; the identity belongs with the person who has that e-mail.
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE chat_identities SET person_id = @owner WHERE platform = @Platform AND tenant = @Tenant AND user_id = @UserId;",
                new { owner, user.Identity.Platform, user.Identity.Tenant, user.Identity.UserId },
                transaction,
                cancellationToken: ct));
            id = owner;
        }

        if (id is { } known)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE people SET
                    name = COALESCE(NULLIF(@name, ''), name),
                    time_zone = COALESCE(@TimeZone, time_zone),
                    email = CASE WHEN @email IS NOT NULL AND NOT EXISTS (SELECT 1 FROM people other WHERE other.email = @email AND other.id <> people.id)
                                 THEN @email ELSE email END
                WHERE id = @known;
                """,
                new { name, user.TimeZone, email, known },
                transaction,
                cancellationToken: ct));
        }
        else
        {
            var wanted = email?.Split('@')[0] ?? (name.Length > 0 ? name : user.Identity.UserId);
            id = await InsertPersonAsync(connection, transaction, name.Length > 0 ? name : user.Identity.UserId, wanted, email, user.TimeZone, now, ct);
            await InsertIdentityAsync(connection, transaction, id.Value, user.Identity, ct);
        }

        var first = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE people SET first_resolved_at = @at WHERE id = @id AND first_resolved_at IS NULL;", new { at = StoredTime.Text(now), id }, transaction, cancellationToken: ct));
        if (first == 1)
        {
            await ApplyInitialAdminsAsync(connection, transaction, id.Value, now, ct);
        }

        await CommitAsync(transaction, ct);
        return (await LoadAsync(connection, null, "id = @id", new { id }, ct))[0];
    }

    /// <summary>Commits a change to people; whatever happens, nobody is remembered as they were before it.</summary>
    private async Task CommitAsync(DbTransaction transaction, CancellationToken ct)
    {
        try
        {
            await transaction.CommitAsync(ct);
        }
        finally
        {
            _known.ForgetAll();
        }
    }

    private const string ByIdentity =
        "id = (SELECT person_id FROM chat_identities WHERE platform = @Platform AND tenant = @Tenant AND user_id = @UserId)";

    private async Task ApplyInitialAdminsAsync(DbConnection connection, DbTransaction transaction, long id, DateTimeOffset now, CancellationToken ct)
    {
        var person = (await LoadAsync(connection, transaction, "id = @id", new { id }, ct))[0];
        if (person.Has(Role.Admin) || !admins.Includes(person.Handle, person.Email))
        {
            return;
        }

        await InsertRoleAsync(connection, transaction, id, Role.Admin, ct);
        await SqlAuditLog.InsertAsync(connection, transaction, InitialAdmins.Grant(AuditText.Person(person), person.Roles, person.Roles.Append(Role.Admin)), now, ct);
    }

    private static async Task<long> InsertPersonAsync(
        DbConnection connection, DbTransaction transaction, string name, string wantedHandle, string? email, string? timeZone, DateTimeOffset now, CancellationToken ct)
    {
        var handle = await FreeHandleAsync(connection, transaction, Handle(wantedHandle), ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO people (name, handle, email, time_zone, created_at) VALUES (@name, @handle, @email, @timeZone, @at) RETURNING id;",
            new { name, handle, email, timeZone, at = StoredTime.Text(now) },
            transaction,
            cancellationToken: ct));
    }

    private static Task<int> InsertRoleAsync(DbConnection connection, DbTransaction transaction, long personId, Role role, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO person_roles (person_id, role) VALUES (@personId, @role) ON CONFLICT DO NOTHING;",
            new { personId, role = RoleNames.Key(role) },
            transaction,
            cancellationToken: ct));

    private static Task<int> InsertIdentityAsync(DbConnection connection, DbTransaction transaction, long personId, ChatIdentity identity, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO chat_identities (platform, tenant, user_id, person_id) VALUES (@Platform, @Tenant, @UserId, @personId);",
            new { identity.Platform, identity.Tenant, identity.UserId, personId },
            transaction,
            cancellationToken: ct));

    private static async Task<string> FreeHandleAsync(DbConnection connection, DbTransaction transaction, string wanted, CancellationToken ct)
    {
        var taken = (await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT handle FROM people WHERE handle LIKE @prefix;", new { prefix = wanted + "%" }, transaction, cancellationToken: ct)))
            .ToHashSet(StringComparer.Ordinal);
        if (!taken.Contains(wanted))
        {
            return wanted;
        }

        var n = 2;
        while (taken.Contains(wanted + n))
        {
            n++;
        }

        return wanted + n;
    }

    /// <summary>Lower case letters and digits joined by dots: "Zoë Ångström" becomes "zoë.ångström".</summary>
    internal static string Handle(string wanted)
    {
        var handle = new StringBuilder();
        foreach (var c in wanted.Trim().TrimStart('@').ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                handle.Append(c);
            }
            else if (handle.Length > 0 && handle[^1] != '.')
            {
                handle.Append('.');
            }
        }

        var text = handle.ToString().TrimEnd('.');
        return text.Length == 0 ? "person" : text;
    }

    private static string? Email(string? email) =>
        string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal) ? null : email.Trim().ToLowerInvariant();

    private static async Task<Person?> LoadOneAsync(DbConnection connection, DbTransaction? transaction, string where, object? param, CancellationToken ct) =>
        await LoadAsync(connection, transaction, where, param, ct) is [var person, ..] ? person : null;

    private static async Task<Person[]> LoadAsync(DbConnection connection, DbTransaction? transaction, string where, object? param, CancellationToken ct)
    {
        var sql = $"""
            SELECT id, name, handle, email, time_zone AS TimeZone FROM people WHERE {where} ORDER BY id;
            SELECT person_id AS PersonId, role FROM person_roles WHERE person_id IN (SELECT id FROM people WHERE {where});
            SELECT person_id AS PersonId, platform, tenant, user_id AS UserId FROM chat_identities
            WHERE person_id IN (SELECT id FROM people WHERE {where}) ORDER BY platform, tenant, user_id;
            """;
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, param, transaction, cancellationToken: ct));
        var people = (await grid.ReadAsync<PersonRow>()).ToArray();
        var roles = (await grid.ReadAsync<RoleRow>()).ToLookup(r => r.PersonId);
        var identities = (await grid.ReadAsync<IdentityRow>()).ToLookup(i => i.PersonId);
        return people.Select(p => new Person(
                p.Id,
                p.Name,
                p.Handle,
                p.Email,
                p.TimeZone,
                roles[p.Id].Select(r => RoleNames.TryParse(r.Role, out var role) ? role : (Role?)null).OfType<Role>().ToHashSet(),
                identities[p.Id].Select(i => new ChatIdentity(i.Platform, i.Tenant, i.UserId)).ToArray()))
            .ToArray();
    }

    /// <summary>
    /// The person behind an identity who was resolved before, in one statement (roles and identities
    /// as JSON): the read every message makes, where <see cref="LoadAsync"/> would run three.
    /// </summary>
    private static async Task<Person?> KnownAsync(DbConnection connection, ChatIdentity identity, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<KnownRow>(new CommandDefinition(
            """
            SELECT p.id AS Id, p.name AS Name, p.handle AS Handle, p.email AS Email, p.time_zone AS TimeZone,
                   (SELECT json_group_array(role) FROM person_roles WHERE person_id = p.id) AS Roles,
                   (SELECT json_group_array(json_array(platform, tenant, user_id)) FROM (
                       SELECT platform, tenant, user_id FROM chat_identities WHERE person_id = p.id ORDER BY platform, tenant, user_id)) AS Identities
            FROM chat_identities i JOIN people p ON p.id = i.person_id
            WHERE i.platform = @Platform AND i.tenant = @Tenant AND i.user_id = @UserId AND p.first_resolved_at IS NOT NULL;
            """,
            identity,
            cancellationToken: ct));
        return row is null
            ? null
            : new Person(
                row.Id,
                row.Name,
                row.Handle,
                row.Email,
                row.TimeZone,
                JsonSerializer.Deserialize<string[]>(row.Roles)!.Select(r => RoleNames.TryParse(r, out var role) ? role : (Role?)null).OfType<Role>().ToHashSet(),
                JsonSerializer.Deserialize<string[][]>(row.Identities)!.Select(i => new ChatIdentity(i[0], i[1], i[2])).ToArray());
    }

    private sealed record PersonRow(long Id, string Name, string Handle, string? Email, string? TimeZone);

    private sealed record KnownRow(long Id, string Name, string Handle, string? Email, string? TimeZone, string Roles, string Identities);

    private sealed record RoleRow(long PersonId, string Role);

    private sealed record IdentityRow(long PersonId, string Platform, string Tenant, string UserId);
}
