using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Feedback;

/// <summary>Customer and market feedback: capture, triage into themes, demand by revenue, search, and closing the loop.</summary>
public sealed class FeedbackSkill : ISkill
{
    public string Name => "Feedback";

    public void Register(SkillRegistry registry)
    {
        registry.Command<SubmitFeedbackHandler>(SubmitFeedbackHandler.Spec);
        registry.Command<SearchFeedbackHandler>(SearchFeedbackHandler.Spec);
        registry.Command<ListThemesHandler>(ListThemesHandler.Spec);
        registry.Command<ShowFeedbackHandler>(ShowFeedbackHandler.Spec);
        registry.Command<MyFeedbackHandler>(MyFeedbackHandler.Spec);
        registry.Command<LinkItemHandler>(LinkItemHandler.Spec);
        registry.Command<MergeThemesHandler>(MergeThemesHandler.Spec);
        registry.Command<RenameThemeHandler>(RenameThemeHandler.Spec);
        registry.Command<MoveItemHandler>(MoveItemHandler.Spec);
        registry.Command<SetStatusHandler>(SetStatusHandler.Spec);
        registry.Command<ExportFeedbackHandler>(ExportFeedbackHandler.Spec);
        registry.Form<SubmitFeedbackFormHandler>(FeedbackForm.Id);
        registry.Shortcut<SendToProductHandler>(SendToProductHandler.Shortcut);
        registry.Action<SameAsHandler>(FeedbackCapture.SameAsAction);
        registry.Action<LinkAccountHandler>(FeedbackCapture.AccountAction);
        registry.Action<FeedbackPageHandler>(SearchFeedbackHandler.PageAction);
        registry.Action<CardButtonHandler>(FeedbackReplies.LinkAction);
        registry.Action<CardButtonHandler>(FeedbackReplies.StatusAction);
        registry.Action<CardButtonHandler>(FeedbackReplies.MoveAction);
        registry.Form<CardFormHandler>(CardButtonHandler.LinkForm);
        registry.Form<CardFormHandler>(CardButtonHandler.StatusForm);
        registry.Form<CardFormHandler>(CardButtonHandler.MoveForm);
    }
}
