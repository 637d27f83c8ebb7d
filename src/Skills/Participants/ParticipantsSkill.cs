using ProductOps.Skills.Conversation;
using ProductOps.Skills.Importing;

namespace ProductOps.Skills.Participants;

/// <summary>
/// Research operations: an opt-in participant pool, requests checked against contact rules per person
/// and per account across all teams, account-owner approval in chat, and one shared contact ledger.
/// </summary>
public sealed class ParticipantsSkill : ISkill
{
    public string Name => "Participants";

    public void Register(SkillRegistry registry)
    {
        registry.Command<RequestParticipantsHandler>(RequestParticipantsHandler.Spec);
        registry.Command<CheckParticipantsHandler>(CheckParticipantsHandler.Spec);
        registry.Command<ListMineHandler>(ListMineHandler.Spec);
        registry.Command<MarkDoneHandler>(MarkDoneHandler.Spec);
        registry.Command<CancelRequestHandler>(CancelRequestHandler.Spec);
        registry.Command<ShowRulesHandler>(ShowRulesHandler.Spec);
        registry.Command<SetRuleHandler>(SetRuleHandler.Spec);
        registry.Command<OverrideRuleHandler>(OverrideRuleHandler.Spec);
        registry.Command<ImportFromChatHandler<ImportParticipants>>(ChatImport.Spec(
            RequestParticipantsHandler.Command, "import", "participants", "Imports participants from CSV (upsert by e-mail).", ParticipantRoles.Admins));
        registry.Form<RequestFormHandler>(RequestFormHandler.FormId, [.. ParticipantRoles.Requesters]);
        registry.Action<ConfirmParticipantsHandler>(ConfirmParticipantsHandler.ActionId, [.. ParticipantRoles.Requesters]);
        registry.Action<DropParticipantHandler>(DropParticipantHandler.ActionId, [.. ParticipantRoles.Requesters]);
        registry.Action<MoreParticipantsHandler>(MoreParticipantsHandler.ActionId, [.. ParticipantRoles.Requesters]);
        registry.Action<ApproveContactHandler>(ApproveContactHandler.ActionId);
        registry.Action<DeclineContactHandler>(DeclineContactHandler.ActionId);
        registry.Action<SuggestParticipantHandler>(SuggestParticipantHandler.ActionId);
        registry.Form<DeclineReasonHandler>(DeclineReasonHandler.FormId);
        registry.Form<SuggestFormHandler>(SuggestFormHandler.FormId);
    }
}
