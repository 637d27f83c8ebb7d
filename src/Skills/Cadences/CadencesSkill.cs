using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Cadences;

/// <summary>Recurring check-ins between product and the rest of the company, under <c>/cadence</c>.</summary>
public sealed class CadencesSkill : ISkill
{
    public string Name => "Cadences";

    public void Register(SkillRegistry registry)
    {
        registry.Command<ListCadencesHandler>(ListCadencesHandler.Spec);
        registry.Command<ShowCadenceHandler>(ShowCadenceHandler.Spec);
        registry.Command<ShowCadenceStatusHandler>(ShowCadenceStatusHandler.Spec);
        registry.Command<CreateCadenceHandler>(CreateCadenceHandler.Spec);
        registry.Command<EditCadenceHandler>(EditCadenceHandler.Spec);
        registry.Command<PauseCadenceHandler>(PauseCadenceHandler.Spec);
        registry.Command<ResumeCadenceHandler>(ResumeCadenceHandler.Spec);
        registry.Command<SkipCadenceHandler>(SkipCadenceHandler.Spec);
        registry.Command<RunCadenceHandler>(RunCadenceHandler.Spec);
        registry.Command<DeleteCadenceHandler>(DeleteCadenceHandler.Spec);
        registry.Command<SetAwayHandler>(SetAwayHandler.Spec);
        registry.Action<SubmitUpdateHandler>(SubmitUpdateHandler.ActionId);
        registry.Form<SaveSubmissionHandler>(SubmissionForm.FormId);
        registry.Form<SaveCadenceHandler>(CadenceForm.FormId, Role.Admin);
    }
}
