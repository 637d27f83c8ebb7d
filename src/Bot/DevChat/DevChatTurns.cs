using ProductOps.Bot.Pipeline;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.DevChat;

namespace ProductOps.Bot.DevChat;

public sealed record ReplyView(Visibility Visibility, string Text, IReadOnlyList<Block> Blocks, string Html);

/// <summary>A form to open: the page shows <paramref name="Title"/> and the submit button around <paramref name="Html"/>.</summary>
public sealed record FormView(string FormId, string Title, string SubmitLabel, string? State, string Html);

public sealed record TurnView(IReadOnlyList<ReplyView> Replies, FormView? Form);

public sealed record FormErrorsView(IReadOnlyDictionary<string, string> Errors);

/// <summary>
/// Runs one dev chat turn for a person picked on the page: builds the chat user from the person
/// with that dev chat identity, runs the turn, keeps channel and DM replies in their histories,
/// and renders the response for the page.
/// </summary>
public sealed class DevChatTurns(IPeopleStore people, TurnRunner turns, SqlDevChatStore store)
{
    public static ChatIdentity Identity(string handle) => new(Platforms.DevChat, DevChatSetup.Tenant, handle);

    public Task<Person?> FindAsync(string handle, CancellationToken ct) => people.FindByIdentityAsync(Identity(handle), ct);

    /// <summary>
    /// Runs the inbound <paramref name="build"/> makes, in <paramref name="channel"/> or (when null) the
    /// person's DM with the bot. With <paramref name="errorsKeepForm"/>, field errors are answered as
    /// <see cref="FormErrorsView"/> so the page keeps the form open.
    /// </summary>
    public async Task<IResult> RunAsync(Person person, string? channel, Func<ChatUser, Place, Inbound> build, bool errorsKeepForm, CancellationToken ct)
    {
        var identity = person.IdentityOn(Platforms.DevChat)!;
        var from = new ChatUser(identity, person.Name, person.Email, person.TimeZone);
        var where = channel is null ? Place.Direct("dm:" + identity.UserId) : Place.Channel(channel, channel);
        var response = await turns.RunAsync(build(from, where), ct);
        if (errorsKeepForm && response.FieldErrors.Count > 0)
        {
            return DevChatJson.Ok(new FormErrorsView(response.FieldErrors));
        }

        foreach (var reply in response.Replies)
        {
            var history = reply.Visibility switch
            {
                Visibility.Channel when channel is not null => DevChatConversation.Channel(channel),
                Visibility.DirectMessage => DevChatConversation.Direct(identity.UserId),
                _ => null,
            };
            if (history is not null)
            {
                await store.AddAsync("turn:" + Guid.NewGuid().ToString("N"), history, reply, ct);
            }
        }

        var form = response.Form is { } f
            ? new FormView(f.FormId, f.Title, f.SubmitLabel, f.State, HtmlRenderer.RenderFields(f, f.Inputs.Any(i => i is UserInput) ? await people.ListAsync(ct) : []))
            : null;
        return DevChatJson.Ok(new TurnView(response.Replies.Select(View).ToArray(), form));
    }

    private static ReplyView View(Reply reply) => new(reply.Visibility, reply.Fallback, reply.Blocks, HtmlRenderer.Render(reply));
}
