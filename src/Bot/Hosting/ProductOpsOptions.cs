namespace ProductOps.Bot.Hosting;

/// <summary>General settings, bound from the "ProductOps" section.</summary>
public sealed class ProductOpsOptions
{
    public const string Section = "ProductOps";

    /// <summary>E-mail addresses or handles of the people who are admins from the start.</summary>
    public List<string> Admins { get; set; } = [];

    /// <summary>Seed a demo organisation into an empty database on start.</summary>
    public bool DemoData { get; set; } = true;
}
