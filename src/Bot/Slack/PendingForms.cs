using System.Collections.Concurrent;
using System.Security.Cryptography;
using ProductOps.Bot.Slack.Requests;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Slack;

/// <summary>
/// Forms that could not be opened at once: a mention or DM carries no trigger_id, and a trigger can
/// expire. The form is kept here and the person gets an "Open" button; the click brings a fresh
/// trigger. Kept in memory for half an hour: after a restart the person runs the command again.
/// </summary>
public sealed class PendingForms(TimeProvider clock)
{
    /// <summary>The action id of the "Open" button; handled by the Slack adapter, never routed to a skill.</summary>
    public const string OpenAction = "productops.slack.open_form";

    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<string, (Form Form, SlackContext Context, DateTimeOffset Until)> _forms = new(StringComparer.Ordinal);

    public string Add(Form form, SlackContext context)
    {
        var now = clock.GetUtcNow();
        foreach (var (key, pending) in _forms)
        {
            if (pending.Until <= now)
            {
                _forms.TryRemove(key, out _);
            }
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        _forms[id] = (form, context, now + Keep);
        return id;
    }

    /// <summary>The form for a key, once; null when unknown or expired.</summary>
    public (Form Form, SlackContext Context)? Take(string? key) =>
        key is not null && _forms.TryRemove(key, out var pending) && pending.Until > clock.GetUtcNow() ? (pending.Form, pending.Context) : null;
}
