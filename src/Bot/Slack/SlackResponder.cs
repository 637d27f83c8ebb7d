using System.Globalization;
using System.Text.Json.Nodes;
using ProductOps.Bot.Slack.Api;
using ProductOps.Bot.Slack.Requests;
using ProductOps.Bot.Slack.Rendering;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Slack;

/// <summary>
/// Shows a turn's response in Slack. A form opens first (its trigger_id lives three seconds), then
/// each reply goes where its visibility says: the asker (response_url, else an ephemeral message,
/// else a DM), the channel (response_url in_channel, else chat.postMessage), or a DM.
/// </summary>
public sealed class SlackResponder(ISlackApi api, SlackDirectMessages directMessages, IPeopleStore people, PendingForms pending, ILogger<SlackResponder> log)
{
    public async Task DeliverAsync(SlackContext context, Response response, CancellationToken ct)
    {
        if (response.Form is { } form)
        {
            await OpenFormAsync(context, form, context.TriggerId, ct);
        }

        foreach (var reply in response.Replies)
        {
            await SendAsync(context, reply, ct);
        }

        if (response.FieldErrors.Count > 0)
        {
            // Only a submission answered too late for Slack to show the errors in the form ends up here.
            var text = "The form could not be saved:\n" + string.Join("\n", response.FieldErrors.Select(e => $"• {e.Key}: {e.Value}"));
            await SendAsync(context, Reply.Say(text), ct);
        }
    }

    /// <summary>Opens the form as a modal with the trigger; without a usable trigger, offers an "Open" button instead.</summary>
    public async Task OpenFormAsync(SlackContext context, Form form, string? triggerId, CancellationToken ct)
    {
        var modal = await ModalAsync(context, form, ct);
        if (modal is null)
        {
            log.LogError("Form {FormId} carries more state than Slack's private_metadata holds ({Limit} characters)", form.FormId, SlackLimits.PrivateMetadata);
            await SendAsync(context, Reply.Say("This form is too large to open in Slack. Please tell an admin."), ct);
            return;
        }

        if (triggerId is not null)
        {
            var call = await api.OpenViewAsync(triggerId, modal, ct);
            if (call.Ok)
            {
                return;
            }

            log.LogWarning("views.open for form {FormId} answered {Error}; offering a button instead", form.FormId, call.Error);
        }

        var key = pending.Add(form, context);
        var offer = new ReplyBuilder()
            .Section(Markup.Of($"{Md.Bold(form.Title)} opens in a form."))
            .Buttons(new Button("Open", PendingForms.OpenAction, key, ButtonStyle.Primary))
            .Build();
        await SendAsync(context, offer, ct);
    }

    /// <summary>The modal for a form: user pickers show the Slack users of the people already chosen.</summary>
    public async Task<JsonObject?> ModalAsync(SlackContext context, Form form, CancellationToken ct)
    {
        var slackUsers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in form.Inputs.OfType<UserInput>().SelectMany(u => u.Initial).Distinct())
        {
            if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var personId)
                && await people.FindAsync(personId, ct) is { } person
                && person.Identities.FirstOrDefault(i => i.Platform == Platforms.Slack && i.Tenant == context.TeamId) is { } identity)
            {
                slackUsers[id] = identity.UserId;
            }
        }

        return BlockKitRenderer.Modal(form, new ModalMetadata(form.FormId, form.State, context.ChannelId, context.ThreadTs), slackUsers);
    }

    public async Task SendAsync(SlackContext context, Reply reply, CancellationToken ct)
    {
        foreach (var message in BlockKitRenderer.Render(reply))
        {
            var call = reply.Visibility switch
            {
                Visibility.Asker => await ToAskerAsync(context, message, ct),
                Visibility.Channel => await ToChannelAsync(context, message, ct),
                _ => await ToDirectMessageAsync(context.UserId, message, ct),
            };
            if (!call.Ok)
            {
                log.LogWarning("A {Visibility} reply to {UserId} in {TeamId} was not delivered: {Error}", reply.Visibility, context.UserId, context.TeamId, call.Error);
            }
        }
    }

    private async Task<SlackCall> ToAskerAsync(SlackContext context, SlackMessageBody message, CancellationToken ct)
    {
        if (context.ResponseUrl is { } url)
        {
            var call = await api.RespondAsync(url, Respond(message, "ephemeral"), ct);
            if (call.Ok)
            {
                return call;
            }
        }

        if (context.ChannelId is { } channel)
        {
            if (context.InDirectMessage)
            {
                return await api.PostMessageAsync(channel, message, context.ThreadTs, ct);
            }

            var call = await api.PostEphemeralAsync(channel, context.UserId, message, context.ThreadTs, ct);
            if (call.Ok)
            {
                return call;
            }
        }

        // No channel to whisper in (a form opened from a shortcut, or the bot is not in the channel): a DM always works.
        return await ToDirectMessageAsync(context.UserId, message, ct);
    }

    private async Task<SlackCall> ToChannelAsync(SlackContext context, SlackMessageBody message, CancellationToken ct)
    {
        if (context.ResponseUrl is { } url)
        {
            var call = await api.RespondAsync(url, Respond(message, "in_channel"), ct);
            if (call.Ok)
            {
                return call;
            }
        }

        return context.ChannelId is { } channel
            ? await api.PostMessageAsync(channel, message, context.ThreadTs, ct)
            : await ToDirectMessageAsync(context.UserId, message, ct);
    }

    private async Task<SlackCall> ToDirectMessageAsync(string userId, SlackMessageBody message, CancellationToken ct)
    {
        var (channel, failure) = await directMessages.OpenAsync(userId, ct);
        return channel is not null ? await api.PostMessageAsync(channel, message, null, ct) : failure!;
    }

    private static JsonObject Respond(SlackMessageBody message, string responseType)
    {
        var body = message.ToJson();
        body["response_type"] = responseType;
        body["replace_original"] = false;
        return body;
    }
}
