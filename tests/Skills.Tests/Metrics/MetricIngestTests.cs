using ProductOps.Skills.Importing;
using ProductOps.Skills.Metrics;

namespace ProductOps.Skills.Tests.Metrics;

public sealed class MetricIngestTests
{
    private const string Good = "metric,date,value,segment\narr,2026-02-27,100,enterprise\narr,2026-02-28,110,enterprise\n";

    [Fact]
    public async Task Import_GoodCsv_AddsThenUpdatesByDateAndDimensions()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.AddArrAsync(days: 1);
        var import = new MetricValuesImport(m.Ingest);

        var first = await import.ImportAsync(new StringReader(Good), new ImportRequest(null, "test", false), CancellationToken.None);
        var again = await import.ImportAsync(new StringReader(Good.Replace("110", "120", StringComparison.Ordinal)), new ImportRequest(null, "test", false), CancellationToken.None);

        Assert.Equal((2, 0, true), (first.Added, first.Updated, first.Applied));
        Assert.Equal((0, 2, true), (again.Added, again.Updated, again.Applied));
    }

    [Fact]
    public async Task ImportCommand_AdminPastesCsv_StoresTheValues()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.AddArrAsync(days: 1);

        var refused = await m.SayAsync(m.Priya, "/metric import\n" + Good);
        var imported = await m.SayAsync(m.Maya, "/metric import\n" + Good);
        var again = await m.SayAsync(m.Maya, "/metric import\n" + Good.Replace("110", "120", StringComparison.Ordinal) + "arr,2026-02-31,5,enterprise\n");

        Assert.Contains("admin", refused, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("2 added, 0 updated, 0 rejected.", imported);
        Assert.StartsWith("Nothing imported: 1 row rejected. Fix them, or import the good rows with /metric import --partial.", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_BadRows_ReportsEachReasonAndImportsNothing()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.AddArrAsync(days: 1);
        var csv = "metric,date,value,segment,regoin\n" +
                  "arr,2026-02-27,100,enterprise,\n" +
                  "arr,27/02/2026,100,enterprise,\n" +
                  "arr,2026-02-27,1.2k,smb,\n" +
                  "arrr,2026-02-27,5,smb,\n" +
                  "arr,2026-02-26,5,smb,emea\n" +
                  "arr,2027-01-01,5,smb,\n" +
                  "arr,2026-02-27,100,ENTERPRISE,\n" +
                  "arr,2026-02-25,1e308,smb,\n";

        var report = await new MetricValuesImport(m.Ingest).ImportAsync(new StringReader(csv), new ImportRequest(null, "test", false), CancellationToken.None);

        Assert.False(report.Applied);
        Assert.Equal(
            [
                "line 3: the date \"27/02/2026\" is not a date like 2026-03-01 (YYYY-MM-DD).",
                "line 4: the value \"1.2k\" is not a number. Use digits with a dot for decimals and no thousands separators or units, like 1250000 or 12.5.",
                "line 5: there is no metric \"arrr\" in the catalogue. Did you mean arr?",
                "line 6: arr has no dimension \"regoin\"; its dimensions are segment, region.",
                "line 7: the date 2027-01-01 is in the future. Send values for days that have happened.",
            ],
            report.Summary.Split('\n').Skip(1).Take(5));
        Assert.Contains("line 8: repeats line 2", report.Summary);
        Assert.Contains("line 9: the value \"1e308\" is past a quadrillion (1e15) either way, the most a metric holds; check the digits.", report.Summary);
        Assert.Contains("$110k", await m.SayAsync(m.Helen, "/metric arr"));
    }

    [Fact]
    public async Task Import_PartialWithBadRows_StoresTheGoodOnes()
    {
        await using var m = await MetricsChat.StartAsync();
        await m.AddArrAsync(days: 1);

        var report = await new MetricValuesImport(m.Ingest).ImportAsync(
            new StringReader("metric,date,value,segment\narr,2026-03-01,500000,mid-market\narr,2026-03-01,lots,smb\n"),
            new ImportRequest(null, "test", true),
            CancellationToken.None);

        Assert.Equal((1, true), (report.Added, report.Applied));
        Assert.Single(report.Rejected);
        Assert.Contains("mid-market", await m.SayAsync(m.Helen, "/metric arr by=segment"));
    }

    [Fact]
    public async Task Import_HeaderWithoutValue_RefusedAsAWhole()
    {
        await using var m = await MetricsChat.StartAsync();

        var report = await new MetricValuesImport(m.Ingest).ImportAsync(new StringReader("metric,day,amount\narr,2026-03-01,1\n"), new ImportRequest(null, "test", false), CancellationToken.None);

        Assert.Contains("The header has no date or value column.", report.Summary);
    }
}
