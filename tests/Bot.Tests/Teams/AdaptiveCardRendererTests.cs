using System.Text.Json.Nodes;
using ProductOps.Bot.Teams;
using ProductOps.Bot.Tests.TestKit;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Tests.Teams;

public sealed class AdaptiveCardRendererTests
{
    private static readonly Person Priya = new(7, "Priya <Patel>", "priya", null, null, new HashSet<Role>(), []);

    [Fact]
    public void Render_EveryBlockType_HasRendering()
    {
        var types = EveryNeutralType.DerivedTypes<Block>();

        Assert.Equal(types.OrderBy(t => t.Name), EveryNeutralType.Blocks.Select(b => b.GetType()).Distinct().OrderBy(t => t.Name));
        var body = Body(AdaptiveCardRenderer.Render(new Reply(EveryNeutralType.Blocks, Visibility.Asker, "Every block")));

        Assert.Equal(EveryNeutralType.Blocks.Length, body.Count);
        Assert.All(body, element => Assert.NotNull(element["type"]));
    }

    [Fact]
    public void Render_LastingReply_IsRenderedOnceAndKept()
    {
        var reply = Reply.Say(Markup.Of($"The same for everyone")) with { Lasting = true };

        var first = AdaptiveCardRenderer.Render(reply);
        var second = AdaptiveCardRenderer.Render(reply);

        Assert.Same(first, second);
    }

    [Fact]
    public void Render_ReplyNotMarkedLasting_IsRenderedAfresh()
    {
        var reply = Reply.Say(Markup.Of($"Only for this turn"));

        var first = AdaptiveCardRenderer.Render(reply);
        var second = AdaptiveCardRenderer.Render(reply);

        Assert.NotSame(first, second);
        Assert.True(first.Utf8.SequenceEqual(second.Utf8));
    }

    [Fact]
    public void Render_EverySpanType_IsATextRun()
    {
        var types = EveryNeutralType.DerivedTypes<Span>();

        Assert.Equal(types.OrderBy(t => t.Name), EveryNeutralType.Spans.Select(s => s.GetType()).Distinct().OrderBy(t => t.Name));
        // Context text is subtle, so even plain text is a TextRun there rather than a bare string.
        var inlines = Body(AdaptiveCardRenderer.Render(new ReplyBuilder().Context(new Markup(EveryNeutralType.Spans)).Build()))[0]["inlines"]!.AsArray();

        Assert.Equal(EveryNeutralType.Spans.Length, inlines.Count);
        Assert.All(inlines, run => Assert.Equal("TextRun", (string?)run!["type"]));
    }

    [Fact]
    public void Render_EveryInputType_HasInputWithIdAndLabel()
    {
        var types = EveryNeutralType.DerivedTypes<Input>();

        Assert.Equal(types.OrderBy(t => t.Name), EveryNeutralType.Inputs.Select(i => i.GetType()).Distinct().OrderBy(t => t.Name));
        var body = Body(AdaptiveCardRenderer.RenderDialog(new Form("f", "Title", EveryNeutralType.Inputs), [], FormValues.None, new Dictionary<string, string>(), [Priya]));
        Assert.All(EveryNeutralType.Inputs, i =>
        {
            var element = body.Single(e => (string?)e["id"] == i.Id);
            Assert.StartsWith("Input.", (string?)element["type"], StringComparison.Ordinal);
            Assert.Equal(i.Id, (string?)element["id"]);
            Assert.Equal(i.Label, (string?)element["label"]);
        });
    }

    [Fact]
    public void Render_Reply_IsSchema15CardWithActionExecuteAndSubmitFallback()
    {
        var card = Parse(AdaptiveCardRenderer.Render(new ReplyBuilder().Section("Press it.").Buttons(new Button("Ping", "test.ping", "42", ButtonStyle.Primary)).Build()));

        var action = card["body"]![1]!["actions"]![0]!;
        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Equal("Action.Execute", (string?)action["type"]);
        Assert.Equal("test.ping", (string?)action["verb"]);
        Assert.Equal("positive", (string?)action["style"]);
        Assert.Equal("42", (string?)action["data"]!["productops"]!["value"]);
        Assert.Equal("Action.Submit", (string?)action["fallback"]!["type"]);
    }

