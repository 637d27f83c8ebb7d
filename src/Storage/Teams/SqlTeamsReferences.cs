using System.Data.Common;
using Dapper;
using ProductOps.Storage.Audit;

namespace ProductOps.Storage.Teams;

/// <summary>
/// A Teams user as the bot knows them. <paramref name="UserKey"/> is the user id of their chat
/// identity (the AAD object id, or the 29: id where Teams gives none); <paramref name="UserId"/> is
/// the bot-specific 29: id that opening a 1:1 chat needs.
/// </summary>
public sealed record TeamsUser(
    string TenantId,
    string UserKey,
    string UserId,
    string? AadObjectId,
    string? Name,
    string ServiceUrl,
    string? Email = null,
    DateTimeOffset? EmailCheckedAt = null,
    string? PersonalConversationId = null,
    DateTimeOffset? BlockedAt = null);

/// <summary>A conversation the bot was added to: a 1:1 chat, a group chat or a team channel.</summary>
public sealed record TeamsConversation(
    string ConversationId,
    string? TenantId,
    string Kind,
    string ServiceUrl,
    string BotId,
    string? TeamId,
    string? Name,
    bool Installed = true);

/// <summary>A team channel the bot has seen, with its team and, once known, the team's Microsoft 365 group id.</summary>
public sealed record TeamsChannel(string ChannelId, string TeamId, string ServiceUrl, string? AadGroupId);

/// <summary>
/// Conversation references for Teams replies and proactive messages, and the teams' group ids; see
/// migrations 0007 and 0020. Every activity reads its sender, and every channel message its
/// conversation and team: what was read or saved is kept in memory, and this store, the only writer
/// of these tables and one per process, forgets a row whenever it writes it.
/// </summary>
public sealed class SqlTeamsReferences(Database database, TimeProvider clock)
{
    private readonly RowCache<(string TenantId, string UserKey), TeamsUser?> _users = new();
    private readonly RowCache<string, TeamsConversation> _conversations = new();
    private readonly RowCache<string, string> _teamGroups = new();

