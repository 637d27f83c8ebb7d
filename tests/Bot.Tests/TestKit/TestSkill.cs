using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Tests.TestKit;

/// <summary>
/// A small skill of the tests' own, so platform tests need no real skill: a form with every input
/// type and a required field, buttons, and replies to a channel and a DM.
/// </summary>
public sealed class TestSkill : ISkill
{
    public const string FormCommand = "test-form";
    public const string ButtonsCommand = "test-buttons";
    public const string AnnounceCommand = "test-announce";
    public const string FormId = "test.form";
    public const string PingAction = "test.ping";

    public string Name => "Test";

    public static Form Form { get; } = new(
        FormId,
        "Log a test item",
        [
            new TextInput("title", "Title") { Required = true, Hint = "A few words.", Placeholder = "What happened?" },
            new TextInput("notes", "Notes") { Multiline = true },
            new NumberInput("score", "Score") { Min = 0, Max = 10, WholeNumber = true },
            new DateInput("due", "Due date"),
            new SelectInput("area", "Area", [new Choice("payments", "Payments"), new Choice("search", "Search")]),
            new SelectInput("tags", "Tags", [new Choice("bug", "Bug"), new Choice("idea", "Idea"), new Choice("ux", "UX")]) { Multiple = true },
            new UserInput("owner", "Owner"),
            new CheckboxInput("urgent", "Urgent"),
        ],
        "Save",
        "state-1");

    public void Register(SkillRegistry registry)
    {
        registry.Command<OpenForm>(new CommandSpec(Router.Umbrella, FormCommand, "Opens the test form.", "/productops test-form"));
        registry.Command<ShowButtons>(new CommandSpec(Router.Umbrella, ButtonsCommand, "Shows a button.", "/productops test-buttons"));
        registry.Command<Announce>(new CommandSpec(Router.Umbrella, AnnounceCommand, "Says something to the channel.", "/productops test-announce TEXT"));
        registry.Form<SaveForm>(FormId);
        registry.Action<Ping>(PingAction);
    }

    public sealed class OpenForm : ICommandHandler
    {
        public Task<Response> HandleAsync(CommandRequest request, CancellationToken ct) => Task.FromResult(Response.Open(Form));
    }

    public sealed class ShowButtons : ICommandHandler
    {
        public Task<Response> HandleAsync(CommandRequest request, CancellationToken ct) =>
            Task.FromResult(Response.Say(new ReplyBuilder()
                .Section("Press it.")
                .Buttons(new Button("Ping", PingAction, "42", ButtonStyle.Primary))
                .Build()));
    }

    public sealed class Announce : ICommandHandler
    {
        public Task<Response> HandleAsync(CommandRequest request, CancellationToken ct) =>
            Task.FromResult(Response.Say(Markup.Of($"{Md.User(request.Person)} says {request.Args.Text}"), Visibility.Channel));
    }

    public sealed class SaveForm : IFormHandler
    {
        public Task<Response> HandleAsync(FormSubmission submission, Person person, CancellationToken ct)
        {
            var errors = FormValidation.Check(Form, submission.Values);
            if (errors.Count > 0)
            {
                return Task.FromResult(Response.Invalid(errors));
            }

            var title = submission.Values.Text("title");
            return Task.FromResult(Response.Say(
                Reply.Say(Markup.Of($"Saved {Md.Bold(title)} (state {submission.State})")),
                Reply.Say(Markup.Of($"You logged {Md.Bold(title)}."), Visibility.DirectMessage)));
        }
    }

    public sealed class Ping : IActionHandler
    {
        public Task<Response> HandleAsync(ActionInbound action, Person person, CancellationToken ct) =>
            Task.FromResult(Response.Say(Markup.Of($"Pong {action.Value} for {person.Name}")));
    }
}
