using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Cadences;

/// <summary>
/// Questions that depend on who answers, for templates whose standard form is "one set per thing you
/// own": the OKR confidence update asks value, confidence and reason for each of the person's key
/// results, and records them as check-ins. Question ids name what they ask about (like "KR-12
/// confidence"), so stored answers read well in the status and the digest without the provider.
/// </summary>
public interface IPersonalQuestions
{
    bool Serves(Template form);

    /// <summary>The person's questions; empty when they own nothing to ask about, so the template's own questions are asked.</summary>
    Task<IReadOnlyList<Question>> QuestionsAsync(Person person, CancellationToken ct);

    /// <summary>Does what else the answers mean (records key result check-ins) once the update is saved.</summary>
    Task AppliedAsync(Person person, IReadOnlyDictionary<string, string> answers, CancellationToken ct);
}

/// <summary>The questions a person is asked in a cadence: the personal ones where a provider serves the template, else the template's.</summary>
public sealed class CadenceQuestions(IEnumerable<IPersonalQuestions> providers)
{
    public async Task<(IReadOnlyList<Question> Questions, IPersonalQuestions? Provider)> ForAsync(Template template, Person person, CancellationToken ct)
    {
        if (providers.FirstOrDefault(p => p.Serves(template)) is { } provider && await provider.QuestionsAsync(person, ct) is { Count: > 0 } personal)
        {
            return (personal, provider);
        }

        return (template.Questions, null);
    }
}
