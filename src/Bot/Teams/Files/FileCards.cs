using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProductOps.Bot.Teams.Files;

/// <summary>
/// What the person's Teams client sent back from a consent card: <c>accept</c> or <c>decline</c>, the
/// context the card carried, and on accept the upload session Teams opened in their OneDrive.
/// </summary>
public sealed record FileConsentAnswer(string? Type, string? Action, JsonElement? Context, UploadInfo? UploadInfo)
{
    public bool Accepted => string.Equals(Action, "accept", StringComparison.OrdinalIgnoreCase);

    public bool Declined => string.Equals(Action, "decline", StringComparison.OrdinalIgnoreCase);

    /// <summary>The offered file's id, as <see cref="FileCards.Consent"/> put it in the card's context.</summary>
    public string? FileId =>
        Context is { ValueKind: JsonValueKind.Object } context && context.TryGetProperty(FileCards.ContextKey, out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;
}

/// <summary>Where to put the bytes (<see cref="UploadUrl"/>) and how Teams shows the file once it is there.</summary>
public sealed record UploadInfo(string? Name, string? UploadUrl, string? ContentUrl, string? UniqueId, string? FileType);

/// <summary>
/// Teams' file cards, which work only in a person's 1:1 chat with the bot: the consent card asks to
/// save a file into their OneDrive (<c>fileConsent/invoke</c> brings the answer); the info card shows
/// the file once it is saved there.
/// </summary>
public static class FileCards
{
    public const string ConsentType = "application/vnd.microsoft.teams.card.file.consent";

    public const string InfoType = "application/vnd.microsoft.teams.card.file.info";

    /// <summary>The key of the offered file's id in the card's accept and decline contexts.</summary>
    public const string ContextKey = "file";

    public static Attachment Consent(string fileId, string fileName, string description, long sizeInBytes) =>
        new(ConsentType, new JsonObject
        {
            ["description"] = description,
            ["sizeInBytes"] = sizeInBytes,
            ["acceptContext"] = new JsonObject { [ContextKey] = fileId },
            ["declineContext"] = new JsonObject { [ContextKey] = fileId },
        })
        {
            Name = fileName,
        };

    public static Attachment Info(UploadInfo upload) =>
        new(InfoType, new JsonObject { ["uniqueId"] = upload.UniqueId, ["fileType"] = upload.FileType })
        {
            ContentUrl = upload.ContentUrl,
            Name = upload.Name,
        };

    /// <summary>The invoke's value, or null when it is not a consent answer at all.</summary>
    public static FileConsentAnswer? Read(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } v)
        {
            return null;
        }

        try
        {
            return v.Deserialize<FileConsentAnswer>(TeamsJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
