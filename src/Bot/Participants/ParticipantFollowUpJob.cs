using ProductOps.Skills.Participants;
using Quartz;

namespace ProductOps.Bot.Participants;

/// <summary>Hourly: approval reminders, escalations to admins, and lapsed reservations (see <see cref="ParticipantFollowUps"/>).</summary>
[DisallowConcurrentExecution]
public sealed class ParticipantFollowUpJob(ParticipantFollowUps followUps, ILogger<ParticipantFollowUpJob> log) : IJob
{
    public static readonly JobKey Key = new("participant-follow-ups", "participants");

    public static readonly TriggerKey Hourly = new("participant-follow-ups-hourly", "participants");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var result = await followUps.RunAsync(cancellationToken);
        log.LogInformation(
            "Participant follow-ups: {Reminded} reminders, {Escalated} escalations, {Lapsed} lapsed reservations", result.Reminded, result.Escalated, result.Lapsed);
    }
}
