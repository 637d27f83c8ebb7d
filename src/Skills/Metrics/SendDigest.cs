using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Metrics;

/// <summary><c>/metric digest now</c>: sends the product-health digest at once.</summary>
public sealed class SendDigestHandler(MetricsDigest digest) : ICommandHandler
{
    public static readonly CommandSpec Spec = new("metric", "digest now", "Sends the product-health digest to its channel now.", "/metric digest now", "/metric digest now")
    {
        Roles = new HashSet<Role> { Role.Admin },
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var outcome = await digest.SendNowAsync(ct);
        var text = Markup.Text(outcome.Summary);
        if (outcome.Problems.Count > 0)
        {
            text += "\n" + string.Join("\n", outcome.Problems.Select(p => "• " + p));
        }

        return Response.Say(text);
    }
}
