using System.Text.Json;
using ProductOps.Bot.Teams;
using ProductOps.Bot.Tests.TestKit;

namespace ProductOps.Bot.Tests.Teams;

public sealed class TeamsPeopleSearchTests
{
    private readonly TeamsPeopleSearch _search = new(new FakePeopleStore());

    [Fact]
    public async Task Answer_PartOfANameOrHandle_FindsThoseWhoMatchInTeamsSearchShape()
    {
        var answer = await _search.AnswerAsync(Search("pat"), CancellationToken.None);

        Assert.Equal("application/vnd.microsoft.search.searchResponse", (string?)answer.Body!["type"]);
        Assert.Equal(["Priya Patel (@priya)"], Titles(answer));
    }

    [Fact]
    public async Task Answer_SeveralWords_FindsThoseWhoMatchEveryWord()
    {
        var answer = await _search.AnswerAsync(Search("sa @sam"), CancellationToken.None);

        Assert.Equal(["Sam Sales (@sam)"], Titles(answer));
    }

    [Fact]
    public async Task Answer_NothingTypedWithPaging_PagesThroughEveryoneByName()
    {
        var first = await _search.AnswerAsync(Search("", skip: 0, top: 2), CancellationToken.None);
        var second = await _search.AnswerAsync(Search("", skip: 2, top: 2), CancellationToken.None);

        Assert.Equal(["Leo Lead (@leo)", "Maya Ops (@maya)"], Titles(first));
        Assert.Equal(["Priya Patel (@priya)", "Sam Sales (@sam)"], Titles(second));
    }

    [Fact]
    public async Task Answer_AnotherDataset_FindsNobody()
    {
        var answer = await _search.AnswerAsync(Search("priya", dataset: "games"), CancellationToken.None);

        Assert.Empty(Titles(answer));
    }

    private static Activity Search(string text, int skip = 0, int top = 15, string dataset = TeamsPeopleSearch.Dataset) => new()
    {
        Type = "invoke",
        Name = TeamsPeopleSearch.Invoke,
        Value = JsonSerializer.SerializeToElement(new { queryText = text, queryOptions = new { skip, top }, dataset }),
    };

    private static string[] Titles(InvokeAnswer answer) =>
        answer.Body!["value"]!["results"]!.AsArray().Select(r => (string)r!["title"]!).ToArray();
}
