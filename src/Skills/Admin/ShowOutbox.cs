using System.Globalization;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Admin;

/// <summary><c>/productops outbox</c>: what is waiting to be sent, and what could not be delivered.</summary>
public sealed class ShowOutboxHandler(IOutboxStore outbox) : ICommandHandler
{
    public const int FailuresShown = 10;

    public static readonly CommandSpec Spec = new(
        "productops",
        "outbox",
        "Shows proactive messages waiting to be sent and the latest that could not be delivered.",
        "/productops outbox",
        "/productops outbox")
    {
        Details = "Messages waiting for a platform are for people or channels on a platform that is not connected yet; they are sent once it is.",
        Roles = new HashSet<Role> { Role.Admin },
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var counts = await outbox.CountAsync(ct);
        var failures = await outbox.RecentFailuresAsync(FailuresShown, ct);
        var reply = new ReplyBuilder()
            .Header("Outbox")
            .Section(
                Markup.Empty,
                new Field("Pending", Count(counts.Pending + counts.Sending)),
                new Field("Waiting for a platform", Count(counts.WaitingForPlatform)),
                new Field("Failed", Count(counts.Failed)),
                new Field("Delivered", Count(counts.Delivered)));
        if (failures.Count == 0)
        {
            return Response.Say(reply.Context("No message has failed for good.").Build());
        }

        reply.Divider().Section(Markup.Of($"{Md.Bold(failures.Count == 1 ? "Latest failure" : $"Latest {failures.Count} failures")}"));
        foreach (var failure in failures)
        {
            reply.Section(Markup.Of(
                $"{Recipient(failure.To)} {Md.Code(failure.Key)}\n{failure.Attempts} attempts, failed {failure.FailedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC\n{Md.Italic(failure.LastError ?? "no error recorded")}"));
        }

        return Response.Say(reply.Build());
    }

    private static Markup Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static Markup Recipient(Recipient to) => to switch
    {
        PersonRecipient p => Markup.Of($"DM to person {p.PersonId}"),
        ChannelRecipient { Platform: { } platform } c => Markup.Of($"{Md.Channel(c.Channel)} on {platform}"),
        ChannelRecipient c => Markup.Of($"{Md.Channel(c.Channel)}"),
        _ => Markup.Text(to.GetType().Name),
    };
}
