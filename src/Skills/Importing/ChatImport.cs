using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Importing;

/// <summary>
/// Imports from CSV pasted after a chat command (<c>/metric import</c> and the like). Chat commands
/// carry no files, so without a pasted table the answer says how to send a file through the API or
/// the command line instead.
/// </summary>
public static class ChatImport
{
    public const string Partial = "--partial";

    /// <summary>The command for one kind of import, for <see cref="ImportFromChatHandler{TImport}"/>.</summary>
    public static CommandSpec Spec(string command, string sub, string kind, string summary, IReadOnlySet<Role> roles, string? details = null) =>
        new(command, sub, summary, $"/{command} {sub} [{Partial}] <CSV with a header line>", $"/{command} {sub}")
        {
            Details = $"{details}{(details is null ? "" : " ")}Files: POST /api/{kind} with an API token (?partial=true keeps the good rows), or `dotnet run --project src/Bot -- import {kind} FILE.csv [{Partial}]`.",
            Roles = roles,
        };

    public static async Task<Response> RunAsync(ICsvImport import, CommandRequest request, CancellationToken ct)
    {
        var command = "/" + request.Spec.Words;
        var text = request.Args.Text.Trim();
        var partial = text.StartsWith(Partial, StringComparison.OrdinalIgnoreCase);
        if (partial)
        {
            text = text[Partial.Length..].Trim();
        }

        if (!text.Contains('\n', StringComparison.Ordinal))
        {
            return Response.Say(new ReplyBuilder()
                .Section(Markup.Of($"Paste the CSV after {Md.Code(command)}: a header line, then one line per row. Columns: {import.Columns}."))
                .Context(Markup.Of($"For a file: {Md.Code($"POST /api/{import.Kind}")} with an API token ({Md.Code("/productops token create")}), or {Md.Code($"dotnet run --project src/Bot -- import {import.Kind} FILE.csv [{Partial}]")}."))
                .Build());
        }

        using var csv = new StringReader(text);
        var report = await import.ImportAsync(csv, new ImportRequest(request.Person.Id, request.Person.Name, partial), ct);
        return Response.Say(report.Summary.Replace(Partial, $"{command} {Partial}", StringComparison.Ordinal));
    }
}

/// <summary>A chat import command (its spec from <see cref="ChatImport.Spec"/>): the pasted CSV goes to <typeparamref name="TImport"/>.</summary>
public sealed class ImportFromChatHandler<TImport>(TImport import) : ICommandHandler
    where TImport : ICsvImport
{
    public Task<Response> HandleAsync(CommandRequest request, CancellationToken ct) => ChatImport.RunAsync(import, request, ct);
}
