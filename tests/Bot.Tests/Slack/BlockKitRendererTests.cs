using System.Text.Json.Nodes;
using ProductOps.Bot.Slack.Rendering;
using ProductOps.Bot.Slack.Requests;
using ProductOps.Bot.Tests.TestKit;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Tests.Slack;

public sealed class BlockKitRendererTests
{
    private static readonly ModalMetadata Metadata = new("test.form", "state", "C1", null);
    private static readonly Dictionary<string, string> NoUsers = [];

    [Fact]
    public void Render_EveryBlockType_HasRendering()
    {
        Assert.Equal(EveryNeutralType.DerivedTypes<Block>(), EveryNeutralType.Blocks.Select(b => b.GetType()).Distinct().OrderBy(t => t.Name));
        Assert.All(EveryNeutralType.Blocks, b => Assert.NotEmpty(BlockKitRenderer.Render(b, [])));
    }

    [Fact]
    public void Render_EverySpanType_HasRendering()
    {
        Assert.Equal(EveryNeutralType.DerivedTypes<Span>(), EveryNeutralType.Spans.Select(s => s.GetType()).Distinct().OrderBy(t => t.Name));
        Assert.All(EveryNeutralType.Spans, s => Assert.False(string.IsNullOrEmpty(BlockKitRenderer.Mrkdwn(s))));
    }

    [Fact]
    public void Render_EveryInputType_IsAnInputBlockWithMatchingIds()
    {
        Assert.Equal(EveryNeutralType.DerivedTypes<Input>(), EveryNeutralType.Inputs.Select(i => i.GetType()).Distinct().OrderBy(t => t.Name));
        Assert.All(EveryNeutralType.Inputs, i =>
        {
            var block = BlockKitRenderer.Input(i, NoUsers);
            Assert.Equal("input", (string?)block["type"]);
            Assert.Equal(i.Id, (string?)block["block_id"]);
            Assert.Equal(i.Id, (string?)block["element"]!["action_id"]);
        });
    }

    [Fact]
    public void Render_EveryInput_MapsToTheSlackElement()
    {
        var types = EveryNeutralType.Inputs.Select(i => (string?)BlockKitRenderer.Input(i, NoUsers)["element"]!["type"]);

        Assert.Equal(["plain_text_input", "number_input", "datepicker", "multi_static_select", "users_select", "checkboxes"], types);
    }

    [Theory]
    [InlineData("<!channel> hi", "&lt;!channel&gt; hi")]
    [InlineData("<@U123> & <https://evil.test|click>", "&lt;@U123&gt; &amp; &lt;https://evil.test|click&gt;")]
    [InlineData("a > b", "a &gt; b")]
    public void Mrkdwn_UserText_IsEscaped(string text, string expected)
    {
        Assert.Equal(expected, BlockKitRenderer.Mrkdwn(Markup.Text(text)));
        Assert.Equal($"*{expected}*", BlockKitRenderer.Mrkdwn(new BoldSpan(text)));
    }

