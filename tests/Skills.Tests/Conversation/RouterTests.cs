using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Tests.Conversation;

public sealed class RouterTests
{
    private static readonly ChatUser Pm = new(new ChatIdentity(Platforms.DevChat, "local", "priya"), "Priya");
    private static readonly ChatUser Admin = new(new ChatIdentity(Platforms.DevChat, "local", "maya"), "Maya");
    private readonly RecordingHandler _handler = new();

    [Fact]
    public async Task Command_WithSubCommand_RunsItsHandlerWithParsedArgs()
    {
        var response = await Route(Command("okr", "status team=payments \"Q3 goals\""));

        Assert.Equal(TestSkill.OkrStatus, _handler.LastSpec);
        Assert.Equal("payments", _handler.Last?.Args.Named("team")?.Value);
        Assert.Equal("Q3 goals", _handler.Last?.Args.Positional[0].Value);
        Assert.Equal("ran", Text(response));
    }

    [Fact]
    public async Task Command_NameAndSubCommand_AreCaseInsensitive()
    {
        await Route(Command("/OKR", "STATUS"));

        Assert.NotNull(_handler.Last);
    }

    [Fact]
    public async Task Command_TwoWordSubCommand_WinsOverShorterMatch()
    {
        await Route(Command("productops", "area add \"Payments\""), Admin);

        Assert.Equal(TestSkill.AreaAdd, _handler.LastSpec);
        Assert.Equal("Payments", _handler.Last?.Args.Positional[0].Value);
    }

    [Fact]
    public async Task Command_NoSubCommandButDefault_RunsTheDefault()
    {
        await Route(Command("metric", "arr segment=enterprise"));

        Assert.Equal(TestSkill.MetricLookup, _handler.LastSpec);
        Assert.Equal("arr", _handler.Last?.Args.Positional[0].Value);
    }

