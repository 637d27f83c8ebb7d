using ProductOps.Bot.DevChat;
using ProductOps.Bot.Hosting;
using ProductOps.Bot.Outbox;
using ProductOps.Bot.Scheduling;
using ProductOps.Bot.Slack;

var builder = WebApplication.CreateBuilder(args);
builder.AddProductOpsConfiguration(args);
builder.Services
    .AddStorage(builder.Configuration)
    .AddAdmin()
    .AddSkills()
    .AddOutbox(builder.Configuration)
    .AddScheduling(builder.Configuration)
    .AddDevChat(builder.Configuration)
    .AddSlack(builder.Configuration);

var app = builder.Build();
await app.PrepareDatabaseAsync();
await app.SeedDemoDataAsync();
app.MapHealth();
app.MapDevChat();
app.MapSlack();
await app.RunAsync();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
