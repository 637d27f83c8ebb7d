using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Moq;
using ProductOps.Bot.DevChat;
using ProductOps.Bot.Tests.TestKit;

namespace ProductOps.Bot.Tests.DevChat;

public sealed class DevChatEnablementTests
{
    [Theory]
    [InlineData("auto", "Production", false, true)]
    [InlineData("auto", "Production", true, false)]
    [InlineData("auto", "Development", true, true)]
    [InlineData("false", "Development", false, false)]
    [InlineData("true", "Production", true, true)]
    [InlineData("TRUE", "Production", true, true)]
    public void Enabled_ForSettingEnvironmentAndPlatform_Decides(string setting, string environment, bool slackConfigured, bool expected)
    {
        var values = new Dictionary<string, string?> { ["DevChat:Enabled"] = setting };
        if (slackConfigured)
        {
            values["SLACK_BOT_TOKEN"] = "xoxb-test";
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var host = new Mock<IHostEnvironment>();
        host.Setup(h => h.EnvironmentName).Returns(environment);

        var status = new DevChatStatus(Options.Create(new DevChatOptions { Enabled = setting }), configuration, host.Object);

        Assert.Equal(expected, status.Enabled);
    }

    [Theory]
    [InlineData("Teams:AppId")]
    [InlineData("Slack:BotToken")]
    public void Enabled_AutoInProductionWithPlatform_IsOff(string key)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = "configured" }).Build();
        var host = new Mock<IHostEnvironment>();
        host.Setup(h => h.EnvironmentName).Returns("Production");

        var status = new DevChatStatus(Options.Create(new DevChatOptions()), configuration, host.Object);

        Assert.False(status.Enabled);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/devchat/devchat.js")]
    [InlineData("/devchat/api/users")]
    [InlineData("/devchat/api/inbox?user=priya")]
    public async Task Get_WhenOff_Returns404(string path)
    {
        using var factory = new ProductOpsFactory(("DevChat:Enabled", "false"));
        var client = factory.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PostMessage_WhenOff_Returns404()
    {
        using var factory = new ProductOpsFactory(("DevChat:Enabled", "false"));
        var chat = new DevChatClient(factory.CreateClient());

        var response = await chat.SayAsync("priya", "/productops help");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void Start_WithInvalidSetting_FailsWithMessage()
    {
        using var factory = new ProductOpsFactory(("DevChat:Enabled", "sometimes"));

        var error = Assert.ThrowsAny<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("DevChat:Enabled must be auto, true or false.", error.Message);
    }
}
