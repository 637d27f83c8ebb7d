using System.Globalization;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Accounts;

/// <summary><c>/productops account "Acme Health"</c>: one account from the catalogue.</summary>
public sealed class ShowAccountHandler(IAccountStore accounts, IPeopleStore people, TimeProvider clock) : ICommandHandler
{
    public static readonly CommandSpec Spec = new(Router.Umbrella, "account", "Shows a customer account: segment, ARR, owner, renewal date, CRM id.", "/productops account \"<name, alias or CRM id>\"", "/productops account \"Acme Health\"")
    {
        Details = "The catalogue is imported from the CRM: /productops import accounts, POST /api/accounts with an API token, or `dotnet run --project src/Bot -- import accounts FILE.csv`.",
    };

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 1) is { } shape)
        {
            return shape;
        }

        if (ArgCheck.First(request.Args) is not { } typed)
        {
            return AdminReplies.Problem("Name the account.", Spec);
        }

        if (await accounts.FindByNameAsync(typed.Value, ct) is not { } account)
        {
            var close = await accounts.SearchAsync(typed.Value, 3, ct);
            var text = Markup.Of($"There is no account called {Md.Bold(typed.Value)}.");
            text += close.Count > 0 ? " Did you mean " + string.Join(" or ", close.Select(a => $"\"{a.Name}\"")) + "?" : "";
            return AdminReplies.Problem(text, Spec);
        }

        var owner = account.OwnerId is { } ownerId ? await people.FindAsync(ownerId, ct) : null;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var fields = new List<Field>
        {
            new("Segment", account.Segment ?? "not set"),
            new("ARR", account.Arr is { } arr ? Money.Format(arr) : "not set"),
            new("Owner", owner is null ? Markup.Text("not set") : Md.User(owner)),
            new("Renewal", account.RenewalDate is { } renewal ? Renewal(renewal, today) : "not set"),
            new("CRM id", account.CrmId is { } crm ? Md.Code(crm) : Markup.Text("not set")),
        };
        var reply = new ReplyBuilder().Header(account.Name).Section(Markup.Empty, [.. fields]);
        if (account.Aliases.Count > 0)
        {
            reply.Context("Also known as " + string.Join(", ", account.Aliases));
        }

        return Response.Say(reply.Build());
    }

    private static string Renewal(DateOnly renewal, DateOnly today)
    {
        var days = renewal.DayNumber - today.DayNumber;
        var when = days switch
        {
            0 => "today",
            > 0 => $"in {days} days",
            _ => $"{-days} days ago",
        };
        return $"{renewal.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} ({when})";
    }
}
