using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Metrics;

/// <summary>Metrics and OKRs: <c>/metric</c> lookups and catalogue, <c>/okr</c> status and check-ins, the product-health digest.</summary>
public sealed class MetricsSkill : ISkill
{
    public string Name => "Metrics and OKRs";

    public void Register(SkillRegistry registry)
    {
        registry.Command<ShowMetricHandler>(ShowMetricHandler.Spec);
        registry.Command<ListMetricsHandler>(ListMetricsHandler.Spec);
        registry.Command<DefineMetricHandler>(DefineMetricHandler.Spec);
        registry.Command<SetMetricHandler>(SetMetricHandler.Spec);
        registry.Command<StaleMetricsHandler>(StaleMetricsHandler.Spec);
        registry.Command<DigestSettingsHandler>(DigestSettingsHandler.ShowSpec);
        registry.Command<DigestSettingsHandler>(DigestSettingsHandler.SetSpec);
        registry.Command<SendDigestHandler>(SendDigestHandler.Spec);
        registry.Command<OkrStatusHandler>(OkrStatusHandler.Spec);
        registry.Command<UpdateKeyResultHandler>(UpdateKeyResultHandler.Spec);
        registry.Form<UpdateKeyResultsFormHandler>(UpdateKeyResultsFormHandler.FormId);
        registry.Command<KeyResultHistoryHandler>(KeyResultHistoryHandler.Spec);
        registry.Command<CreateObjectiveHandler>(CreateObjectiveHandler.Spec);
        registry.Command<AddKeyResultHandler>(AddKeyResultHandler.Spec);
    }
}
