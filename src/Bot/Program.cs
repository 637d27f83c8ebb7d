using ProductOps.Bot.Api;
using ProductOps.Bot.DevChat;
using ProductOps.Bot.Feedback;
using ProductOps.Bot.Hosting;
using ProductOps.Bot.Outbox;
using ProductOps.Bot.Scheduling;

var builder = WebApplication.CreateBuilder(args);
builder.AddProductOpsConfiguration(args);
builder.Services
    .AddStorage(builder.Configuration)
    .AddAdmin()
    .AddAccounts()
    .AddFeedback(builder.Configuration)
    .AddSkills()
    .AddApi(builder.Configuration)
    .AddOutbox(builder.Configuration)
    .AddScheduling(builder.Configuration)
    .AddDevChat(builder.Configuration);

var app = builder.Build();
await app.PrepareDatabaseAsync();
if (await app.RunCommandLineTaskAsync(args) is { } exitCode)
{
    return exitCode;
}

await app.SeedDemoDataAsync();
app.MapHealth();
app.MapApi().MapFeedbackApi();
app.MapFeedbackExports();
app.MapDevChat();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
