using ProductOps.Bot.Pipeline;

namespace ProductOps.Bot.Tests.Pipeline;

public sealed class CompactLineTests
{
    [Fact]
    public async Task Take_ItemsAndPlaceholdersMixed_ComeOutInTheOrderTheyWentIn()
    {
        using var line = new CompactLine<string>();
        line.Add("first");
        line.AddPlaceholders(2);
        line.Add("second");
        line.AddPlaceholders(1);

        var taken = new List<string?>();
        for (var i = 0; i < 5; i++)
        {
            taken.Add(await line.TakeAsync(CancellationToken.None));
        }

        Assert.Equal(["first", null, null, "second", null], taken);
    }

    [Fact]
    public void AddPlaceholders_AMillionOneByOne_TakeOneEntry()
    {
        using var line = new CompactLine<string>();

        for (var i = 0; i < 1_000_000; i++)
        {
            line.AddPlaceholders(1);
        }

        Assert.Equal(1, line.Entries);
    }

    [Fact]
    public async Task Take_TheLastPlaceholderOfARun_LetsTheNextPlaceholdersStartANewRunBehindLaterItems()
    {
        using var line = new CompactLine<string>();
        line.AddPlaceholders(1);
        Assert.Null(await line.TakeAsync(CancellationToken.None));

        line.Add("item");
        line.AddPlaceholders(1);

        Assert.Equal("item", await line.TakeAsync(CancellationToken.None));
        Assert.Null(await line.TakeAsync(CancellationToken.None));
        Assert.Equal(0, line.Entries);
    }

    [Fact]
    public async Task Take_OnAnEmptyLine_WaitsUntilSomethingIsAdded()
    {
        using var line = new CompactLine<string>();

        var taking = line.TakeAsync(CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(taking.IsCompleted);
        line.Add("late");

        Assert.Equal("late", await taking.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Take_Cancelled_TakesNothingFromTheLine()
    {
        using var line = new CompactLine<string>();
        using var cancel = new CancellationTokenSource();

        var taking = line.TakeAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => taking);
        line.Add("kept");

        Assert.Equal("kept", await line.TakeAsync(CancellationToken.None));
        Assert.Equal(0, line.Entries);
    }

    [Fact]
    public async Task Take_ManyTakersAtOnce_GetEveryEntryExactlyOnce()
    {
        using var line = new CompactLine<string>();
        var takers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var items = 0;
            var placeholders = 0;
            for (var i = 0; i < 5_000; i++)
            {
                if (await line.TakeAsync(CancellationToken.None) is null)
                {
                    placeholders++;
                }
                else
                {
                    items++;
                }
            }

            return (items, placeholders);
        })).ToList();

        for (var i = 0; i < 10_000; i++)
        {
            line.Add("item");
            line.AddPlaceholders(1);
        }

        var counts = await Task.WhenAll(takers).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(10_000, counts.Sum(c => c.items));
        Assert.Equal(10_000, counts.Sum(c => c.placeholders));
        Assert.Equal(0, line.Entries);
    }
}
