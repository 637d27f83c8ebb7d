using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Tests.Conversation;

public sealed class SuggestionsTests
{
    [Theory]
    [InlineData("okrr", "okr")]
    [InlineData("mertic", "metric")]
    [InlineData("feedbak", "feedback")]
    [InlineData("PARTICIPANT", "participants")]
    public void Closest_Typo_SuggestsTheIntendedWord(string typed, string expected)
    {
        var known = new[] { "okr", "metric", "feedback", "participants", "cadence", "productops" };

        var suggestions = Suggestions.Closest(typed, known);

        Assert.Equal(expected, suggestions[0]);
    }

    [Fact]
    public void Closest_NothingNear_SuggestsNothing()
    {
        var suggestions = Suggestions.Closest("zzzzzz", ["okr", "metric"]);

        Assert.Empty(suggestions);
    }
}
