using ProductOps.Bot.Api;
using ProductOps.Bot.Cadences;
using ProductOps.Bot.DevChat;
using ProductOps.Bot.Feedback;
using ProductOps.Bot.Hosting;
using ProductOps.Bot.Metrics;
using ProductOps.Bot.Outbox;
using ProductOps.Bot.Participants;
using ProductOps.Bot.Scheduling;
using ProductOps.Bot.Slack;
using ProductOps.Bot.Teams;

SocketContinuations.RunInline();

// Settings are read once, at start. Reloading them on change would watch the whole content root,
// and with it the database beside it: every SQLite write would wake a file watcher.
var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
builder.AddProductOpsConfiguration(args);

// Every reply is an HTTP call; the platform clients log the failures that matter themselves, so the
// factory's per-request log scopes and lines would only cost time on each one.
builder.Services.ConfigureHttpClientDefaults(http => http.RemoveAllLoggers());
builder.Services
    .AddStorage(builder.Configuration)
    .AddAdmin()
    .AddAccounts()
    .AddParticipants(builder.Configuration)
    .AddFeedback(builder.Configuration)
    .AddSkills()
    .AddApi(builder.Configuration)
    .AddMetrics(builder.Configuration)
    .AddOutbox(builder.Configuration)
    .AddScheduling(builder.Configuration)
    .AddCadences()
    .AddSlack(builder.Configuration)
    .AddTeams(builder.Configuration)
    .AddDevChat(builder.Configuration);

var app = builder.Build();
await app.PrepareDatabaseAsync();
if (await app.RunCommandLineTaskAsync(args) is { } exitCode)
{
    return exitCode;
}

await app.SeedDemoDataAsync();
app.MapHealth();
app.MapApi().MapMetricValues().MapFeedbackApi();
app.MapFeedbackExports();
app.MapSlack();
app.MapTeams();
app.MapDevChat();
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
