using ProductOps.Bot.Pipeline;
using ProductOps.Bot.Slack.Api;
using ProductOps.Bot.Slack.Requests;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Slack;

/// <summary>
/// Runs Slack turns: completes the inbound with what only the Web API knows (the user's name,
/// e-mail and time zone; people picked in a form; a shared message's author and permalink), runs it
/// through the pipeline and delivers the response. Repeated event deliveries never get here: the
/// inbox stores each event once.
/// </summary>
public sealed class SlackTurns(
    TurnRunner runner,
    SlackUsers users,
    IPersonResolver people,
    SlackResponder responder,
    PendingForms pending,
    ISlackApi api)
{
    public async Task RunAsync(SlackWork work, CancellationToken ct)
    {
        var (turn, ready) = (work.Turn, work.Response);
        if (ready is not null)
        {
            await responder.DeliverAsync(turn.Context, ready, ct);
            return;
        }

        if (turn.Inbound is ActionInbound { ActionId: PendingForms.OpenAction } open)
        {
            await OpenPendingAsync(turn.Context, open.Value, ct);
            return;
        }

        var response = await RespondAsync(turn, ct);
        await responder.DeliverAsync(turn.Context, response, ct);
    }

    /// <summary>Runs a turn and returns its response without delivering it (view submissions answer inside their acknowledgement).</summary>
    public async Task<Response> RespondAsync(SlackTurn turn, CancellationToken ct) =>
        await runner.RunAsync(await CompleteAsync(turn, ct), ct);

    private async Task<Inbound> CompleteAsync(SlackTurn turn, CancellationToken ct)
    {
        var inbound = turn.Inbound with { From = await users.DescribeAsync(turn.Inbound.From, ct) };
        return inbound switch
        {
            FormSubmission form when turn.Context.UserFields.Count > 0 => form with { Values = await PeopleIdsAsync(form.Values, turn.Context, ct) },
            MessageInbound { Shared: { } shared } message => message with { Shared = await SharedAsync(shared, turn.Context, ct) },
            _ => inbound,
        };
    }

    /// <summary>User pickers answer Slack user ids; skills work with person ids, so each picked user is resolved (and linked by e-mail).</summary>
    private async Task<FormValues> PeopleIdsAsync(FormValues values, SlackContext context, CancellationToken ct)
    {
        var all = values.All.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        foreach (var field in context.UserFields)
        {
            var ids = new List<string>();
            foreach (var userId in values.List(field))
            {
                var user = await users.DescribeAsync(new ChatUser(new ChatIdentity(Platforms.Slack, context.TeamId, userId), userId), ct);
                var person = await people.ResolveAsync(user, ct);
                ids.Add(person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            all[field] = ids;
        }

        return new FormValues(all);
    }

    private async Task<SharedMessage> SharedAsync(SharedMessage shared, SlackContext context, CancellationToken ct)
    {
        var author = shared.AuthorId is { } authorId
            ? (await users.DescribeAsync(new ChatUser(new ChatIdentity(Platforms.Slack, context.TeamId, authorId), authorId), ct)).DisplayName
            : null;
        var link = context.ChannelId is { } channel && context.SharedTs is { } ts ? await api.PermalinkAsync(channel, ts, ct) : null;
        return shared with { AuthorName = author ?? shared.AuthorName, Link = link ?? shared.Link };
    }

    private async Task OpenPendingAsync(SlackContext context, string? key, CancellationToken ct)
    {
        if (pending.Take(key) is not { } found)
        {
            await responder.SendAsync(context, Reply.Say("That form has expired. Run the command again to open a fresh one."), ct);
            return;
        }

        await responder.OpenFormAsync(found.Context with { TriggerId = context.TriggerId }, found.Form, context.TriggerId, ct);
    }
}
