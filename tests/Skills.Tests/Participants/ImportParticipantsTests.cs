using ProductOps.Skills.Conversation;
using ProductOps.Skills.Importing;
using ProductOps.Skills.Participants;

namespace ProductOps.Skills.Tests.Participants;

public sealed class ImportParticipantsTests
{
    private const string Header = "email,name,account,role,opt_ins,do_not_contact\n";

    [Fact]
    public async Task Import_WithBadRows_ReportsEachAndImportsNothing()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        await chat.AccountAsync("Acme Health");
        var import = Import(chat);
        var csv = Header +
                  "ann@acme.example,Ann,Acme Health,admin,interview;survey,\n" +
                  "not-an-email,Bob,Acme Health,admin,,\n" +
                  "cat@acme.example,Cat,Nowhere Inc,admin,,\n" +
                  "ann@acme.example,Ann Again,Acme Health,admin,,\n" +
                  "dan@acme.example,Dan,Acme Health,admin,interviews;calls,\n";
        var zoned = "email,name,account,time_zone\neve@acme.example,Eve,Acme Health,Mars/Base\n";

        var report = await import.ImportAsync(new StringReader(csv), new ImportRequest(null, "test", false), CancellationToken.None);

        Assert.False(report.Applied);
        Assert.Equal(
            [
                (3, "\"not-an-email\" is not an e-mail address"),
                (4, "account \"Nowhere Inc\" is not in the account catalogue (import accounts first)"),
                (5, "ann@acme.example appears twice in the file"),
                (6, "opt_ins \"calls\" is not a method (interview, usability, survey, beta)"),
            ],
            report.Rejected.Select(r => (r.Line, r.Reason)));
        Assert.Null(await chat.Pool.FindByEmailAsync("ann@acme.example", CancellationToken.None));
        var badZone = await import.ImportAsync(new StringReader(zoned), new ImportRequest(null, "test", false), CancellationToken.None);
        Assert.Equal("time_zone \"Mars/Base\" is not a time zone (write an IANA name like Europe/London or America/Chicago)", Assert.Single(badZone.Rejected).Reason);
    }

    [Fact]
    public async Task Import_PartialThenAgain_AddsThenUpdatesByEmail()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        await chat.AccountAsync("Acme Health");
        var import = Import(chat);

        var first = await import.ImportAsync(new StringReader(Header + "Ann@Acme.example,Ann,acme health,admin,interview,\nbad,Bob,Acme Health,,,\n"), new ImportRequest(null, "test", true), CancellationToken.None);
        var second = await import.ImportAsync(new StringReader(Header + "ann@acme.example,Ann Smith,Acme Health,clinician,survey,yes\n"), new ImportRequest(null, "test", false), CancellationToken.None);

        Assert.Equal((1, 0, 1), (first.Added, first.Updated, first.Rejected.Count));
        Assert.Equal((0, 1), (second.Added, second.Updated));
        var ann = await chat.Pool.FindByEmailAsync("ANN@acme.example", CancellationToken.None);
        Assert.Equal(("Ann Smith", "clinician", "listed as do-not-contact"), (ann!.Person.Name, ann.Person.Role, ann.Person.DoNotContact));
        Assert.Equal([Method.Survey], ann.Person.OptIns);
    }

    [Fact]
    public async Task Import_BlankDoNotContactOrNoOptInsColumn_KeepsWhatWasThere_OnlyNoLiftsIt()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        await chat.AccountAsync("Acme Health");
        var import = Import(chat);
        await import.ImportAsync(new StringReader(Header + "ann@acme.example,Ann,Acme Health,admin,interview;beta,Asked us to stop\n"), new ImportRequest(null, "test", false), CancellationToken.None);

        await import.ImportAsync(new StringReader("email,name,account,do_not_contact\nann@acme.example,Ann Smith,Acme Health,\n"), new ImportRequest(null, "test", false), CancellationToken.None);
        var kept = (await chat.Pool.FindByEmailAsync("ann@acme.example", CancellationToken.None))!.Person;
        await import.ImportAsync(new StringReader("email,name,account,do_not_contact\nann@acme.example,Ann Smith,Acme Health,No\n"), new ImportRequest(null, "test", false), CancellationToken.None);
        var lifted = (await chat.Pool.FindByEmailAsync("ann@acme.example", CancellationToken.None))!.Person;

        Assert.Equal(("Ann Smith", "Asked us to stop"), (kept.Name, kept.DoNotContact));
        Assert.Equal([Method.Interview, Method.Beta], kept.OptIns.Order());
        Assert.Null(lifted.DoNotContact);
        Assert.Equal([Method.Interview, Method.Beta], lifted.OptIns.Order());
    }

    [Fact]
    public async Task Import_UnknownColumn_SaysWhichAndListsTheColumns()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        var import = Import(chat);

        var report = await import.ImportAsync(new StringReader("email,name,account,shoe_size\n"), new ImportRequest(null, "test", false), CancellationToken.None);

        Assert.StartsWith("Unknown column \"shoe_size\". The columns are: email (required)", Assert.Single(report.Rejected).Reason);
    }

    [Fact]
    public async Task ImportCommand_ByPm_IsRefused_ByAdminImportsPastedCsv()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        await chat.AccountAsync("Acme Health");
        var priya = await chat.PersonAsync("Priya Patel", "priya", Role.Pm);
        var maya = await chat.PersonAsync("Maya Ops", "maya", Role.Admin);

        var refused = await chat.SayAsync(priya, "/participants import");
        var imported = await chat.SayAsync(maya, "/participants import " + Header + "ann@acme.example,Ann,Acme Health,admin,interview,");

        Assert.Contains("needs the admin role", refused);
        Assert.Equal("1 added, 0 updated, 0 rejected.", imported);
    }

    private static ImportParticipants Import(ParticipantsChat chat) => (ImportParticipants)chat.Services.GetService(typeof(ImportParticipants))!;
}
