namespace ProductOps.Skills.Participants;

/// <summary>How a study meets its participants; each needs the person's own opt-in.</summary>
public enum Method
{
    Interview,
    Usability,
    Survey,
    Beta,
}

/// <summary>How methods are typed in commands and shown in replies.</summary>
public static class Methods
{
    public static IReadOnlyList<string> Keys => ["interview", "usability", "survey", "beta"];

    public static bool TryParse(string? text, out Method method)
    {
        method = default;
        var key = (text ?? "").Trim().ToLowerInvariant();
        var found = key switch
        {
            "interview" or "interviews" => Method.Interview,
            "usability" or "usability-test" or "usability test" => Method.Usability,
            "survey" or "surveys" => Method.Survey,
            "beta" or "betas" => Method.Beta,
            _ => (Method?)null,
        };
        if (found is null)
        {
            return false;
        }

        method = found.Value;
        return true;
    }

    public static string Key(Method method) => method.ToString().ToLowerInvariant();

    /// <summary>"interviews", "usability tests": as a sentence says it.</summary>
    public static string Plural(Method method) => method switch
    {
        Method.Interview => "interviews",
        Method.Usability => "usability tests",
        Method.Survey => "surveys",
        _ => "betas",
    };
}

/// <summary>A customer contact in the research pool. <paramref name="DoNotContact"/> holds the reason when set.</summary>
public sealed record Participant(
    long Id,
    string Email,
    string Name,
    long AccountId,
    string? Role,
    string? Segment,
    string? Region,
    string? TimeZone,
    IReadOnlySet<Method> OptIns,
    string? DoNotContact,
    string? Source,
    string? Notes);

/// <summary>
/// A participant as imported; matched to an existing one by e-mail. <paramref name="OptIns"/> null
/// keeps the opt-ins a participant already has (the file had no such column). A do-not-contact is
/// never lifted by a blank: <paramref name="DoNotContact"/> null keeps it, and only
/// <paramref name="LiftsDoNotContact"/> (the file said no) clears it.
/// </summary>
public sealed record ParticipantData(
    string Email,
    string Name,
    long AccountId,
    string? Role,
    string? Segment,
    string? Region,
    string? TimeZone,
    IReadOnlySet<Method>? OptIns,
    string? DoNotContact,
    string? Source,
    string? Notes,
    bool LiftsDoNotContact = false);

/// <summary>What the rules need to know of a participant's account.</summary>
public sealed record AccountBrief(long Id, string Name, string? Segment, long? OwnerId, DateOnly? RenewalDate);

/// <summary>A participant with their account, as the rules and the replies see them.</summary>
public sealed record Candidate(Participant Person, AccountBrief Account)
{
    /// <summary>The participant's own segment, else the account's.</summary>
    public string? Segment => Person.Segment ?? Account.Segment;
}