    [Fact]
    public async Task Command_Unknown_SuggestsTheClosestAndPointsToHelp()
    {
        var response = await Route(Command("okrr", "status"));

        Assert.Null(_handler.Last);
        Assert.Contains("I don't know the command /okrr. Did you mean /okr?", Text(response), StringComparison.Ordinal);
        Assert.Contains("/productops help", Text(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_UnknownSubCommand_SuggestsAndListsTheCommandsSubCommands()
    {
        var response = await Route(Command("okr", "stauts"));

        var text = Text(response);
        Assert.Null(_handler.Last);
        Assert.Contains("/okr has no sub-command stauts. Did you mean /okr status?", text, StringComparison.Ordinal);
        Assert.Contains("/okr update", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_NoSubCommand_SaysSoWithoutGuessing()
    {
        var text = Text(await Route(Command("okr", "")));

        Assert.StartsWith("/okr needs a sub-command.\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Did you mean", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_MistypedSub_SuggestsOnlyWhatThePersonMayRun()
    {
        var forPm = Text(await Route(Command("productops", "rol @priya pm")));
        var forAdmin = Text(await Route(Command("productops", "rol @priya pm"), new ChatUser(new ChatIdentity(Platforms.DevChat, "local", "maya"), "Maya")));

        Assert.DoesNotContain("Did you mean", forPm, StringComparison.Ordinal);
        Assert.Contains("Did you mean /productops role?", forAdmin, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_NeedingAdmin_RefusedForPmNamingTheRole()
    {
        var response = await Route(Command("productops", "area add Payments"), Pm);

        Assert.Null(_handler.Last);
        Assert.Contains("/productops area add needs the admin role. You have PM.", Text(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_BadQuoting_AnswersWithUsageAndRunsNothing()
    {
        var response = await Route(Command("okr", "status \"Q3"));

        Assert.Null(_handler.Last);
        Assert.Contains("never closed", Text(response), StringComparison.Ordinal);
        Assert.Contains("Usage: /okr status [team=NAME]", Text(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_TextOverTheLimit_IsRefused()
    {
        var response = await Route(Command("okr", "status " + new string('x', Router.MaxTextLength)));

        Assert.Null(_handler.Last);
        Assert.Contains("a command takes up to 4,000", Text(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ForUmbrellaCommand_ListsEveryCommandOfEverySkillWithExamples()
    {
        var response = await Route(Command("productops", "help"));

        var text = Text(response);
        Assert.Contains("Metrics", text, StringComparison.Ordinal);
        Assert.Contains("/okr status Shows objectives e.g. /okr status team=payments", text, StringComparison.Ordinal);
        Assert.Contains("/metric Looks up a metric e.g. /metric arr", text, StringComparison.Ordinal);
        Assert.Contains("/productops area add", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ForOneCommand_ShowsUsageDetailsRolesAndExamples()
    {
        var response = await Route(Command("productops", "area add help"));

        var text = Text(response);
        Assert.Contains("/productops area add \"NAME\" owner=@person", text, StringComparison.Ordinal);
        Assert.Contains("Needs the admin role.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/okr", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ForACommandWord_ShowsAllItsSubCommands()
    {
        var response = await Route(Command("okr", "help"));

        var text = Text(response);
        Assert.Contains("/okr status", text, StringComparison.Ordinal);
        Assert.Contains("/okr update", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("okr status")]
    [InlineData("/okr status")]
    [InlineData("  OKR   status  ")]
    public async Task Message_StartingWithCommandWords_RunsTheCommand(string text)
    {
        await Route(new MessageInbound(Pm, Place.Direct("D1"), MessageKind.Direct, text));

        Assert.Equal(TestSkill.OkrStatus, _handler.LastSpec);
    }

    [Fact]
    public async Task Message_WithoutACommand_PointsToHelp()
    {
        var response = await Route(new MessageInbound(Pm, Place.Channel("C1", "general"), MessageKind.Mention, "hello there"));

        Assert.Null(_handler.Last);
        Assert.Contains("Type help to see them all.", Text(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_Help_ShowsTheOverview()
    {
        var response = await Route(new MessageInbound(Pm, Place.Direct("D1"), MessageKind.Direct, "help"));

        Assert.Contains("ProductOps: what I can do", Text(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_Help_IsOneLastingReplyForEveryone()
    {
        var router = new Router(new SkillRegistry([new TestSkill()]), new FakeResolver(), new HandlerProvider(_handler));

        var first = await router.HandleAsync(new MessageInbound(Pm, Place.Direct("D1"), MessageKind.Direct, "help"), CancellationToken.None);
        var second = await router.HandleAsync(new MessageInbound(Pm, Place.Direct("D2"), MessageKind.Direct, "help"), CancellationToken.None);

        Assert.True(first.Replies[0].Lasting);
        Assert.Same(first.Replies[0], second.Replies[0]);
    }

    [Fact]
    public async Task Message_HelpForOneCommand_IsNotLasting()
    {
        var response = await Route(new MessageInbound(Pm, Place.Direct("D1"), MessageKind.Direct, "okr help"));

        Assert.False(response.Replies[0].Lasting);
    }

    [Fact]
    public async Task Action_Unknown_ExplainsInsteadOfFailing()
    {
        var response = await Route(new ActionInbound(Pm, Place.Direct("D1"), "gone.button", null));

        Assert.Contains("no longer does anything", Text(response), StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_SameCommandTwice_RefusesToStart()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new SkillRegistry([new TestSkill(), new TestSkill()]));

        Assert.Contains("registered twice", error.Message, StringComparison.Ordinal);
    }

    private static CommandInbound Command(string command, string text) => new(Pm, Place.Channel("C1", "general"), command, text);

    private Task<Response> Route(Inbound inbound, ChatUser? from = null)
    {
        var registry = new SkillRegistry([new TestSkill()]);
        var router = new Router(registry, new FakeResolver(), new HandlerProvider(_handler));
        return router.HandleAsync(from is null ? inbound : inbound with { From = from }, CancellationToken.None);
    }

    private static string Text(Response response) => string.Join("\n", response.Replies.Select(r => r.Fallback));

    private sealed class FakeResolver : IPersonResolver
    {
        public Task<Person> ResolveAsync(ChatUser user, CancellationToken ct) =>
            Task.FromResult(new Person(
                1,
                user.DisplayName,
                user.Identity.UserId,
                null,
                null,
                user.Identity.UserId == "maya" ? new HashSet<Role> { Role.Admin } : new HashSet<Role> { Role.Pm },
                [user.Identity]));
    }

    private sealed class HandlerProvider(RecordingHandler handler) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(RecordingHandler) ? handler : null;
    }

    private sealed class RecordingHandler : ICommandHandler
    {
        public CommandRequest? Last { get; private set; }

        public CommandSpec? LastSpec => Last?.Spec;

        public Task<Response> HandleAsync(CommandRequest request, CancellationToken ct)
        {
            Last = request;
            return Task.FromResult(Response.Say("ran"));
        }
    }

    private sealed class TestSkill : ISkill
    {
        public static readonly CommandSpec OkrStatus = new("okr", "status", "Shows objectives", "/okr status [team=NAME]", "/okr status team=payments");
        public static readonly CommandSpec OkrUpdate = new("okr", "update", "Updates a key result", "/okr update KR VALUE", "/okr update kr-1 42");
        public static readonly CommandSpec MetricLookup = new("metric", null, "Looks up a metric", "/metric KEY [dim=value]", "/metric arr");
        public static readonly CommandSpec Area = new("productops", "area", "Shows one area", "/productops area NAME", "/productops area Payments");
        public static readonly CommandSpec AreaAdd = new("productops", "area add", "Adds a product area", "/productops area add \"NAME\" owner=@person", "/productops area add \"Payments\" owner=@priya")
        {
            Roles = new HashSet<Role> { Role.Admin },
            Details = "The owner must be a PM.",
        };

        public static readonly CommandSpec GrantRole = new("productops", "role", "Grants a role", "/productops role @person ROLE", "/productops role @priya pm")
        {
            Roles = new HashSet<Role> { Role.Admin },
        };

        public static IReadOnlyList<CommandSpec> All => [OkrStatus, OkrUpdate, MetricLookup, AreaAdd, Area, GrantRole];

        public string Name => "Metrics";

        public void Register(SkillRegistry registry)
        {
            foreach (var spec in All)
            {
                registry.Command<RecordingHandler>(spec);
            }
        }
    }
}
