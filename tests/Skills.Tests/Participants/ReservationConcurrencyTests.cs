using ProductOps.Skills.Conversation;
using ProductOps.Skills.Participants;

namespace ProductOps.Skills.Tests.Participants;

public sealed class ReservationConcurrencyTests
{
    [Fact]
    public async Task Confirm_FiftyPmsAtOnceAgainstASmallPool_NeverPassAnyCap()
    {
        await using var chat = await ParticipantsChat.StartAsync();
        var accounts = new List<long>();
        for (var a = 0; a < 3; a++)
        {
            accounts.Add(await chat.AccountAsync($"Account {a}"));
            for (var p = 0; p < 4; p++)
            {
                await chat.ParticipantAsync($"p{p}.a{a}@pool.example", accounts[^1], role: $"r{p}");
            }
        }

        // Twelve people, each proposed to four or five PMs; four people per account against an account cap of two.
        var pms = new List<Person>();
        var requests = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            var pm = await chat.PersonAsync($"PM {i}", $"pm{i}", Role.Pm);
            var proposed = await chat.SendAsync(pm, $"/participants request 1 method=interview study=\"Study {i}\" role=r{i % 4} accounts=\"Account {i % 3}\" team=Team{i}");
            pms.Add(pm);
            requests.Add(ParticipantsChat.ButtonValue(proposed, ConfirmParticipantsHandler.ActionId));
        }

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => chat.PressAsync(pms[i], ConfirmParticipantsHandler.ActionId, requests[i]))));

        var now = chat.Clock.GetUtcNow();
        var held = (await chat.Ledger.HistoryAsync([], accounts, LedgerWindow.Since(now.AddDays(-1)), CancellationToken.None)).Where(c => c.Holds(now)).ToArray();
        Assert.All(held.GroupBy(c => c.ParticipantId), person => Assert.Single(person));
        Assert.All(accounts, account => Assert.Equal(2, held.Where(c => c.AccountId == account).Select(c => c.RequestId).Distinct().Count()));
        Assert.Equal(6, held.Length);
    }
}
