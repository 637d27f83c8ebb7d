using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Moq;
using ProductOps.Bot.DevChat;
using ProductOps.Bot.Outbox;
using ProductOps.Bot.Tests.TestKit;
using ProductOps.Skills.Conversation;
using ProductOps.Storage.DevChat;

namespace ProductOps.Bot.Tests.DevChat;

public sealed class DevChatSenderTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly FakeClock _clock = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Send_SameKeyTwice_StoresOnce()
    {
        var (sender, store) = await CreateAsync();
        var delivery = new Delivery("nudge:1", new PersonRecipient(1), FakePeopleStore.DevChat("Priya"), Reply.Say("Check-in due"));

        var first = await sender.SendAsync(delivery, CancellationToken.None);
        var second = await sender.SendAsync(delivery, CancellationToken.None);

        Assert.Equal(SendOutcome.Sent, first.Outcome);
        Assert.Equal(SendOutcome.Sent, second.Outcome);
        var stored = Assert.Single(await store.ListAsync(DevChatConversation.Direct("priya"), 0, CancellationToken.None));
        Assert.Equal(FakeClock.Start, stored.Time);
        Assert.Equal("Check-in due", stored.Reply.Fallback);
    }

    [Fact]
    public async Task Send_ToChannel_RoundTripsEveryBlockAndSpan()
    {
        var (sender, store) = await CreateAsync();
        var reply = new ReplyBuilder()
            .Header("Digest")
            .Section(Markup.Of($"{Md.Bold("b")} {Md.Italic("i")} {Md.Code("c")} {Md.Link("l", "https://x.test")} {Md.Channel("c")} ") + new UserSpan("P", [FakePeopleStore.DevChat("p")]),
                new Field("ARR", "1.2M"))
            .Context("ctx")
            .Divider()
            .Buttons(new Button("Open", "x.open", "1", ButtonStyle.Primary))
            .Build(Visibility.Channel);

        await sender.SendAsync(new Delivery("digest:1", new ChannelRecipient("#Product-Health"), null, reply), CancellationToken.None);

        var stored = Assert.Single(await store.ListAsync(DevChatConversation.Channel("product-health"), 0, CancellationToken.None));
        Assert.Equal(reply.Fallback, stored.Reply.Fallback);
        Assert.Equal(reply.Visibility, stored.Reply.Visibility);
        Assert.Equal(HtmlRenderer.Render(reply), HtmlRenderer.Render(stored.Reply));
    }

    [Fact]
    public async Task Send_PersonWithoutDevChatIdentity_Fails()
    {
        var (sender, _) = await CreateAsync();

        var result = await sender.SendAsync(
            new Delivery("k", new PersonRecipient(1), new ChatIdentity(Platforms.Slack, "T1", "U1"), Reply.Say("Hi")), CancellationToken.None);

        Assert.Equal(SendOutcome.Failed, result.Outcome);
    }

    [Fact]
    public async Task List_AfterId_ReturnsOnlyNewerOldestFirst()
    {
        var (sender, store) = await CreateAsync();
        foreach (var n in new[] { "one", "two", "three" })
        {
            await sender.SendAsync(new Delivery(n, new ChannelRecipient("c"), null, Reply.Say(n)), CancellationToken.None);
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        var all = await store.ListAsync(DevChatConversation.Channel("c"), 0, CancellationToken.None);
        var newer = await store.ListAsync(DevChatConversation.Channel("c"), all[0].Id, CancellationToken.None);

        Assert.Equal(["one", "two", "three"], all.Select(m => m.Reply.Fallback));
        Assert.Equal(["two", "three"], newer.Select(m => m.Reply.Fallback));
        Assert.True(all[1].Time > all[0].Time);
    }

    [Fact]
    public void Platform_IsDevChatAndConfiguredWhenEnabled()
    {
        var sender = new DevChatSender(Status("true"), new SqlDevChatStore(_database.Database, _clock));
        var off = new DevChatSender(Status("false"), new SqlDevChatStore(_database.Database, _clock));

        Assert.Equal(Platforms.DevChat, sender.Platform);
        Assert.True(sender.IsConfigured);
        Assert.False(off.IsConfigured);
    }

    private async Task<(DevChatSender Sender, SqlDevChatStore Store)> CreateAsync()
    {
        var store = new SqlDevChatStore(await _database.MigrateAsync(), _clock);
        return (new DevChatSender(Status("true"), store), store);
    }

    private static DevChatStatus Status(string enabled) =>
        new(Options.Create(new DevChatOptions { Enabled = enabled }), new ConfigurationBuilder().Build(), Mock.Of<IHostEnvironment>());
}
