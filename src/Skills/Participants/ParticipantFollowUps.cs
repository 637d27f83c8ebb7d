using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Participants;

/// <summary>What one follow-up run did.</summary>
public sealed record FollowUpResult(int Reminded, int Escalated, int Lapsed);

/// <summary>
/// The scheduled side of the skill: reminds account owners who have not answered an approval in
/// approval-reminder-days business days, escalates to the admins approval-escalation-days business days
/// later (telling the PM), and lets lapsed reservations go (telling the PM). Safe to run often: each
/// step is recorded once and each message has its own outbox key.
/// </summary>
public sealed class ParticipantFollowUps(IFollowUpStore queue, IContactLedger ledger, Approvals approvals, IParticipantStore pool, IRequestStore requests, IOutbox outbox, RuleSource rules, TimeProvider clock)
{
    public async Task<FollowUpResult> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var values = await rules.CurrentAsync(ct);
        var (reminded, escalated) = (0, 0);

        // Anyone asked a reminder-period ago or earlier is due for something; the exact step is decided per contact.
        var earliest = now.AddDays(-values[RuleBook.ReminderDays]);
        foreach (var contact in await queue.WaitingApprovalAsync(earliest, ct))
        {
            var asked = contact.ApprovalAskedAt ?? contact.At;
            if (contact.RemindedAt is null && BusinessDays.Add(asked, values[RuleBook.ReminderDays]) <= now)
            {
                reminded += await RemindAsync(contact, values, now, ct) ? 1 : 0;
            }
            else if (contact.RemindedAt is { } remindedAt && contact.EscalatedAt is null && BusinessDays.Add(remindedAt, values[RuleBook.EscalationDays]) <= now)
            {
                escalated += await EscalateAsync(contact, values, now, ct) ? 1 : 0;
            }
        }

        var lapsed = 0;
        foreach (var group in (await queue.LapsedAsync(now, ct)).GroupBy(c => c.RequestId))
        {
            lapsed += await LapseAsync(group.ToArray(), ct);
        }

        return new FollowUpResult(reminded, escalated, lapsed);
    }

    private async Task<bool> RemindAsync(Contact contact, RuleValues values, DateTimeOffset now, CancellationToken ct)
    {
        if (!await queue.MarkAsync(contact.Id, ContactEvents.Reminded, ct) || await approvals.PendingAsync(contact, ct) is not { } pending)
        {
            return false;
        }

        var why = Why(pending, values, now);
        foreach (var approver in await approvals.ApproversAsync(contact, ct))
        {
            var card = Approvals.Card(pending, why, approver, "Reminder: research contact still needs your approval");
            await outbox.EnqueueAsync(new OutboundMessage($"participants.remind.{contact.Id}.{approver.Id}", new PersonRecipient(approver.Id), card), ct);
        }

        return true;
    }

    private async Task<bool> EscalateAsync(Contact contact, RuleValues values, DateTimeOffset now, CancellationToken ct)
    {
        if (!await queue.MarkAsync(contact.Id, ContactEvents.Escalated, ct) || await approvals.PendingAsync(contact, ct) is not { } pending)
        {
            return false;
        }

        var why = Why(pending, values, now) + ". The account's owner has not answered, even after a reminder";
        foreach (var admin in await approvals.AdminsAsync(ct))
        {
            var card = Approvals.Card(pending, why, admin, "Escalated: research contact waits for an approval");
            await outbox.EnqueueAsync(new OutboundMessage($"participants.escalate.{contact.Id}.{admin.Id}", new PersonRecipient(admin.Id), card), ct);
        }

        await approvals.TellPmAsync(
            pending,
            "escalated",
            Markup.Of($"The owner of {pending.Candidate.Account.Name} has not answered about {Md.Bold(pending.Candidate.Person.Name)} for {Md.Bold(pending.Request.Draft.Study)}, even after a reminder; I asked the product-ops admins to decide."),
            ct);
        return true;
    }

    private async Task<int> LapseAsync(IReadOnlyList<Contact> contacts, CancellationToken ct)
    {
        var released = new List<Contact>();
        foreach (var contact in contacts)
        {
            var change = new ContactChange(ContactStatus.Released, null, ContactEvents.Expired, null, "reservation lapsed without contact");
            if (await ledger.ChangeAsync(contact.Id, [ContactStatus.Reserved], change, ct))
            {
                released.Add(contact);
            }
        }

        if (released.Count == 0 || released[0].RequestId is not { } requestId || await requests.FindAsync(requestId, ct) is not { } request)
        {
            return released.Count;
        }

        var names = (await pool.FindAsync(released.Select(c => c.ParticipantId).ToArray(), ct)).Select(c => $"{c.Person.Name} ({c.Account.Name})");
        var text = Markup.Of(
            $"The reservations of {RuleEngine.And(names)} for {Md.Bold(request.Draft.Study)} (request #{request.Id}) lapsed: nobody marked them contacted. They are free for other studies again; press Propose more on the request, or ask anew, if you still need people.");
        await outbox.EnqueueAsync(
            new OutboundMessage($"participants.lapsed.{released.Min(c => c.Id)}", new PersonRecipient(request.PmId), Reply.Say(text, Visibility.DirectMessage)),
            ct);
        return released.Count;
    }

    private static string Why(PendingApproval pending, RuleValues values, DateTimeOffset now) =>
        RuleEngine.ApprovalReason(pending.Candidate.Account, values, now);
}
