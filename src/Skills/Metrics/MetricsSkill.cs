using ProductOps.Skills.Conversation;
using ProductOps.Skills.Importing;

namespace ProductOps.Skills.Metrics;

/// <summary>Metrics and OKRs: <c>/metric</c> lookups and catalogue, <c>/okr</c> status and check-ins, the product-health digest.</summary>
public sealed class MetricsSkill : ISkill
{
    private static readonly HashSet<Role> Admins = [Role.Admin];

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
        registry.Command<ImportFromChatHandler<OkrImport>>(ChatImport.Spec(
            "okr", "import", OkrImport.KindName, "Imports objectives and key results from CSV, one row per key result; importing the sheet again updates them.", Admins, "Admins import, since a file names the owners."));
        registry.Command<ImportFromChatHandler<MetricValuesImport>>(ChatImport.Spec(
            "metric", "import", MetricValuesImport.KindName, "Imports metric values from CSV (upsert by metric, date and dimensions).", Admins, "One metric's values also go to POST /api/metrics/<key>/values as JSON or CSV."));
    }
}