    [Fact]
    public void Mrkdwn_Spans_UseSlackMarkup()
    {
        var markup = Markup.Of($"{Md.Bold("b")} {Md.Italic("i")} {Md.Code("c`d")} {Md.Link("docs <x>", "https://x.test/?a=1&b=2")} {Md.Link("bad", "javascript:alert(1)")} ")
                     + new UserSpan("Priya", [new ChatIdentity(Platforms.DevChat, "local", "priya"), new ChatIdentity(Platforms.Slack, "T1", "U42")])
                     + " " + new UserSpan("<Leo>", []) + " " + new ChannelSpan("general", "C9") + " " + new ChannelSpan("sales");

        var text = BlockKitRenderer.Mrkdwn(markup);

        Assert.Equal("*b* _i_ `c'd` <https://x.test/?a=1&amp;b=2|docs &lt;x&gt;> bad (javascript:alert(1)) <@U42> @&lt;Leo&gt; <#C9> #sales", text);
    }

    [Fact]
    public void Render_LongSection_SplitsIntoSectionsUnderTheLimit()
    {
        var text = string.Join("\n", Enumerable.Range(0, 700).Select(i => $"line {i:000}"));

        var blocks = Blocks1(new ReplyBuilder().Section(text).Build());

        Assert.True(blocks.Count >= 2);
        Assert.All(blocks, b => Assert.InRange(((string?)b["text"]!["text"])!.Length, 1, SlackLimits.SectionText));
        Assert.Equal(text.Replace("\n", "", StringComparison.Ordinal), string.Concat(blocks.Select(b => ((string?)b["text"]!["text"])!.Replace("\n", "", StringComparison.Ordinal))));
    }

    [Fact]
    public void Render_OneHugeWord_IsSplitNotRejected()
    {
        var blocks = Blocks1(new ReplyBuilder().Section(new string('x', 7000)).Build());

        Assert.Equal(3, blocks.Count);
        Assert.All(blocks, b => Assert.True(((string?)b["text"]!["text"])!.Length <= SlackLimits.SectionText));
    }

    [Fact]
    public void Render_TwelveLongFields_TwoSectionsOfAtMostTenCutFields()
    {
        var fields = Enumerable.Range(0, 12).Select(i => new Field($"F{i}", new string('v', 2500))).ToArray();

        var blocks = Blocks1(new ReplyBuilder().Section("Summary", fields).Build());

        Assert.Equal(2, blocks.Count);
        Assert.Equal(10, blocks[0]["fields"]!.AsArray().Count);
        Assert.Equal(2, blocks[1]["fields"]!.AsArray().Count);
        Assert.Null(blocks[1]["text"]);
        Assert.All(blocks.SelectMany(b => b["fields"]!.AsArray()), f =>
        {
            var value = (string?)f!["text"];
            Assert.Equal(SlackLimits.FieldText, value!.Length);
            Assert.EndsWith(SlackLimits.Marker, value, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("docs", "https://x.test/a")]
    [InlineData("R&D", null)]
    public void Render_FieldCutNearALinkOrEntity_NeverCutsInsideIt(string text, string? url)
    {
        var value = Markup.Text(new string('v', SlackLimits.FieldText - 8)) + (url is null ? Markup.Text(text) : Markup.Of($"{Md.Link(text, url)}"));

        var field = (string?)Blocks1(new ReplyBuilder().Section("Summary", new Field("F", value)).Build())[0]["fields"]![0]!["text"];

        Assert.True(field!.Length <= SlackLimits.FieldText);
        Assert.EndsWith(SlackLimits.Marker, field, StringComparison.Ordinal);
        Assert.DoesNotMatch("<[^>]*$|&[a-z]*$", field[..^SlackLimits.Marker.Length]);
    }

    [Fact]
    public void Render_LongHeaderAndContext_AreCutWithMarker()
    {
        var blocks = Blocks1(new ReplyBuilder().Header(new string('h', 200)).Context(new string('c', 4000)).Build());

        var header = (string?)blocks[0]["text"]!["text"];
        var context = (string?)blocks[1]["elements"]![0]!["text"];
        Assert.Equal(SlackLimits.HeaderText, header!.Length);
        Assert.EndsWith(SlackLimits.Marker, header, StringComparison.Ordinal);
        Assert.Equal(SlackLimits.ContextText, context!.Length);
        Assert.EndsWith(SlackLimits.Marker, context, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SixtyBlocks_SplitsIntoTwoMessages()
    {
        var builder = new ReplyBuilder();
        for (var i = 0; i < 60; i++)
        {
            builder.Divider();
        }

        var messages = BlockKitRenderer.Render(builder.Build(fallback: "digest"));

        Assert.Equal([50, 10], messages.Select(m => m.Blocks.Count));
        Assert.Equal("digest", messages[0].Text);
        Assert.StartsWith("(continued)", messages[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MoreTextThanOneMessageHolds_SplitsMessages()
    {
        var builder = new ReplyBuilder();
        for (var i = 0; i < 6; i++)
        {
            builder.Section(new string('a', 2900));
        }

        var messages = BlockKitRenderer.Render(builder.Build());

        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.True(m.Blocks.Sum(b => ((string?)b!["text"]!["text"])!.Length) <= SlackLimits.TextPerMessage));
    }

    [Fact]
    public void Render_ThirtyButtons_TwoActionBlocksWithUniqueCutIds()
    {
        var buttons = Enumerable.Range(0, 30).Select(i => new Button(new string('B', 100), "participants.approve", new string('v', 2500))).ToArray();
        buttons[0] = buttons[0] with { ActionId = new string('x', 300), Style = ButtonStyle.Danger };

        var blocks = Blocks1(new ReplyBuilder().Buttons(buttons).Build());

        var elements = blocks.SelectMany(b => b["elements"]!.AsArray()).ToList();
        Assert.Equal([25, 5], blocks.Select(b => b["elements"]!.AsArray().Count));
        var ids = elements.Select(e => (string?)e!["action_id"]).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.InRange(id!.Length, 1, SlackLimits.ActionId));
        Assert.All(ids.Skip(1), id => Assert.Equal("participants.approve", SlackInbound.ActionId(id!)));
        Assert.All(elements, e => Assert.Equal(SlackLimits.ButtonText, ((string?)e!["text"]!["text"])!.Length));
        Assert.All(elements, e => Assert.Equal(SlackLimits.ButtonValue, ((string?)e!["value"])!.Length));
        Assert.Equal("danger", (string?)elements[0]!["style"]);
    }

    [Fact]
    public void Render_LongFallback_IsCutAndEscaped()
    {
        var messages = BlockKitRenderer.Render(new Reply([], Visibility.Asker, "<!here> " + new string('x', 5000)));

        var message = Assert.Single(messages);
        Assert.Empty(message.Blocks);
        Assert.StartsWith("&lt;!here&gt;", message.Text, StringComparison.Ordinal);
        Assert.Equal(SlackLimits.FallbackText, message.Text.Length);
    }

    [Fact]
    public void Render_EmptyReply_IsNoMessage()
    {
        Assert.Empty(BlockKitRenderer.Render(new Reply([], Visibility.Asker, "")));
    }

    [Fact]
    public void Modal_LongTitleManyChoicesAndInputs_StaysWithinSlackLimits()
    {
        var choices = Enumerable.Range(0, 150).Select(i => new Choice("v" + new string('9', 200), "Choice " + new string('c', 100))).ToArray();
        var inputs = new List<Input> { new SelectInput("area", "Area", choices) { Hint = "Pick one" } };
        inputs.AddRange(Enumerable.Range(0, 119).Select(i => new TextInput($"t{i}", new string('L', 2500)) { MaxLength = 10_000, Placeholder = new string('p', 200) }));
        var form = new Form("test.form", "A title that is far too long for Slack", inputs, new string('S', 30), "state");

        var modal = BlockKitRenderer.Modal(form, Metadata, NoUsers)!;

        Assert.Equal(SlackLimits.ModalTitle, ((string?)modal["title"]!["text"])!.Length);
        Assert.Equal(SlackLimits.ModalButton, ((string?)modal["submit"]!["text"])!.Length);
        var blocks = modal["blocks"]!.AsArray();
        Assert.Equal(SlackLimits.BlocksPerModal, blocks.Count);
        Assert.Equal("context", (string?)blocks[^1]!["type"]);
        var select = blocks[0]!;
        Assert.Equal(SlackLimits.Options, select["element"]!["options"]!.AsArray().Count);
        Assert.All(select["element"]!["options"]!.AsArray(), o =>
        {
            Assert.True(((string?)o!["text"]!["text"])!.Length <= SlackLimits.OptionText);
            Assert.True(((string?)o["value"])!.Length <= SlackLimits.OptionValue);
        });
        Assert.Contains("first 100 of 150", (string?)select["hint"]!["text"], StringComparison.Ordinal);
        var text = blocks[1]!;
        Assert.Equal(SlackLimits.InputLabel, ((string?)text["label"]!["text"])!.Length);
        Assert.Equal(SlackLimits.TextInputLength, (int)text["element"]!["max_length"]!);
        Assert.Equal(SlackLimits.Placeholder, ((string?)text["element"]!["placeholder"]!["text"])!.Length);
    }

    [Fact]
    public void Modal_Form_CarriesIdsStateAndInitialValues()
    {
        var form = new Form("test.form", "Log", [
            new TextInput("title", "Title") { Required = true, Initial = "Hello" },
            new NumberInput("score", "Score") { Min = 0, Max = 10, WholeNumber = true, Initial = 3 },
            new DateInput("due", "Due") { Initial = new DateOnly(2026, 3, 31) },
            new SelectInput("tags", "Tags", [new Choice("bug", "Bug"), new Choice("ux", "UX")]) { Multiple = true, Initial = ["ux"] },
            new UserInput("owner", "Owner") { Initial = ["7"] },
            new CheckboxInput("urgent", "Urgent") { Initial = true, Required = true },
        ], "Save", "s-1");

        var modal = BlockKitRenderer.Modal(form, Metadata, new Dictionary<string, string> { ["7"] = "U7" })!;

        Assert.Equal(ModalMetadata.CallbackId, (string?)modal["callback_id"]);
        Assert.Equal(Metadata, ModalMetadata.Parse((string?)modal["private_metadata"]));
        var blocks = modal["blocks"]!.AsArray();
        Assert.False((bool)blocks[0]!["optional"]!);
        Assert.Equal("Hello", (string?)blocks[0]!["element"]!["initial_value"]);
        Assert.Equal("3", (string?)blocks[1]!["element"]!["initial_value"]);
        Assert.False((bool)blocks[1]!["element"]!["is_decimal_allowed"]!);
        Assert.Equal("2026-03-31", (string?)blocks[2]!["element"]!["initial_date"]);
        Assert.Equal("ux", (string?)blocks[3]!["element"]!["initial_options"]![0]!["value"]);
        Assert.Equal("U7", (string?)blocks[4]!["element"]!["initial_user"]);
        Assert.True((bool)blocks[5]!["optional"]!);
        Assert.Equal("true", (string?)blocks[5]!["element"]!["initial_options"]![0]!["value"]);
    }

    [Fact]
    public void Modal_FormWithoutInputs_ShowsItsTitleInOneSection()
    {
        var form = new Form("test.form", "Confirm the digest", []);

        var blocks = BlockKitRenderer.Modal(form, Metadata, NoUsers)!["blocks"]!.AsArray();

        var section = Assert.Single(blocks)!;
        Assert.Equal("section", (string?)section["type"]);
        Assert.Equal("Confirm the digest", (string?)section["text"]!["text"]);
    }

    [Fact]
    public void Modal_StateLargerThanPrivateMetadata_IsNull()
    {
        var form = new Form("test.form", "Log", [new TextInput("t", "T")], State: new string('s', 3000));

        Assert.Null(BlockKitRenderer.Modal(form, Metadata with { State = form.State }, NoUsers));
    }

    [Fact]
    public void Errors_FieldErrors_MapToBlockIds()
    {
        var errors = BlockKitRenderer.Errors(new Dictionary<string, string> { ["title"] = "Title is required." });

        Assert.Equal("""{"response_action":"errors","errors":{"title":"Title is required."}}""", errors.ToJsonString());
    }

    private static List<JsonObject> Blocks1(Reply reply) =>
        BlockKitRenderer.Render(reply).SelectMany(m => m.Blocks).Select(b => b!.AsObject()).ToList();
}