    [Fact]
    public void Render_UserTextWithMarkdownAndMentions_StaysLiteralInTextRuns()
    {
        const string Hostile = "**bold** [click](https://evil.example) <at>Everyone</at> _x_ &amp;";
        var card = Parse(AdaptiveCardRenderer.Render(Reply.Say(Markup.Of($"{Md.Bold(Hostile)} {Hostile}"))));

        var runs = card["body"]![0]!["inlines"]!.AsArray();
        Assert.Equal(Hostile, (string?)runs[0]!["text"]);
        Assert.Equal(" " + Hostile, (string?)runs[1]);
        Assert.DoesNotContain("\"TextBlock\"", card.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("selectAction", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnstyledText_IsAPlainStringBesideStyledRuns()
    {
        var card = Parse(AdaptiveCardRenderer.Render(Reply.Say(Markup.Of($"{Md.Code("/okr status")} shows every OKR"))));

        var runs = card["body"]![0]!["inlines"]!.AsArray();
        Assert.Equal("TextRun", (string?)runs[0]!["type"]);
        Assert.Equal(" shows every OKR", (string?)runs[1]);
    }

    [Fact]
    public void Render_UnsafeLink_IsPlainText()
    {
        var card = Parse(AdaptiveCardRenderer.Render(Reply.Say(new Markup([new LinkSpan("click", "javascript:alert(1)")]))));

        Assert.Equal("click (javascript:alert(1))", (string?)card["body"]![0]!["inlines"]![0]);
        Assert.DoesNotContain("selectAction", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HugeReply_StaysUnderLimitWithVisibleNotice()
    {
        var builder = new ReplyBuilder();
        for (var i = 0; i < 200; i++)
        {
            builder.Section(new string('x', 500), new Field("Item", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var card = AdaptiveCardRenderer.Render(builder.Build());

        AssertShortenedToFit(card);
    }

    [Fact]
    public void Render_ReplyOfCharactersThatAreEscaped_StaysUnderLimitWithVisibleNotice()
    {
        // 15,600 quotes: 15 KB as text, but two bytes each once escaped (\"), so over the limit.
        var builder = new ReplyBuilder();
        for (var i = 0; i < 12; i++)
        {
            builder.Section(new string('"', 1300));
        }

        var card = AdaptiveCardRenderer.Render(builder.Build());

        AssertShortenedToFit(card);
    }

    [Fact]
    public void Render_OneGiantSection_CutsTextAndSaysSo()
    {
        var fields = Enumerable.Range(0, 400).Select(i => new Field("F" + i, new string('y', 200))).ToArray();

        var card = AdaptiveCardRenderer.Render(new ReplyBuilder().Section("Many", fields).Build());

        AssertShortenedToFit(card);
    }

    [Fact]
    public void RenderDialog_WithErrorsAndValues_ShowsErrorUnderFieldAndKeepsValues()
    {
        var form = new Form("f", "Title", EveryNeutralType.Inputs);
        var values = FormValues.Of(("t", "typed"), ("n", "9"), ("s", "a"), ("s", "b"), ("c", "true"));
        var errors = new Dictionary<string, string> { ["n"] = "Number must be between 0 and 5.", ["gone"] = "Something else is wrong." };

        var card = Parse(AdaptiveCardRenderer.RenderDialog(form, new JsonObject { ["productops"] = new JsonObject() }, values, errors, [Priya]));

        var body = card["body"]!.AsArray().Select(n => n!).ToList();
        var number = body.FindIndex(e => (string?)e["id"] == "n");
        Assert.Contains("Something else is wrong.", body[0].ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Number must be between 0 and 5.", body[number + 1].ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Attention", (string?)body[number + 1]["inlines"]![0]!["color"]);
        Assert.Equal(9m, (decimal?)body[number]["value"]);
        Assert.Equal("typed", (string?)body.Single(e => (string?)e["id"] == "t")["value"]);
        Assert.Equal("a,b", (string?)body.Single(e => (string?)e["id"] == "s")["value"]);
        Assert.Equal("true", (string?)body.Single(e => (string?)e["id"] == "c")["value"]);
        Assert.True((bool?)body.Single(e => (string?)e["id"] == "t")["isRequired"]);
        Assert.Equal("Action.Submit", (string?)card["actions"]![0]!["type"]);
    }

    [Fact]
    public void RenderDialog_UserInput_OffersKnownPeople()
    {
        var element = Element(new UserInput("owner", "Owner"), [Priya]);

        Assert.Equal("7", (string?)element["choices"]![0]!["value"]);
        Assert.Equal("Priya <Patel> (@priya)", (string?)element["choices"]![0]!["title"]);
    }

    [Fact]
    public void RenderDialog_WholeOrganisationInThreePickers_SearchesAsTheUserTypesAndFitsInTeams()
    {
        var everyone = Enumerable.Range(1, 2000)
            .Select(i => new Person(i, $"Person Number {i}", $"person.{i}", $"person.{i}@example.test", null, new HashSet<Role>(), []))
            .ToArray();
        var form = new Form("cadence", "Cadence", [new UserInput("people", "People") { Multiple = true, Initial = ["12", "1500"] }, new UserInput("escalate_to", "Escalate to"), new UserInput("observers", "Observers") { Multiple = true }]);

        var card = AdaptiveCardRenderer.RenderDialog(form, new JsonObject(), FormValues.None, new Dictionary<string, string>(), everyone);
        var picker = Body(card).First(e => (string?)e["id"] == "people");

        Assert.True(card.Utf8.Length < AdaptiveCardRenderer.MaxCardBytes);
        Assert.Equal(TeamsPeopleSearch.Dataset, (string?)picker["choices.data"]!["dataset"]);
        Assert.Equal("filtered", (string?)picker["style"]);
        Assert.Equal(["12", "1500"], picker["choices"]!.AsArray().Select(c => (string?)c!["value"]));
        Assert.Equal("12,1500", (string?)picker["value"]);
    }

    [Fact]
    public void RenderDialog_SmallOrganisation_ListsEveryoneWithoutSearching()
    {
        var everyone = Enumerable.Range(1, AdaptiveCardRenderer.StaticPeopleLimit)
            .Select(i => new Person(i, $"Person {i}", $"person.{i}", null, null, new HashSet<Role>(), []))
            .ToArray();

        var element = Element(new UserInput("owner", "Owner"), everyone);

        Assert.Equal(AdaptiveCardRenderer.StaticPeopleLimit, element["choices"]!.AsArray().Count);
        Assert.Null(element["choices.data"]);
    }

    [Fact]
    public void Render_InputWithReservedId_Throws()
    {
        Assert.Throws<ArgumentException>(() => AdaptiveCardRenderer.RenderDialog(
            new Form("f", "Form", [new TextInput("productops", "X")]), [], FormValues.None, new Dictionary<string, string>(), []));
    }

    private static JsonObject Parse(CardJson card) => JsonNode.Parse(card.Utf8)!.AsObject();

    private static List<JsonObject> Body(CardJson card) => [.. Parse(card)["body"]!.AsArray().Select(e => e!.AsObject())];

    private static JsonObject Element(Input input, IReadOnlyList<Person> people) =>
        Body(AdaptiveCardRenderer.RenderDialog(new Form("f", "Form", [input]), [], FormValues.None, new Dictionary<string, string>(), people))[0];

    /// <summary>The card, as sent, is within Teams' limit and says it was shortened.</summary>
    private static void AssertShortenedToFit(CardJson card)
    {
        Assert.True(card.Utf8.Length <= AdaptiveCardRenderer.MaxCardBytes, $"{card.Utf8.Length} bytes");
        Assert.Contains(AdaptiveCardRenderer.Shortened, Parse(card).ToJsonString(), StringComparison.Ordinal);
    }
}