    /// <summary>
    /// Records what an authenticated activity told about its sender and returns all that is known of
    /// them. Clears a block, since the user talks to the bot again; keeps the e-mail and 1:1 chat
    /// already known. Writes only when something changed: a user's every message otherwise costs a
    /// write transaction that says nothing new.
    /// </summary>
    public async Task<TeamsUser> SeenAsync(TeamsUser user, CancellationToken ct)
    {
        if (await FindUserAsync(user.TenantId, user.UserKey, ct) is { } known && !Changes(known, user))
        {
            return known;
        }

        await using (var connection = await database.OpenAsync(ct))
        {
            await WriteUserAsync(user.TenantId, user.UserKey, connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO teams_users (tenant_id, user_key, user_id, aad_object_id, name, service_url, personal_conversation_id, updated_at)
                VALUES (@TenantId, @UserKey, @UserId, @AadObjectId, @Name, @ServiceUrl, @PersonalConversationId, @Now)
                ON CONFLICT (tenant_id, user_key) DO UPDATE SET
                    user_id = excluded.user_id,
                    aad_object_id = COALESCE(excluded.aad_object_id, aad_object_id),
                    name = COALESCE(excluded.name, name),
                    service_url = excluded.service_url,
                    personal_conversation_id = COALESCE(excluded.personal_conversation_id, personal_conversation_id),
                    blocked_at = NULL,
                    updated_at = excluded.updated_at;
                """,
                new { user.TenantId, user.UserKey, user.UserId, user.AadObjectId, user.Name, user.ServiceUrl, user.PersonalConversationId, Now = StoredTime.Text(clock.GetUtcNow()) },
                cancellationToken: ct)));
        }

        return (await FindUserAsync(user.TenantId, user.UserKey, ct))!;
    }

    private static bool Changes(TeamsUser known, TeamsUser seen) =>
        known.UserId != seen.UserId
        || known.ServiceUrl != seen.ServiceUrl
        || known.BlockedAt is not null
        || (seen.AadObjectId is not null && seen.AadObjectId != known.AadObjectId)
        || (seen.Name is not null && seen.Name != known.Name)
        || (seen.PersonalConversationId is not null && seen.PersonalConversationId != known.PersonalConversationId);

    public async Task<TeamsUser?> FindUserAsync(string tenantId, string userKey, CancellationToken ct)
    {
        if (_users.TryFind((tenantId, userKey), out var remembered))
        {
            return remembered;
        }

        var readAt = _users.Version;
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            UserColumns + " WHERE tenant_id = @tenantId AND user_key = @userKey;",
            new { tenantId, userKey },
            cancellationToken: ct));
        var user = row?.User;
        _users.Keep((tenantId, userKey), user, readAt);
        return user;
    }

    /// <summary>
    /// The user with this bot-specific 29: id, the only id a mention of them may carry. Read only for
    /// mentions of other people, so it is neither cached nor indexed.
    /// </summary>
    public async Task<TeamsUser?> FindUserByIdAsync(string tenantId, string userId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QueryFirstOrDefaultAsync<UserRow>(new CommandDefinition(
            UserColumns + " WHERE tenant_id = @tenantId AND user_id = @userId ORDER BY updated_at DESC LIMIT 1;",
            new { tenantId, userId },
            cancellationToken: ct));
        return row?.User;
    }

    /// <summary>Runs a write to one user's row; whatever happens, the row is read afresh next time.</summary>
    private async Task<int> WriteUserAsync(string tenantId, string userKey, Task<int> write)
    {
        try
        {
            return await write;
        }
        finally
        {
            _users.Forget((tenantId, userKey));
        }
    }

    /// <summary>Stores what the member API told and when it was checked; a null e-mail keeps the one known.</summary>
    public async Task SetEmailAsync(string tenantId, string userKey, string? email, DateTimeOffset checkedAt, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await WriteUserAsync(tenantId, userKey, connection.ExecuteAsync(new CommandDefinition(
            "UPDATE teams_users SET email = COALESCE(@email, email), email_checked_at = @CheckedAt WHERE tenant_id = @tenantId AND user_key = @userKey;",
            new { tenantId, userKey, email, CheckedAt = StoredTime.Text(checkedAt) },
            cancellationToken: ct)));
    }

    public async Task SetPersonalConversationAsync(string tenantId, string userKey, string conversationId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await WriteUserAsync(tenantId, userKey, connection.ExecuteAsync(new CommandDefinition(
            "UPDATE teams_users SET personal_conversation_id = @conversationId WHERE tenant_id = @tenantId AND user_key = @userKey;",
            new { tenantId, userKey, conversationId },
            cancellationToken: ct)));
    }

    /// <summary>Teams refused writes to the user (blocked or uninstalled); true the first time, so admins are told once.</summary>
    public async Task<bool> MarkBlockedAsync(string tenantId, string userKey, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await WriteUserAsync(tenantId, userKey, connection.ExecuteAsync(new CommandDefinition(
            "UPDATE teams_users SET blocked_at = @Now WHERE tenant_id = @tenantId AND user_key = @userKey AND blocked_at IS NULL;",
            new { tenantId, userKey, Now = StoredTime.Text(clock.GetUtcNow()) },
            cancellationToken: ct))) == 1;
    }

    public async Task SaveConversationAsync(TeamsConversation conversation, CancellationToken ct)
    {
        if (_conversations.TryFind(conversation.ConversationId, out var saved) && saved == conversation)
        {
            return;
        }

        var readAt = _conversations.Version;
        await using var connection = await database.OpenAsync(ct);

        // Every channel message passes here: a row that would not change is only read, not rewritten.
        var same = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            SELECT 1 FROM teams_conversations
            WHERE conversation_id = @ConversationId AND kind = @Kind AND service_url = @ServiceUrl AND bot_id = @BotId AND installed = @Installed
              AND (@TenantId IS NULL OR tenant_id IS @TenantId) AND (@TeamId IS NULL OR team_id IS @TeamId) AND (@Name IS NULL OR name IS @Name);
            """,
            new { conversation.ConversationId, conversation.Kind, conversation.ServiceUrl, conversation.BotId, Installed = conversation.Installed ? 1 : 0, conversation.TenantId, conversation.TeamId, conversation.Name },
            cancellationToken: ct));
        if (same is not null)
        {
            _conversations.Keep(conversation.ConversationId, conversation, readAt);
            return;
        }

        try
        {
            await SaveAsync(connection, conversation, ct);
        }
        finally
        {
            _conversations.Forget(conversation.ConversationId);
        }
    }

