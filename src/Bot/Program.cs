using ProductOps.Bot.Cadences;
using ProductOps.Bot.DevChat;
using ProductOps.Bot.Hosting;
using ProductOps.Bot.Outbox;
using ProductOps.Bot.Scheduling;

var builder = WebApplication.CreateBuilder(args);
builder.AddProductOpsConfiguration(args);
builder.Services
    .AddStorage(builder.Configuration)
    .AddAdmin()
    .AddSkills()
    .AddOutbox(builder.Configuration)
    .AddScheduling(builder.Configuration)
    .AddCadences()
    .AddDevChat(builder.Configuration);

var app = builder.Build();
await app.PrepareDatabaseAsync();
await app.SeedDemoDataAsync();
app.MapHealth();
app.MapDevChat();
await app.RunAsync();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
