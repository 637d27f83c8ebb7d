using ProductOps.Bot.DevChat;
using ProductOps.Bot.Tests.TestKit;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Tests.DevChat;

public sealed class HtmlRendererTests
{
    private static readonly Person Priya = new(7, "Priya <Patel>", "priya", null, null, new HashSet<Role>(), []);

    [Fact]
    public void Render_EveryBlockType_HasRendering()
    {
        var types = EveryNeutralType.DerivedTypes<Block>();

        Assert.Equal(types.OrderBy(t => t.Name), EveryNeutralType.Blocks.Select(b => b.GetType()).Distinct().OrderBy(t => t.Name));
        Assert.All(EveryNeutralType.Blocks, b => Assert.False(string.IsNullOrEmpty(HtmlRenderer.Render(b))));
    }

    [Fact]
    public void Render_EverySpanType_HasRendering()
    {
        var types = EveryNeutralType.DerivedTypes<Span>();

        Assert.Equal(types.OrderBy(t => t.Name), EveryNeutralType.Spans.Select(s => s.GetType()).Distinct().OrderBy(t => t.Name));
        Assert.All(EveryNeutralType.Spans, s => Assert.False(string.IsNullOrEmpty(HtmlRenderer.Render(s))));
    }

    [Fact]
    public void Render_EveryInputType_HasLabelledControl()
    {
        var types = EveryNeutralType.DerivedTypes<Input>();

        Assert.Equal(types.OrderBy(t => t.Name), EveryNeutralType.Inputs.Select(i => i.GetType()).Distinct().OrderBy(t => t.Name));
        Assert.All(EveryNeutralType.Inputs, i =>
        {
            var html = HtmlRenderer.Render(i, "f1", [Priya]);
            Assert.Contains("<label for=\"f1\">", html);
            Assert.Contains("id=\"f1\"", html);
            Assert.Contains($"data-field=\"{i.Id}\"", html);
        });
    }

    [Fact]
    public void Render_TextWithScript_EncodesIt()
    {
        var html = HtmlRenderer.Render(Reply.Say(Markup.Of($"{Md.Bold("<script>alert(1)</script>")} & <img src=x onerror=alert(1)>")));

        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("<strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>", html);
        Assert.Contains("&amp; &lt;img", html);
    }

    [Fact]
    public void Render_HeaderAndButtonWithMarkup_EncodesTextAndAttributes()
    {
        var header = HtmlRenderer.Render(new HeaderBlock("<b>hi</b>"));
        var button = HtmlRenderer.Render(new ButtonsBlock([new Button("<i>x</i>", "a\"b", "\"><script>", ButtonStyle.Danger)]));

        Assert.Equal("<h3 class=\"dc-header\">&lt;b&gt;hi&lt;/b&gt;</h3>", header);
        Assert.Equal(
            "<div class=\"dc-buttons\"><button type=\"button\" class=\"dc-btn dc-btn-danger\" data-action-id=\"a&quot;b\" data-value=\"&quot;&gt;&lt;script&gt;\">&lt;i&gt;x&lt;/i&gt;</button></div>",
            button);
    }

    [Fact]
    public void Render_SafeLink_IsAnchorWithNoopener()
    {
        var html = HtmlRenderer.Render(new LinkSpan("Roadmap & plans", "https://example.com/a?b=1&c=2"));

        Assert.Equal("<a href=\"https://example.com/a?b=1&amp;c=2\" rel=\"noopener\" target=\"_blank\">Roadmap &amp; plans</a>", html);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JAVASCRIPT:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("/relative")]
    public void Render_UnsafeLink_IsPlainText(string url)
    {
        var html = HtmlRenderer.Render(new LinkSpan("click", url));

        Assert.DoesNotContain("<a", html);
        Assert.DoesNotContain("<script", html);
        Assert.StartsWith("click (", html);
    }

    [Fact]
    public void Render_MentionsAndNewlines_ShowNamesAndBreaks()
    {
        var html = HtmlRenderer.Render(Markup.Of($"{Md.User(Priya)} in {Md.Channel("#payments")}\nnext line"));

        Assert.Equal("<span class=\"dc-mention\">@Priya &lt;Patel&gt;</span> in <span class=\"dc-channel\">#payments</span><br>next line", html);
    }

    [Fact]
    public void RenderFields_Form_ShowsRequiredHintsAndInitialValues()
    {
        var form = new Form("f", "Form",
        [
            new TextInput("title", "Title") { Required = true, Hint = "Short <please>", Initial = "Hello \"you\"" },
            new TextInput("notes", "Notes") { Multiline = true, Initial = "</textarea><script>" },
            new NumberInput("n", "N") { Min = 1, Max = 5, WholeNumber = true, Initial = 3 },
            new DateInput("d", "D") { Initial = new DateOnly(2026, 3, 31) },
            new SelectInput("tags", "Tags", [new Choice("a", "A"), new Choice("b", "B")]) { Multiple = true, Initial = ["b"] },
            new UserInput("owner", "Owner") { Initial = ["7"] },
            new CheckboxInput("urgent", "Urgent") { Initial = true },
        ]);

        var html = HtmlRenderer.RenderFields(form, [Priya]);

        Assert.Contains("<label for=\"dc-f0\">Title<span class=\"dc-required\" aria-hidden=\"true\"> *</span></label>", html);
        Assert.Contains("aria-required=\"true\"", html);
        Assert.Contains("<p class=\"dc-hint\" id=\"dc-f0-hint\">Short &lt;please&gt;</p>", html);
        Assert.Contains("value=\"Hello &quot;you&quot;\"", html);
        Assert.Contains("&lt;/textarea&gt;&lt;script&gt;</textarea>", html);
        Assert.Contains("min=\"1\" max=\"5\" value=\"3\"", html);
        Assert.Contains("value=\"2026-03-31\"", html);
        Assert.Contains("<option value=\"b\" selected>B</option>", html);
        Assert.Contains("<option value=\"7\" selected>Priya &lt;Patel&gt; (@priya)</option>", html);
        Assert.Contains("type=\"checkbox\" checked", html);
        Assert.Contains("data-error-for=\"urgent\" hidden", html);
    }
}
