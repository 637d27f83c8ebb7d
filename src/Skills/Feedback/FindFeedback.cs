using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Feedback;

/// <summary><c>/feedback search sso area:Payments since:30d</c>: ranked results with snippets, a page at a time.</summary>
public sealed class SearchFeedbackHandler(IFeedbackStore items, FeedbackFilters filters) : ICommandHandler
{
    public const int PageSize = 10;
    public const string PageAction = "feedback.page";

    public static readonly CommandSpec Spec = new(
        SubmitFeedbackHandler.Command,
        "search",
        "Finds feedback by its words and filters, best matches first.",
        "/feedback search <words> [area:<area>] [account:\"<account>\"] [type:<type>] [since:30d] [page:2]",
        "/feedback search sso area:Payments since:90d");

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        var (query, problem) = await filters.ReadAsync(request.Args, PageSize, ct);
        if (query is null)
        {
            return AdminReplies.Problem(problem!, Spec);
        }

        var page = await items.SearchAsync(query, ct);
        var what = query.Words is null ? "Feedback" : $"Results for \"{query.Words}\"";
        return Response.Say(FindReplies.Page($"{what}: {page.Total:N0}", page, "/feedback search " + request.Args.Text, "Nothing matches. Try fewer words or filters."));
    }
}

/// <summary><c>/feedback mine</c>: what I submitted, newest first, and where each stands.</summary>
public sealed class MyFeedbackHandler(IFeedbackStore items, FeedbackFilters filters) : ICommandHandler
{
    public static readonly CommandSpec Spec = new(
        SubmitFeedbackHandler.Command,
        "mine",
        "Lists the feedback you submitted and where each item stands.",
        "/feedback mine [page:2]",
        "/feedback mine");

    public async Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
    {
        if (ArgCheck.Shape(request.Args, Spec, 0, "page") is { } shape)
        {
            return shape;
        }

        var (query, problem) = await filters.ReadAsync(request.Args, SearchFeedbackHandler.PageSize, ct);
        if (query is null)
        {
            return AdminReplies.Problem(problem!, Spec);
        }

        var page = await items.SearchAsync(query with { SubmitterId = request.Person.Id }, ct);
        return Response.Say(FindReplies.Page($"Your feedback: {page.Total:N0}", page, "/feedback mine", "You have not sent any feedback yet. Try /feedback."));
    }
}

/// <summary>The "More" button of a result list: runs the same command for the next page.</summary>
public sealed class FeedbackPageHandler(SearchFeedbackHandler search, MyFeedbackHandler mine) : IActionHandler
{
    public async Task<Response> HandleAsync(ActionInbound action, Person person, CancellationToken ct)
    {
        var text = action.Value ?? "";
        var (handler, spec, rest) = text.StartsWith("/feedback mine", StringComparison.Ordinal)
            ? ((ICommandHandler)mine, MyFeedbackHandler.Spec, text["/feedback mine".Length..])
            : (search, SearchFeedbackHandler.Spec, text.StartsWith("/feedback search", StringComparison.Ordinal) ? text["/feedback search".Length..] : text);
        var command = new CommandInbound(action.From, action.Where, SubmitFeedbackHandler.Command, rest) { Person = person };
        return await handler.HandleAsync(new CommandRequest(command, person, CommandLine.Parse(rest), spec), ct);
    }
}

/// <summary>Result pages of search and mine.</summary>
public static class FindReplies
{
    public static Reply Page(string title, FeedbackPage page, string command, string none)
    {
        var reply = new ReplyBuilder().Header(title);
        if (page.Items.Count == 0)
        {
            return reply.Section(page.Total == 0 ? none : $"There is no page {page.Page}; the last is {page.Pages}.").Build();
        }

        foreach (var view in page.Items)
        {
            reply.Section(FeedbackReplies.Line(view));
        }

        reply.Context($"Page {page.Page} of {page.Pages}.");
        if (page.Page < page.Pages)
        {
            var next = System.Text.RegularExpressions.Regex.Replace(command, @"\s+page[:=]\S+", "", System.Text.RegularExpressions.RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
            reply.Buttons(new Button("More", SearchFeedbackHandler.PageAction, $"{next} page:{page.Page + 1}"));
        }

        return reply.Build();
    }
}
