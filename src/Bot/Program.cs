using ProductOps.Bot.DevChat;
using ProductOps.Bot.Hosting;
using ProductOps.Bot.Outbox;
using ProductOps.Bot.Scheduling;
using ProductOps.Bot.Teams;

var builder = WebApplication.CreateBuilder(args);
builder.AddProductOpsConfiguration(args);
builder.Services
    .AddStorage(builder.Configuration)
    .AddAdmin()
    .AddSkills()
    .AddOutbox(builder.Configuration)
    .AddScheduling(builder.Configuration)
    .AddTeams(builder.Configuration)
    .AddDevChat(builder.Configuration);

var app = builder.Build();
await app.PrepareDatabaseAsync();
await app.SeedDemoDataAsync();
app.MapHealth();
app.MapTeams();
app.MapDevChat();
await app.RunAsync();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
