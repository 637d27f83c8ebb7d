using ProductOps.Skills.Accounts;

namespace ProductOps.Bot.Hosting;

/// <summary>Demo customer accounts across three segments, owned by the demo account owners.</summary>
public static class AccountsDemoData
{
    private static readonly (string Name, string Segment, decimal Arr, string Alias)[] Accounts =
    [
        ("Acme Health", "enterprise", 1_200_000m, "acme"),
        ("St. Mary's Hospital Group", "enterprise", 860_000m, "st marys"),
        ("Northwind Clinics", "enterprise", 640_000m, "northwind"),
        ("Contoso Pharma", "enterprise", 1_450_000m, "contoso"),
        ("Globex Insurance", "enterprise", 980_000m, "globex"),
        ("Initech Labs", "enterprise", 520_000m, "initech"),
        ("Umbrella Diagnostics", "enterprise", 730_000m, "umbrella"),
        ("Stark Medical", "enterprise", 1_100_000m, "stark"),
        ("Wayne Care Network", "enterprise", 900_000m, "wayne"),
        ("Cyberdyne Health Systems", "enterprise", 610_000m, "cyberdyne"),
        ("Blue Ridge Physicians", "mid-market", 180_000m, "blue ridge"),
        ("Lakeside Family Practice", "mid-market", 95_000m, "lakeside"),
        ("Harbor View Medical", "mid-market", 150_000m, "harbor view"),
        ("Summit Orthopedics", "mid-market", 220_000m, "summit"),
        ("Pinecrest Pediatrics", "mid-market", 120_000m, "pinecrest"),
        ("Redwood Imaging", "mid-market", 260_000m, "redwood"),
        ("Silverline Dental", "mid-market", 75_000m, "silverline"),
        ("Oakridge Rehab", "mid-market", 140_000m, "oakridge"),
        ("Meridian Urgent Care", "mid-market", 205_000m, "meridian"),
        ("Crescent Cardiology", "mid-market", 310_000m, "crescent"),
        ("Willow Creek Clinic", "smb", 24_000m, "willow creek"),
        ("Maple Street Dental", "smb", 12_000m, "maple street"),
        ("Sunrise Physio", "smb", 18_000m, "sunrise"),
        ("Brightside Therapy", "smb", 9_500m, "brightside"),
        ("Cedar Valley Vets", "smb", 15_000m, "cedar valley"),
        ("Riverbend Optometry", "smb", 21_000m, "riverbend"),
        ("Harmony Chiropractic", "smb", 8_000m, "harmony"),
        ("Evergreen Wellness", "smb", 30_000m, "evergreen"),
        ("Kestrel Sports Medicine", "smb", 27_000m, "kestrel"),
        ("Juniper Skin Clinic", "smb", 16_500m, "juniper"),
    ];

    public static async Task<int> SeedAsync(IServiceProvider services, IReadOnlyDictionary<string, long> people, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var owners = new[] { people["noah"], people["zoe"] };
        var data = Accounts
            .Select((a, i) => new AccountData(
                a.Name,
                [a.Alias],
                a.Segment,
                a.Arr,
                owners[i % owners.Length],
                today.AddDays(10 + (i * 37 % 360)),
                $"CRM-{1000 + i}"))
            .ToArray();
        var (added, _) = await services.GetRequiredService<IAccountStore>().UpsertAsync(data, ct);
        return added;
    }
}
