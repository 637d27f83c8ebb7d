using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProductOps.Bot.Tests.TestKit;
using Xunit.Abstractions;

namespace ProductOps.Bot.Tests.DevChat;

/// <summary>
/// The dev chat page in a real browser: Debian's chromium against the app on a loopback port.
/// Without chromium the test fails, unless PRODUCTOPS_SKIP_BROWSER=1 says to skip it.
/// </summary>
public sealed class DevChatBrowserTests(ITestOutputHelper output)
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Page_PickUserAndAskForHelp_ShowsRenderedReplyAndFormErrors()
    {
        if (!File.Exists(Chromium))
        {
            Assert.True(
                Environment.GetEnvironmentVariable("PRODUCTOPS_SKIP_BROWSER") == "1",
                $"{Chromium} is missing: install it with 'apt-get install -y chromium', or set PRODUCTOPS_SKIP_BROWSER=1 to skip this test.");
            output.WriteLine($"SKIPPED: {Chromium} is missing and PRODUCTOPS_SKIP_BROWSER=1; the dev chat page was not tested in a browser.");
            return;
        }

        using var factory = new ProductOpsFactory();
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);

        var box = page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });

        await page.GotoAsync(address + "/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Priya Patel" }).ClickAsync();
        await box.FillAsync("/productops help");
        await box.PressAsync("Enter");
        var help = page.Locator(".bot .dc-header", new() { HasText = "ProductOps: what I can do" });
        await help.WaitForAsync();
        await box.FillAsync("productops test-buttons");
        await box.PressAsync("Enter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ping" }).ClickAsync();
        await page.Locator(".bot", new() { HasText = "Pong 42 for Priya Patel" }).WaitForAsync();
        await box.FillAsync("/productops test-form");
        await box.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var error = dialog.Locator(".dc-error", new() { HasText = "Title is required." });
        await error.WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "devchat-form.png") });
        await dialog.GetByRole(AriaRole.Textbox, new() { Name = "Title" }).FillAsync("Checkout is slow");
        await dialog.GetByLabel("Tags").SelectOptionAsync(["bug", "ux"]);
        await dialog.GetByLabel("Urgent").CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await page.Locator(".bot", new() { HasText = "Saved Checkout is slow" }).WaitForAsync();
        await page.Locator("#inbox .card", new() { HasText = "You logged Checkout is slow." }).WaitForAsync();
        await page.Locator("#where").SelectOptionAsync("product-ops");
        await box.FillAsync("/productops test-announce launch day");
        await box.PressAsync("Enter");
        await page.Locator("#channel-feed .card", new() { HasText = "launch day" }).WaitForAsync();
        await help.ScrollIntoViewIfNeededAsync();
        var screenshot = Path.Combine(folder, "devchat.png");
        await page.ScreenshotAsync(new() { Path = screenshot });

        Assert.True(await help.IsVisibleAsync());
        Assert.False(await dialog.IsVisibleAsync());
        Assert.Equal("Only visible to you", await page.Locator(".card.asker", new() { Has = page.Locator(".dc-header", new() { HasText = "ProductOps: what I can do" }) }).Locator(".badge").InnerTextAsync());
        output.WriteLine($"Screenshots: {screenshot} and {Path.Combine(folder, "devchat-form.png")}");
    }
}
