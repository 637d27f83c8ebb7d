using Moq;
using ProductOps.Skills.Accounts;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;
using ProductOps.Skills.Feedback;
using ProductOps.Skills.Tests.TestKit;
using ProductOps.Storage;
using ProductOps.Storage.Accounts;
using ProductOps.Storage.Feedback;
using ProductOps.Storage.Outbox;

namespace ProductOps.Skills.Tests.Feedback;

/// <summary>
/// A test chat with the feedback skill over real stores, a small organisation (an admin, two PMs
/// owning Payments and Reporting, two GTM people, an account owner) and three accounts; presses
/// buttons, submits forms, shares messages, and reads back the outbox.
/// </summary>
public sealed class FeedbackChat : IAsyncDisposable
{
    private readonly SkillRegistry _registry = new([new FeedbackSkill(), new AdminSkill()]);

    private FeedbackChat(TestChat chat) => Chat = chat;

    public TestChat Chat { get; }

    public Person Maya { get; private set; } = null!;

    public Person Priya { get; private set; } = null!;

    public Person Lena { get; private set; } = null!;

    public Person Tom { get; private set; } = null!;

    public Person Aisha { get; private set; } = null!;

    public Person Noah { get; private set; } = null!;

    public Area Payments { get; private set; } = null!;

    public Area Reporting { get; private set; } = null!;

    /// <summary>The thread readers the handlers see: the dev chat's fake; empty it to act as a platform that cannot read threads.</summary>
    public List<IThreadReader> ThreadReaders { get; } = [];

    public FakeThreadReader Threads { get; } = new();

    public IFeedbackStore Items => Chat.Services.Get<IFeedbackStore>();

    public IThemeStore Themes => Chat.Services.Get<IThemeStore>();

    /// <summary>The platform's file sending: by default the platform takes no files, as in the dev chat.</summary>
    public Mock<IFileSender> Files { get; } = new();

    public static async Task<FeedbackChat> StartAsync()
    {
        var chat = await TestChat.StartAsync(null, new FeedbackSkill(), new AdminSkill());
        var database = chat.Services.Get<Database>();
        chat.Services
            .Add<IAccountStore>(new SqlAccountStore(database))
            .Add<IOutbox>(new SqlOutbox(database, chat.Clock))
            .Add<IFeedbackStore>(new SqlFeedbackStore(database, chat.Clock))
            .Add<IThemeStore>(new SqlThemeStore(database, chat.Clock))
            .Add<IThemeTotals>(new SqlThemeTotals(database))
            .Add<IExportLinkStore>(new SqlExportLinkStore(database, chat.Clock))
            .Add(FeedbackSettings.Default);
        var f = new FeedbackChat(chat)
        {
            Maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin),
            Priya = await chat.PersonAsync("Priya Patel", "priya", Role.Pm),
            Lena = await chat.PersonAsync("Lena Fischer", "lena", Role.Pm),
            Tom = await chat.PersonAsync("Tom Becker", "tom", Role.Gtm),
            Aisha = await chat.PersonAsync("Aisha Khan", "aisha", Role.Gtm),
            Noah = await chat.PersonAsync("Noah Williams", "noah", Role.AccountOwner),
        };
        f.Files.Setup(s => s.CanSend(It.IsAny<ChatUser>())).Returns(false);
        chat.Services.Add(f.Files.Object);
        f.ThreadReaders.Add(f.Threads);
        chat.Services.Add<IEnumerable<IThreadReader>>(f.ThreadReaders);
        f.Payments = (await chat.Areas.AddAsync(new AreaDraft("Payments", ["pay", "billing"], f.Priya.Id, "payments-feedback"), CancellationToken.None))!;
        f.Reporting = (await chat.Areas.AddAsync(new AreaDraft("Reporting", ["reports"], f.Lena.Id, "reporting-feedback"), CancellationToken.None))!;
        await chat.Services.Get<IAccountStore>().UpsertAsync(
            [
                new AccountData("Acme Health", ["acme"], "enterprise", 1_200_000m, f.Noah.Id, null, "CRM-1"),
                new AccountData("Globex Insurance", ["globex"], "enterprise", 200_000m, f.Noah.Id, null, "CRM-2"),
                new AccountData("Willow Creek Clinic", ["willow"], "smb", 24_000m, null, null, "CRM-3"),
            ],
            CancellationToken.None);
        return f;
    }

    public Task<string> SayAsync(Person who, string text) => Chat.SayAsync(who, text);

    public Task<Response> SendAsync(Person who, string text) => Chat.SendAsync(who, text);

    public Task<Response> PressAsync(Person who, Button button) => RunAsync(who, (from, where) => new ActionInbound(from, where, button.ActionId, button.Value));

    public Task<Response> SubmitAsync(Person who, Form form, params (string Id, string Value)[] values) =>
        RunAsync(who, (from, where) => new FormSubmission(from, where, form.FormId, FormValues.Of(values), form.State));

    public Task<Response> ShareAsync(Person who, SharedMessage message) =>
        RunAsync(who, (from, where) => new MessageInbound(from, where, MessageKind.Shared, "", message, SendToProductHandler.Shortcut));

    /// <summary>Mentions the bot in a reply inside the thread <paramref name="threadId"/>.</summary>
    public Task<Response> MentionInThreadAsync(Person who, string text, string threadId) =>
        RunAsync(who, (from, where) => new MessageInbound(from, where, MessageKind.Mention, text, ThreadId: threadId));

    /// <summary>Every message enqueued so far, in order.</summary>
    public async Task<IReadOnlyList<OutboundMessage>> OutboxAsync() =>
        (await new SqlOutboxStore(Chat.Services.Get<Database>(), Chat.Clock).ClaimDueAsync(10_000, TimeSpan.FromMinutes(5), CancellationToken.None))
        .Select(c => c.Message)
        .ToArray();

    /// <summary>Stores an item as if submitted, for arranging themes.</summary>
    public async Task<FeedbackItem> ItemAsync(Person by, Area? area, string? account, string words, bool keepPosted = true)
    {
        var found = account is null ? null : await Chat.Services.Get<IAccountStore>().FindByNameAsync(account, CancellationToken.None);
        var (item, _) = await Items.AddAsync(
            new NewFeedback(by.Id, area?.Id, found?.Id, account, "feature-request", "important", found?.Arr, words, null, null, keepPosted),
            FeedbackSettings.RepeatWindow,
            CancellationToken.None);
        return item;
    }

    public async Task<Theme> ThemeAsync(string title, Area area, params FeedbackItem[] items)
    {
        var theme = await Themes.CreateAsync(title, area.Id, area.OwnerId, CancellationToken.None);
        await Themes.LinkAsync(items.Select(i => i.Id).ToArray(), theme.Id, CancellationToken.None);
        return theme;
    }

    public static IEnumerable<Button> Buttons(Response response) =>
        response.Replies.SelectMany(r => r.Blocks).OfType<ButtonsBlock>().SelectMany(b => b.Buttons);

    public ValueTask DisposeAsync() => Chat.DisposeAsync();

    private Task<Response> RunAsync(Person who, Func<ChatUser, Place, Inbound> build)
    {
        var from = new ChatUser(TestChat.Identity(who.Handle), who.Name, who.Email, who.TimeZone);
        return new Router(_registry, Chat.People, Chat.Services).HandleAsync(build(from, Place.Channel("C-general", "general")), CancellationToken.None);
    }
}