    private Task<int> SaveAsync(DbConnection connection, TeamsConversation conversation, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO teams_conversations (conversation_id, tenant_id, kind, service_url, bot_id, team_id, name, installed, updated_at)
            VALUES (@ConversationId, @TenantId, @Kind, @ServiceUrl, @BotId, @TeamId, @Name, @Installed, @Now)
            ON CONFLICT (conversation_id) DO UPDATE SET
                tenant_id = COALESCE(excluded.tenant_id, tenant_id),
                kind = excluded.kind,
                service_url = excluded.service_url,
                bot_id = excluded.bot_id,
                team_id = COALESCE(excluded.team_id, team_id),
                name = COALESCE(excluded.name, name),
                installed = excluded.installed,
                updated_at = excluded.updated_at;
            """,
            new
            {
                conversation.ConversationId, conversation.TenantId, conversation.Kind, conversation.ServiceUrl, conversation.BotId,
                conversation.TeamId, conversation.Name, Installed = conversation.Installed ? 1 : 0, Now = StoredTime.Text(clock.GetUtcNow()),
            },
            cancellationToken: ct));

    /// <summary>An installed conversation by id, or by name (case-insensitive, without a leading #).</summary>
    public async Task<TeamsConversation?> FindConversationAsync(string idOrName, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QueryFirstOrDefaultAsync<ConversationRow>(new CommandDefinition(
            """
            SELECT conversation_id AS ConversationId, tenant_id AS TenantId, kind AS Kind, service_url AS ServiceUrl, bot_id AS BotId,
                   team_id AS TeamId, name AS Name, installed AS Installed
            FROM teams_conversations
            WHERE installed = 1 AND (conversation_id = @idOrName OR lower(name) = lower(@name))
            ORDER BY conversation_id = @idOrName DESC, updated_at DESC
            LIMIT 1;
            """,
            new { idOrName, name = idOrName.Trim().TrimStart('#') },
            cancellationToken: ct));
        return row is null
            ? null
            : new TeamsConversation(row.ConversationId, row.TenantId, row.Kind, row.ServiceUrl, row.BotId, row.TeamId, row.Name, row.Installed != 0);
    }

    /// <summary>The channel and its team, when the bot has seen the channel with its team; the group id is null until learned.</summary>
    public async Task<TeamsChannel?> FindChannelAsync(string channelId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<TeamsChannel>(new CommandDefinition(
            """
            SELECT c.conversation_id AS ChannelId, c.team_id AS TeamId, c.service_url AS ServiceUrl, t.aad_group_id AS AadGroupId
            FROM teams_conversations c LEFT JOIN teams_teams t ON t.team_id = c.team_id
            WHERE c.conversation_id = @channelId AND c.team_id IS NOT NULL;
            """,
            new { channelId },
            cancellationToken: ct));
    }

    public async Task SetTeamGroupAsync(string teamId, string aadGroupId, CancellationToken ct)
    {
        // Channel messages that name their team's group pass here each time: a known pair is only read.
        if (_teamGroups.TryFind(teamId, out var known) && known == aadGroupId)
        {
            return;
        }

        var readAt = _teamGroups.Version;
        await using var connection = await database.OpenAsync(ct);
        if (await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT 1 FROM teams_teams WHERE team_id = @teamId AND aad_group_id = @aadGroupId;", new { teamId, aadGroupId }, cancellationToken: ct)) is not null)
        {
            _teamGroups.Keep(teamId, aadGroupId, readAt);
            return;
        }

        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO teams_teams (team_id, aad_group_id, updated_at) VALUES (@teamId, @aadGroupId, @Now)
                ON CONFLICT (team_id) DO UPDATE SET aad_group_id = excluded.aad_group_id, updated_at = excluded.updated_at;
                """,
                new { teamId, aadGroupId, Now = StoredTime.Text(clock.GetUtcNow()) },
                cancellationToken: ct));
        }
        finally
        {
            _teamGroups.Forget(teamId);
        }
    }

    private const string UserColumns = """
        SELECT tenant_id AS TenantId, user_key AS UserKey, user_id AS UserId, aad_object_id AS AadObjectId, name AS Name,
               service_url AS ServiceUrl, email AS Email, email_checked_at AS EmailCheckedAt,
               personal_conversation_id AS PersonalConversationId, blocked_at AS BlockedAt
        FROM teams_users
        """;

    private static DateTimeOffset? Time(string? text) => text is null ? null : StoredTime.Parse(text);

    private sealed record UserRow(
        string TenantId, string UserKey, string UserId, string? AadObjectId, string? Name, string ServiceUrl, string? Email,
        string? EmailCheckedAt, string? PersonalConversationId, string? BlockedAt)
    {
        public TeamsUser User => new(TenantId, UserKey, UserId, AadObjectId, Name, ServiceUrl, Email, Time(EmailCheckedAt), PersonalConversationId, Time(BlockedAt));
    }

    private sealed record ConversationRow(
        string ConversationId, string? TenantId, string Kind, string ServiceUrl, string BotId, string? TeamId, string? Name, long Installed);
}
