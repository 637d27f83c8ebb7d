using ProductOps.Skills.Conversation;
using ProductOps.Skills.Importing;

namespace ProductOps.Skills.Participants;

/// <summary>
/// <c>/participants import</c>: CSV pasted after the command is imported at once; without it, the
/// answer says how to send a file through the API or the command line.
/// </summary>
public sealed class ImportFromChatHandler(ImportParticipants import) : ICommandHandler
{
    public const string Partial = "--partial";

    public static readonly CommandSpec Spec = new(
        RequestParticipantsHandler.Command,
        "import",
        "Imports participants from CSV (upsert by e-mail).",
        "/participants import [--partial] <CSV with a header line>",
        "/participants import")
    {
        Details = "Files: POST /api/participants with an API token (?partial=true keeps the good rows), or `dotnet run --project src/Bot -- import participants FILE.csv [--partial]`.",
        Roles = ParticipantRoles.Admins,
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var text = request.Args.Text.Trim();
        var partial = text.StartsWith(Partial, StringComparison.OrdinalIgnoreCase);
        if (partial)
        {
            text = text[Partial.Length..].Trim();
        }

        if (!text.Contains('\n', StringComparison.Ordinal))
        {
            return Response.Say(new ReplyBuilder()
                .Section(Markup.Of($"Paste the CSV after {Md.Code("/participants import")}: a header line, then one line per person. Columns: {import.Columns}."))
                .Context(Markup.Of($"For a file: {Md.Code("POST /api/participants")} with an API token ({Md.Code("/productops token create")}), or {Md.Code("dotnet run --project src/Bot -- import participants FILE.csv [--partial]")}."))
                .Build());
        }

        using var csv = new StringReader(text);
        var report = await import.ImportAsync(csv, new ImportRequest(request.Person.Id, request.Person.Name, partial), ct);
        return Response.Say(report.Summary.Replace("--partial", "/participants import --partial", StringComparison.Ordinal));
    }
}
