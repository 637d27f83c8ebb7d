using ProductOps.Skills.Conversation;
using ProductOps.Skills.Importing;

namespace ProductOps.Skills.Accounts;

/// <summary>The customer account catalogue, shared by feedback and research participants.</summary>
public sealed class AccountsSkill : ISkill
{
    public string Name => "Accounts";

    public void Register(SkillRegistry registry)
    {
        registry.Command<ShowAccountHandler>(ShowAccountHandler.Spec);
        registry.Command<ImportFromChatHandler<ImportAccounts>>(ChatImport.Spec(
            Router.Umbrella, "import accounts", ImportAccounts.KindName, "Imports customer accounts from CSV (upsert by CRM id, else by name).", new HashSet<Role> { Role.Admin }));
    }
}
