using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Tests.Conversation;

public sealed class FormValidationTests
{
    private static readonly Form Form = new("test.form", "Test", [
        new TextInput("words", "Customer's words") { Required = true, Multiline = true, MaxLength = 10 },
        new NumberInput("arr", "Revenue at stake") { Min = 0, Max = 1_000_000 },
        new NumberInput("count", "People") { WholeNumber = true },
        new DateInput("due", "Due date"),
        new SelectInput("urgency", "Urgency", [new Choice("low", "Nice to have"), new Choice("high", "Critical")]),
        new SelectInput("areas", "Areas", [new Choice("pay", "Payments"), new Choice("mob", "Mobile")]) { Multiple = true },
        new CheckboxInput("notify", "Keep me posted") { Required = true },
    ]);

    [Fact]
    public void Check_AllGood_ReturnsNoErrors()
    {
        var values = FormValues.Of(("words", "Exports"), ("arr", "120000"), ("count", "3"), ("due", "2026-12-31"),
            ("urgency", "high"), ("areas", "pay"), ("areas", "mob"));

        var errors = FormValidation.Check(Form, values);

        Assert.Empty(errors);
    }

    [Fact]
    public void Check_MissingRequiredText_NamesTheField()
    {
        var errors = FormValidation.Check(Form, FormValues.Of(("words", "   ")));

        Assert.Equal("Customer's words is required.", Assert.Single(errors).Value);
    }

    [Theory]
    [InlineData("arr", "12k", "Revenue at stake must be a number, like 42 or 12.5.")]
    [InlineData("arr", "-5", "Revenue at stake must be between 0 and 1000000.")]
    [InlineData("count", "2.5", "People must be a whole number.")]
    [InlineData("due", "31/12/2026", "Due date must be a date like 2026-03-31.")]
    [InlineData("urgency", "meh", "\"meh\" is not one of the choices for Urgency.")]
    [InlineData("words", "far too many words", "Customer's words is 18 characters long; the limit is 10.")]
    public void Check_BadValue_SaysWhatIsWrongAndHowToFixIt(string field, string value, string message)
    {
        var values = field == "words" ? FormValues.Of((field, value)) : FormValues.Of(("words", "ok"), (field, value));

        var errors = FormValidation.Check(Form, values);

        Assert.Equal(message, errors[field]);
    }

    [Fact]
    public void Check_TwoChoicesForASingleSelect_IsAnError()
    {
        var errors = FormValidation.Check(Form, FormValues.Of(("words", "ok"), ("urgency", "low"), ("urgency", "high")));

        Assert.Equal("Choose one Urgency.", errors["urgency"]);
    }
}
