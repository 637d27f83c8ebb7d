using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Participants;

/// <summary><c>/participants rules</c>: every contact rule with its value and what it means.</summary>
public sealed class ShowRulesHandler(RuleSource rules) : ICommandHandler
{
    public static readonly CommandSpec Spec = new(
        RequestParticipantsHandler.Command, "rules", "Lists the contact rules, their values and what each means.", "/participants rules", "/participants rules");

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 0) is { } shape)
        {
            return shape;
        }

        var values = await rules.CurrentAsync(ct);
        var text = Markup.Empty;
        foreach (var rule in RuleBook.All)
        {
            text += Markup.Of($"{(text.IsEmpty ? "" : "\n")}{Md.Code(rule.Name)} = {Md.Bold($"{values[rule.Name]} {rule.Unit}")}: {rule.Explain(values[rule.Name])}");
        }

        return Response.Say(new ReplyBuilder()
            .Header("Participant contact rules")
            .Section(text)
            .Section("Always, with no override: people marked do-not-contact, and people who have not opted in to the study's method, are never proposed.")
            .Context(Markup.Of($"Admins change a rule with {Md.Code("/participants rule set NAME VALUE")}. An admin or the account's owner can override a cooldown or cap for one person with {Md.Code("/participants override REQUEST EMAIL reason=\"…\"")}."))
            .Build());
    }
}

/// <summary><c>/participants rule set account-cap 3</c>: changes one rule; audited.</summary>
public sealed class SetRuleHandler(RuleSource rules, IRuleStore store, IAuditLog audit, TimeProvider clock) : ICommandHandler
{
    public const string AuditAction = "participants.rule";

    public static readonly CommandSpec Spec = new(
        RequestParticipantsHandler.Command, "rule set", "Changes one contact rule.", "/participants rule set <name> <value>", "/participants rule set account-cap 3")
    {
        Details = "/participants rules lists the names, units and limits.",
        Roles = ParticipantRoles.Admins,
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 2) is { } shape)
        {
            return shape;
        }

        if (request.Args.Positional is not [var nameArg, var valueArg])
        {
            return ParticipantsReplies.Problem("Give the rule's name and its new value.", Spec);
        }

        if (RuleBook.Find(nameArg.Value) is not { } rule)
        {
            var close = Suggestions.Closest(nameArg.Value, RuleBook.All.Select(r => r.Name));
            var text = Markup.Of($"There is no rule {Md.Code(nameArg.Value)}.");
            text += close.Count > 0 ? " Did you mean " + string.Join(" or ", close) + "?" : "";
            return ParticipantsReplies.Problem(text + "\nRules: " + string.Join(", ", RuleBook.All.Select(r => r.Name)) + ".", Spec);
        }

        if (!int.TryParse(valueArg.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < rule.Min || value > rule.Max)
        {
            return ParticipantsReplies.Problem(Markup.Of($"{Md.Code(valueArg.Value)} is not a value for {Md.Code(rule.Name)}: give a whole number of {rule.Unit} from {rule.Min} to {rule.Max}."), Spec);
        }

        var before = (await rules.CurrentAsync(ct))[rule.Name];
        if (before == value)
        {
            return Response.Say(Markup.Of($"{Md.Code(rule.Name)} is already {value} {rule.Unit}; nothing changed."));
        }

        await store.SetAsync(rule.Name, value, request.Person.Id, clock.GetUtcNow(), ct);
        await audit.WriteAsync(AuditChange.By(request.Person, AuditAction, rule.Name, $"{before} {rule.Unit}", $"{value} {rule.Unit}"), ct);
        return Response.Say(Markup.Of($"{Md.Code(rule.Name)} is now {Md.Bold($"{value} {rule.Unit}")} (was {before}). {rule.Explain(value)} It applies to every request from now on."));
    }
}
