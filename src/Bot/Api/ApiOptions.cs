namespace ProductOps.Bot.Api;

/// <summary>Settings of the HTTP API for BI and CRM jobs, bound from "Api".</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Largest request body accepted; larger ones get 413 before anything is read into the store.</summary>
    public int MaxBodyMegabytes { get; set; } = 20;

    public long MaxBodyBytes => MaxBodyMegabytes * 1024L * 1024L;
}
