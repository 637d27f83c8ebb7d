namespace ProductOps.Skills.Conversation;

/// <summary>
/// A neutral form (Slack modal, Teams dialog, dev chat form). <paramref name="State"/> is opaque to
/// the platforms and comes back unchanged with the submission.
/// </summary>
public sealed record Form(string FormId, string Title, IReadOnlyList<Input> Inputs, string SubmitLabel = "Submit", string? State = null);

/// <summary>One field of a form. Ids are stable keys of <see cref="FormValues"/>.</summary>
public abstract record Input(string Id, string Label)
{
    public string? Hint { get; init; }

    public bool Required { get; init; }
}

public sealed record TextInput(string Id, string Label) : Input(Id, Label)
{
    public bool Multiline { get; init; }

    public int MaxLength { get; init; } = 3000;

    public string? Placeholder { get; init; }

    public string? Initial { get; init; }
}

public sealed record NumberInput(string Id, string Label) : Input(Id, Label)
{
    public decimal? Min { get; init; }

    public decimal? Max { get; init; }

    public bool WholeNumber { get; init; }

    public decimal? Initial { get; init; }
}

public sealed record DateInput(string Id, string Label) : Input(Id, Label)
{
    public DateOnly? Initial { get; init; }
}

public sealed record Choice(string Value, string Label);

public sealed record SelectInput(string Id, string Label, IReadOnlyList<Choice> Choices) : Input(Id, Label)
{
    public bool Multiple { get; init; }

    public IReadOnlyList<string> Initial { get; init; } = [];
}

/// <summary>Pick one or more people; values are person ids of the organisation.</summary>
public sealed record UserInput(string Id, string Label) : Input(Id, Label)
{
    public bool Multiple { get; init; }

    public IReadOnlyList<string> Initial { get; init; } = [];
}

/// <summary>A single on/off box.</summary>
public sealed record CheckboxInput(string Id, string Label) : Input(Id, Label)
{
    public bool Initial { get; init; }
}
