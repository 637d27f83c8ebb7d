using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using ProductOps.Bot.Pipeline;
using ProductOps.Bot.Teams;
using ProductOps.Bot.Tests.Teams.TestKit;
using ProductOps.Bot.Tests.TestKit;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Tests.Teams;

/// <summary>
/// "Send to product" (composeExtension/fetchTask) with a shortcut handler of the test's choosing:
/// whatever the turn answers, Teams gets the task it requires.
/// </summary>
public sealed class TeamsMessageActionTests : TeamsPartsTest
{
    [Fact]
    public async Task SendToProduct_TurnAnswersNothing_AnswersATaskMessage()
    {
        using var services = Services(Response.None);

        var answer = await Invokes(services).HandleAsync(SendToProduct(), CancellationToken.None);

        Assert.Equal(200, answer.Status);
        Assert.Equal("message", (string?)answer.Body?["task"]?["type"]);
        Assert.Contains("nothing to fill in", (string?)answer.Body?["task"]?["value"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendToProduct_TurnAnswersOnlyTheChannel_AnswersATaskMessageAndPostsTheAnswer()
    {
        using var services = Services(Response.Say(Markup.Text("Sent to the payments team."), Visibility.Channel));

        var answer = await Invokes(services).HandleAsync(SendToProduct(), CancellationToken.None);
        var posted = await Parts.BotFramework.WaitForAsync(c => c.Body.Contains("Sent to the payments team.", StringComparison.Ordinal));

        Assert.Equal("message", (string?)answer.Body?["task"]?["type"]);
        Assert.Contains("follows in this chat", (string?)answer.Body?["task"]?["value"], StringComparison.Ordinal);
        Assert.EndsWith("/v3/conversations/19%3Achannel%40thread.tacv2/activities", posted.Uri.AbsolutePath, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(Response answer)
    {
        var services = new ServiceCollection();
        var skill = new ShortcutSkill();
        services.AddSingleton(new SkillRegistry([skill]));
        services.AddScoped<Router>();
        services.AddSingleton<IPersonResolver>(new FakePeopleStore());
        services.AddSingleton(new ShortcutSkill.Handler(answer));
        return services.BuildServiceProvider();
    }

    private TeamsInvokes Invokes(ServiceProvider services) => new(
        new TurnRunner(services.GetRequiredService<IServiceScopeFactory>(), NullLogger<TurnRunner>.Instance),
        Parts.Directory,
        Parts.Replies,
        new CardData(new EphemeralDataProtectionProvider()),
        new FakePeopleStore(),
        new TeamsPeopleSearch(new FakePeopleStore()),
        Parts.Options,
        Parts.Clock,
        new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance),
        NullLogger<TeamsInvokes>.Instance);

    private static Activity SendToProduct() => new()
    {
        Type = "invoke",
        Name = TeamsInvokes.ExtensionFetch,
        Id = "send-to-product-1",
        ServiceUrl = TeamsParts.ServiceUrl,
        From = new ChannelAccount("29:rido", "Rido") { AadObjectId = TeamsParts.Rido.UserId },
        Recipient = new ChannelAccount("28:" + TestTokens.AppId, "ProductOps"),
        Conversation = new ConversationAccount("19:channel@thread.tacv2") { ConversationType = "channel", TenantId = TeamsParts.Tenant },
        Value = JsonDocument.Parse("""{"commandId":"sendToProduct","commandContext":"message","messagePayload":{"body":{"contentType":"text","content":"Export is slow"}}}""").RootElement,
    };

    private sealed class ShortcutSkill : ISkill
    {
        public string Name => "Shortcut";

        public void Register(SkillRegistry registry) => registry.Shortcut<Handler>(TeamsInbound.SendToProductShortcut);

        public sealed class Handler(Response answer) : IShortcutHandler
        {
            public Task<Response> HandleAsync(MessageInbound message, Person person, CancellationToken ct) => Task.FromResult(answer);
        }
    }
}
