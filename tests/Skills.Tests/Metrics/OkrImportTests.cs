using ProductOps.Skills.Importing;
using ProductOps.Skills.Metrics;

namespace ProductOps.Skills.Tests.Metrics;

public sealed class OkrImportTests
{
    private const string Header = "objective,quarter,team,owner,parent,key_result,kr_owner,metric,start,target,unit\n";

    private const string Sheet = Header +
        "Win the enterprise market,2026-Q1,Company,helen,,Enterprise ARR,,arr,,500000,\n" +
        "Win the enterprise market,2026-Q1,,,,Logos in the top 100,,,10,25,\n" +
        "Make SSO effortless,2026-Q1,Identity,priya,Win the enterprise market,SSO setup under 10 minutes,sam,,45,10,\n" +
        "Make SSO effortless,2026-Q1,,,,SSO adoption,,,35,60,percent\n";

    [Fact]
    public async Task Import_NewSheet_CreatesObjectivesKeyResultsAndParents()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.AddArrAsync();
        var arrNow = await m.Chat.Services.Get<MetricLookup>().LatestAsync((await m.Catalog.FindAsync("arr", CancellationToken.None))!, CancellationToken.None);

        var report = await ImportAsync(m, Sheet);

        Assert.Equal((4, 0, 0, true), (report.Added, report.Updated, report.Rejected.Count, report.Applied));
        var objectives = await Okrs(m).ListAsync(new Quarter(2026, 1), CancellationToken.None);
        Assert.Equal(["Win the enterprise market", "Make SSO effortless"], objectives.Select(o => o.Title));
        var (company, sso) = (objectives[0], objectives[1]);
        Assert.Equal((m.Helen.Id, "Company", (long?)null), (company.OwnerId, company.Team, company.ParentId));
        Assert.Equal((m.Priya.Id, "Identity", (long?)company.Id), (sso.OwnerId, sso.Team, sso.ParentId));
        var arr = company.KeyResults[0];
        Assert.Equal(("arr", arrNow!.Value, 500000d, MetricUnit.Currency, m.Helen.Id), (arr.MetricKey, arr.Start, arr.Target, arr.Unit, arr.OwnerId));
        Assert.Equal((m.Sam.Id, 45d, 10d), (sso.KeyResults[0].OwnerId, sso.KeyResults[0].Start, sso.KeyResults[0].Target));
        Assert.Equal(MetricUnit.Percent, sso.KeyResults[1].Unit);
    }

    [Fact]
    public async Task Import_SameSheetAgain_UpdatesInPlaceAndKeepsCheckIns()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.AddArrAsync();
        await ImportAsync(m, Sheet);
        await m.SayAsync(m.Priya, "/okr update KR-4 40 confidence=7 \"rollout going well\"");

        var again = await ImportAsync(m, Sheet.Replace("SSO adoption,,,35,60,percent", "SSO adoption,,,35,70,percent", StringComparison.Ordinal));

        Assert.Equal((0, 4, true), (again.Added, again.Updated, again.Applied));
        var sso = (await Okrs(m).ListAsync(new Quarter(2026, 1), CancellationToken.None)).Single(o => o.Title == "Make SSO effortless");
        var adoption = sso.KeyResults.Single(k => k.Title == "SSO adoption");
        Assert.Equal((4L, 70d, 40d, 7), (adoption.Id, adoption.Target, adoption.Current, adoption.Confidence!.Value));
        Assert.Equal(2, (await Okrs(m).ListAsync(new Quarter(2026, 1), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Import_BadRows_ReportsEachWithItsReasonAndImportsNothing()
    {
        await using var m = await MetricsChat.StartAsync();
        var csv = Header +
            "Alone,2026-Q1,Payments,priya,,Only result,,,0,10,\n" +
            "Broken,2026-Q1,Payments,nobody,,First,,,0,10,\n" +
            "Broken,2026-Q1,,,,Second,,nosuchmetric,0,10,\n" +
            "Numbers,2026-Q1,Payments,priya,,Fine,,,0,10,\n" +
            "Numbers,2026-Q1,,,,Not a number,,,0,ten,\n" +
            "Numbers,2026-Q1,,,,Flat,,,5,5,\n" +
            "Quarterless,Q9,Payments,priya,,A,,,0,10,\n" +
            "Split,2026-Q1,Payments,priya,,A,,,0,10,\n" +
            "Split,2026-Q1,Growth,,,B,,,0,10,\n" +
            "Orphan,2026-Q1,Payments,priya,No such objective,A,,,0,10,\n" +
            "Orphan,2026-Q1,,,,B,,,0,10,\n" +
            "Loop A,2026-Q1,Payments,priya,Loop B,A,,,0,10,\n" +
            "Loop A,2026-Q1,,,,B,,,0,10,\n" +
            "Loop B,2026-Q1,Payments,priya,Loop A,A,,,0,10,\n" +
            "Loop B,2026-Q1,,,,B,,,0,10,\n";

        var report = await ImportAsync(m, csv);

        Assert.False(report.Applied);
        var reasons = report.Rejected.ToDictionary(r => r.Line, r => r.Reason);
        Assert.Equal("objective \"Alone\" would have 1 key result; an objective takes 2–5", reasons[2]);
        Assert.Equal("owner \"nobody\" is nobody I know (give their e-mail or handle)", reasons[3]);
        Assert.Equal("metric \"nosuchmetric\" is not in the catalogue (see /metric list)", reasons[4]);
        Assert.Equal("target \"ten\" is not a number (write digits, like 60 or 12000000)", reasons[6]);
        Assert.Equal("start and target are both 5, so there is nothing to make progress on", reasons[7]);
        Assert.Equal("objective \"Numbers\" would have 1 key result; an objective takes 2–5", reasons[5]);
        Assert.Equal("quarter \"Q9\" is not a quarter like 2026-Q4", reasons[8]);
        Assert.Equal("the rows of objective \"Split\" give different values for team; give one, or leave it blank after the first row", reasons[10]);
        Assert.StartsWith("parent \"No such objective\" is neither an objective code like O-3 nor the title of an objective", reasons[11], StringComparison.Ordinal);
        Assert.Equal("objective \"Loop A\" would be its own ancestor through parent \"Loop B\"", reasons[13]);
        Assert.Equal("objective \"Loop B\" would be its own ancestor through parent \"Loop A\"", reasons[15]);
        Assert.Empty(await Okrs(m).ListAsync(new Quarter(2026, 1), CancellationToken.None));
    }

    [Fact]
    public async Task Import_RowWithSeveralProblems_NamesThemAllAndPointsItsObjectivesOtherRowsAtIt()
    {
        await using var m = await MetricsChat.StartAsync();

        var report = await ImportAsync(m, Header + "BadQ,2026-Q4,Nope,nobody,,KR a,ghost,nosuchmetric,x,10,furlongs\nBadQ,2026-Q4,,,,KR b,,,0,10,\n");

        var reasons = report.Rejected.ToDictionary(r => r.Line, r => r.Reason);
        Assert.Equal(
            "owner \"nobody\" is nobody I know (give their e-mail or handle); kr_owner \"ghost\" is nobody I know (give their e-mail or handle); "
            + "metric \"nosuchmetric\" is not in the catalogue (see /metric list); unit \"furlongs\" is not count, percent or currency; start \"x\" is not a number (write digits, like 60 or 12000000)",
            reasons[2]);
        Assert.Equal("objective \"BadQ\" has no team on its good rows; line 2, rejected, may be the one that gives it", reasons[3]);
    }

    [Fact]
    public async Task Import_MoreThanFiveWithThoseStored_RejectsTheObjective()
    {
        await using var m = await MetricsChat.StartAsync();
        await ImportAsync(m, Header + string.Concat(Enumerable.Range(1, 4).Select(i => $"Big,2026-Q1,Payments,priya,,Result {i},,,0,10,\n")));

        var report = await ImportAsync(m, Header + "Big,2026-Q1,,,,Result 5,,,0,10,\nBig,2026-Q1,,,,Result 6,,,0,10,\n");

        Assert.Equal("objective \"Big\" would have 6 key results (4 already in O-1); an objective takes 2–5", report.Rejected[0].Reason);
        Assert.Equal(4, (await Okrs(m).FindObjectiveAsync(1, CancellationToken.None))!.KeyResults.Count);
    }

    [Fact]
    public async Task Import_Partial_ImportsTheGoodObjectivesOnly()
    {
        await using var m = await MetricsChat.StartAsync();
        var csv = Sheet.Replace(",,arr,,500000,", ",,,0,500000,", StringComparison.Ordinal) + "Alone,2026-Q1,Payments,priya,,Only result,,,0,10,\n";

        var report = await Import(m).ImportAsync(new StringReader(csv), new ImportRequest(m.Maya.Id, m.Maya.Name, true), CancellationToken.None);

        Assert.Equal((4, 1, true), (report.Added, report.Rejected.Count, report.Applied));
        Assert.Equal(2, (await Okrs(m).ListAsync(new Quarter(2026, 1), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task OkrImportCommand_AdminsOnly_ImportsPastedCsvAndExplainsWithoutOne()
    {
        await using var m = await MetricsChat.StartAsync();
        var csv = Header + "Calm,,Payments,priya,,A,,,0,10,\nCalm,,,,,B,,,0,20,\n";

        var refused = await m.SayAsync(m.Priya, "/okr import\n" + csv);
        var howTo = await m.SayAsync(m.Maya, "/okr import");
        var imported = await m.SayAsync(m.Maya, "/okr import\n" + csv);
        var status = await m.SayAsync(m.Helen, "/okr status");

        Assert.Contains("admin", refused, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Paste the CSV after /okr import", howTo);
        Assert.Contains("POST /api/okrs", howTo);
        Assert.Equal("2 added, 0 updated, 0 rejected.", imported);
        Assert.Contains("Calm", status);
    }

    private static OkrImport Import(MetricsChat m) => (OkrImport)m.Chat.Services.GetService(typeof(OkrImport))!;

    private static IOkrStore Okrs(MetricsChat m) => m.Chat.Services.Get<IOkrStore>();

    private static Task<ImportReport> ImportAsync(MetricsChat m, string csv) =>
        Import(m).ImportAsync(new StringReader(csv), new ImportRequest(m.Maya.Id, m.Maya.Name, false), CancellationToken.None);
}
