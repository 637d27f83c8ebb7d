using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Tests.Architecture;

public sealed class DependencyRulesTests
{
    [Fact]
    public void SkillsAssembly_ReferencesNoWebSlackTeamsOrStorageCode()
    {
        var forbidden = new[] { "Microsoft.AspNetCore", "Microsoft.Extensions", "ProductOps.Bot", "ProductOps.Storage", "Microsoft.Data", "Dapper", "Slack", "Teams", "Microsoft.Bot" };

        var references = typeof(Router).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        Assert.DoesNotContain(references, name => forbidden.Any(f => name.StartsWith(f, StringComparison.OrdinalIgnoreCase)));
    }
}
