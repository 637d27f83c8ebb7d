using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Accounts;

/// <summary>The customer account catalogue, shared by feedback and research participants.</summary>
public sealed class AccountsSkill : ISkill
{
    public string Name => "Accounts";

    public void Register(SkillRegistry registry) => registry.Command<ShowAccountHandler>(ShowAccountHandler.Spec);
}
