using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProductOps.Bot.Outbox;
using ProductOps.Bot.Tests.TestKit;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Tests.DevChat;

public sealed class DevChatApiTests : IDisposable
{
    private readonly ProductOpsFactory _factory = new();
    private readonly DevChatClient _chat;

    public DevChatApiTests()
    {
        _chat = new DevChatClient(_factory.CreateClient());
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Users_WithPeople_ListsDevChatIdentitiesWithRoleKeys()
    {
        var users = await _chat.GetJsonAsync("/devchat/api/users");

        var ids = users.EnumerateArray().Select(u => u.GetProperty("id").GetString()!).ToArray();
        Assert.Equal(["leo", "maya", "priya", "sam"], ids);
        var sam = users.EnumerateArray().Single(u => u.GetProperty("id").GetString() == "sam");
        Assert.Equal("Sam Sales", sam.GetProperty("name").GetString());
        Assert.Equal(["gtm", "account-owner"], sam.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Message_ProductopsHelp_ReturnsRenderedHelp()
    {
        var answer = await DevChatClient.JsonAsync(await _chat.SayAsync("priya", "/productops help"));

        var reply = answer.GetProperty("replies")[0];
        Assert.Equal("asker", reply.GetProperty("visibility").GetString());
        Assert.Contains("ProductOps: what I can do", reply.GetProperty("text").GetString());
        Assert.Equal("header", reply.GetProperty("blocks")[0].GetProperty("type").GetString());
        Assert.Contains("<h3 class=\"dc-header\">ProductOps: what I can do</h3>", reply.GetProperty("html").GetString());
        Assert.False(answer.TryGetProperty("form", out _));
    }

    [Fact]
    public async Task Message_WithoutSlash_IsRoutedAsCommand()
    {
        var answer = await DevChatClient.JsonAsync(await _chat.SayAsync("priya", "productops test-buttons"));

        var html = answer.GetProperty("replies")[0].GetProperty("html").GetString();
        Assert.Contains("data-action-id=\"test.ping\"", html);
        Assert.Contains("data-value=\"42\"", html);
    }

    [Fact]
    public async Task Message_UnknownCommand_SuggestsClosest()
    {
        var answer = await DevChatClient.JsonAsync(await _chat.SayAsync("priya", "/productop help"));

        Assert.Contains("Did you mean /productops", answer.GetProperty("replies")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Message_InChannelWithChannelReply_StoresItInChannelHistory()
    {
        await DevChatClient.JsonAsync(await _chat.SayAsync("priya", "/productops test-announce launch <b>today</b>", "#Product-Payments"));

        var history = await _chat.GetJsonAsync("/devchat/api/channel?name=product-payments");

        var message = Assert.Single(history.EnumerateArray());
        Assert.Equal("@Priya Patel says launch <b>today</b>", message.GetProperty("text").GetString());
        Assert.Contains("launch &lt;b&gt;today&lt;/b&gt;", message.GetProperty("html").GetString());
        Assert.True(message.GetProperty("id").GetInt64() > 0);
        Assert.True(message.TryGetProperty("time", out _));
    }

    [Fact]
    public async Task Action_PressedButton_RunsActionHandler()
    {
        var answer = await DevChatClient.JsonAsync(await _chat.PressAsync("leo", TestSkill.PingAction, "42"));

        Assert.Equal("Pong 42 for Leo Lead", answer.GetProperty("replies")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Message_FormCommand_OpensFormWithEveryInput()
    {
        var answer = await DevChatClient.JsonAsync(await _chat.SayAsync("priya", "/productops test-form"));

        var form = answer.GetProperty("form");
        Assert.Equal(TestSkill.FormId, form.GetProperty("formId").GetString());
        Assert.Equal("Log a test item", form.GetProperty("title").GetString());
        Assert.Equal("Save", form.GetProperty("submitLabel").GetString());
        Assert.Equal("state-1", form.GetProperty("state").GetString());
        var html = form.GetProperty("html").GetString()!;
        Assert.Contains("data-kind=\"checkbox\"", html);
        Assert.Contains("Priya Patel (@priya)", html);
    }

    [Fact]
    public async Task Form_MissingRequiredField_ReturnsFieldErrors()
    {
        var answer = await DevChatClient.JsonAsync(await _chat.SubmitAsync("priya", TestSkill.FormId, new { title = "  ", urgent = true, tags = (string[])["bug"] }));

        var errors = answer.GetProperty("errors");
        Assert.Equal("Title is required.", errors.GetProperty("title").GetString());
        Assert.False(answer.TryGetProperty("replies", out _));
    }

    [Fact]
    public async Task Form_Valid_RepliesAndDeliversDirectMessageToInbox()
    {
        var answer = await DevChatClient.JsonAsync(await _chat.SubmitAsync("priya", TestSkill.FormId,
            new { title = "Checkout slow", tags = (string[])["bug", "ux"], urgent = false, owner = "2" }, "state-1"));

        Assert.Equal("Saved Checkout slow (state state-1)", answer.GetProperty("replies")[0].GetProperty("text").GetString());
        Assert.Equal("directMessage", answer.GetProperty("replies")[1].GetProperty("visibility").GetString());
        var inbox = await _chat.GetJsonAsync("/devchat/api/inbox?user=priya");
        Assert.Equal("You logged Checkout slow.", Assert.Single(inbox.EnumerateArray()).GetProperty("text").GetString());
    }

    [Fact]
    public async Task Inbox_AfterSenderDelivered_ListsMessagesOldestFirst()
    {
        var sender = _factory.Services.GetServices<IMessageSender>().Single(s => s.Platform == Platforms.DevChat);
        var priya = _factory.People.Named("priya");
        var identity = priya.IdentityOn(Platforms.DevChat);
        await sender.SendAsync(new Delivery("k1", new PersonRecipient(priya.Id), identity, Reply.Say("First")), CancellationToken.None);
        await sender.SendAsync(new Delivery("k2", new PersonRecipient(priya.Id), identity, Reply.Say("Second")), CancellationToken.None);

        var inbox = await _chat.GetJsonAsync("/devchat/api/inbox?user=priya");

        Assert.Equal(["First", "Second"], inbox.EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        Assert.Equal("<div class=\"dc-section\"><p>First</p></div>", inbox[0].GetProperty("html").GetString());
        Assert.Equal("section", inbox[0].GetProperty("blocks")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Channel_AfterSenderDelivered_ListsMessage()
    {
        var sender = _factory.Services.GetServices<IMessageSender>().Single(s => s.Platform == Platforms.DevChat);
        await sender.SendAsync(new Delivery("digest-1", new ChannelRecipient("#product-health"), null, Reply.Say("Weekly digest")), CancellationToken.None);

        var channel = await _chat.GetJsonAsync("/devchat/api/channel?name=%23product-health");

        Assert.Equal("Weekly digest", Assert.Single(channel.EnumerateArray()).GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("/devchat/api/messages", "{\"user\":\"nobody\",\"text\":\"help\"}", "No dev chat user \"nobody\"")]
    [InlineData("/devchat/api/messages", "{\"user\":\"slackonly\",\"text\":\"help\"}", "No dev chat user")]
    [InlineData("/devchat/api/messages", "{\"text\":\"help\"}", "No user given")]
    [InlineData("/devchat/api/messages", "{\"user\":\"priya\"}", "has no text")]
    [InlineData("/devchat/api/messages", "{\"user\":\"priya\",\"text\":\"   \"}", "has no text")]
    [InlineData("/devchat/api/messages", "{\"user\":\"priya\",\"text\":\"/\"}", "needs a command")]
    [InlineData("/devchat/api/messages", "{\"user\":\"priya\",\"text\":\"help\",\"channel\":\"two words\"}", "not a channel name")]
    [InlineData("/devchat/api/messages", "{\"user\":\"priya\",\"text\":5}", "not the JSON this endpoint takes")]
    [InlineData("/devchat/api/messages", "not json", "not the JSON this endpoint takes")]
    [InlineData("/devchat/api/messages", "", "has no body")]
    [InlineData("/devchat/api/actions", "{\"user\":\"priya\"}", "has no actionId")]
    [InlineData("/devchat/api/forms", "{\"user\":\"priya\",\"values\":{}}", "has no formId")]
    [InlineData("/devchat/api/forms", "{\"user\":\"priya\",\"formId\":\"test.form\",\"values\":{\"score\":5}}", "The field \"score\" has a number")]
    [InlineData("/devchat/api/forms", "{\"user\":\"priya\",\"formId\":\"test.form\",\"values\":{\"tags\":[\"a\",{}]}}", "The field \"tags\" has a array")]
    public async Task Post_BadRequest_Returns400WithError(string path, string body, string expected)
    {
        var response = await _chat.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
        Assert.Contains(expected, error);
    }

    [Fact]
    public async Task Message_BodyOver64KB_Returns400AndRunsNothing()
    {
        var text = "/productops test-announce " + new string('x', 70 * 1024);

        var response = await _chat.SayAsync("priya", text, "big");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("larger than 64 KB", await response.Content.ReadAsStringAsync());
        Assert.Empty((await _chat.GetJsonAsync("/devchat/api/channel?name=big")).EnumerateArray());
    }

    [Theory]
    [InlineData("/devchat/api/inbox", "No user given")]
    [InlineData("/devchat/api/inbox?user=nobody", "No dev chat user")]
    [InlineData("/devchat/api/channel", "No channel name")]
    public async Task Get_BadQuery_Returns400WithError(string path, string expected)
    {
        var response = await _chat.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Page_WhenOn_ServesHtmlAndAssets()
    {
        var page = await _chat.Http.GetAsync("/");
        var script = await _chat.Http.GetAsync("/devchat/devchat.js");
        var style = await _chat.Http.GetAsync("/devchat/devchat.css");

        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("ProductOps dev chat", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal(HttpStatusCode.OK, style.StatusCode);
    }
}
