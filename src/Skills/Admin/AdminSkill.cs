using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Admin;

/// <summary>People, roles, product areas and the audit log, under <c>/productops</c>.</summary>
public sealed class AdminSkill : ISkill
{
    public string Name => "Admin";

    public void Register(SkillRegistry registry)
    {
        registry.Command<ShowProfileHandler>(ShowProfileHandler.Spec);
        registry.Command<ListPeopleHandler>(ListPeopleHandler.Spec);
        registry.Command<ChangeRoleHandler>(ChangeRoleHandler.Spec);
        registry.Command<ListAreasHandler>(ListAreasHandler.Spec);
        registry.Command<AddAreaHandler>(AddAreaHandler.Spec);
        registry.Command<EditAreaHandler>(EditAreaHandler.Spec);
        registry.Command<RemoveAreaHandler>(RemoveAreaHandler.Spec);
        registry.Command<ShowAuditHandler>(ShowAuditHandler.Spec);
        registry.Command<ShowOutboxHandler>(ShowOutboxHandler.Spec);
        registry.Command<CreateTokenHandler>(CreateTokenHandler.Spec);
        registry.Command<ListTokensHandler>(ListTokensHandler.Spec);
        registry.Command<RevokeTokenHandler>(RevokeTokenHandler.Spec);
    }
}
