using ProductOps.Skills.Conversation;

namespace ProductOps.Skills.Admin;

/// <summary>The options of <c>area add</c> and <c>area edit</c>, checked; null fields were not given.</summary>
public sealed record AreaInput(string? Name, Person? Owner, string? Channel, IReadOnlyList<string>? Aliases);

/// <summary>Reads and checks area options, so add and edit say the same things about the same mistakes.</summary>
public static class AreaArgs
{
    public const int MaxName = 80;
    public const int MaxChannel = 80;
    public const int MaxAlias = 40;

    /// <summary>The checked options, or a reply that says what is wrong.</summary>
    public static async Task<(AreaInput? Input, Response? Problem)> ReadAsync(CommandRequest request, IPeopleStore people, CommandSpec spec, CancellationToken ct)
    {
        var args = request.Args;
        string? name = null;
        if (args.Named("name") is { } nameArg)
        {
            name = nameArg.Value.Trim();
            if (Name(name, spec) is { } problem)
            {
                return (null, problem);
            }
        }

        Person? owner = null;
        if (args.Named("owner") is { } ownerArg)
        {
            owner = await people.FindAsync(ownerArg, request.Inbound.From.Identity, ct);
            if (owner is null)
            {
                return (null, AdminReplies.UnknownPerson(ownerArg, await people.ListAsync(ct), spec));
            }

            if (!owner.Has(Role.Pm))
            {
                return (null, AdminReplies.Problem(
                    Markup.Of($"{Md.User(owner)} can't own an area: owners need the {Md.Bold("PM")} role, and they have {AdminReplies.Roles(owner.Roles)}. Grant it first with {Md.Code("/productops role @" + owner.Handle + " pm")}."),
                    spec));
            }
        }

        string? channel = null;
        if (args.Named("channel") is { } channelArg)
        {
            channel = channelArg.Value.Trim().TrimStart('#');
            if (channelArg.Kind is ArgKind.Person or ArgKind.Quoted || channel.Length == 0 || channel.Length > MaxChannel || channel.Any(char.IsWhiteSpace))
            {
                return (null, AdminReplies.Problem(
                    Markup.Of($"{Md.Code(channelArg.Display)} is not a channel. Give the triage channel as {Md.Code("channel=#name")}, without spaces, up to {MaxChannel} characters."),
                    spec));
            }
        }

        IReadOnlyList<string>? aliases = null;
        if (args.Named("aliases") is { } aliasArg)
        {
            var list = aliasArg.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToArray();
            if (list.FirstOrDefault(a => a.Length > MaxAlias) is { } tooLong)
            {
                return (null, AdminReplies.Problem(Markup.Of($"The alias {Md.Code(tooLong)} is {tooLong.Length} characters long; the limit is {MaxAlias}."), spec));
            }

            aliases = list;
        }

        return (new AreaInput(name, owner, channel, aliases), null);
    }

    /// <summary>A problem with an area name, or null when it is fine.</summary>
    public static Response? Name(string name, CommandSpec spec) =>
        name.Length switch
        {
            0 => AdminReplies.Problem("The area needs a name.", spec),
            > MaxName => AdminReplies.Problem($"The area name is {name.Length} characters long; the limit is {MaxName}.", spec),
            _ => null,
        };

    /// <summary>A name or alias already used by another area, so lookups stay unambiguous.</summary>
    public static Response? Clash(string name, IReadOnlyList<string> aliases, IEnumerable<Area> areas, long? self, CommandSpec spec)
    {
        foreach (var other in areas.Where(a => a.Id != self))
        {
            var taken = other.Aliases.Prepend(other.Name).ToArray();
            if (aliases.Prepend(name).FirstOrDefault(n => taken.Contains(n, StringComparer.OrdinalIgnoreCase)) is { } clash)
            {
                var what = string.Equals(clash, other.Name, StringComparison.OrdinalIgnoreCase) ? "is the name of" : "is already an alias of";
                return AdminReplies.Problem(Markup.Of($"{Md.Bold(clash)} {what} the area {Md.Bold(other.Name)}. Names and aliases must be unique; choose another."), spec);
            }
        }

        return null;
    }

    /// <summary>The area a positional argument names, by name or alias.</summary>
    public static async Task<(Area? Area, Response? Problem)> FindAsync(IAreaStore areas, Arg? typed, CommandSpec spec, CancellationToken ct)
    {
        if (typed is null || typed.Value.Trim().Length == 0)
        {
            return (null, AdminReplies.Problem("Name the area, in \"quotes\" if it has spaces.", spec));
        }

        return await areas.FindAsync(typed.Value.Trim(), ct) is { } area
            ? (area, null)
            : (null, AdminReplies.UnknownArea(typed.Value.Trim(), await areas.ListAsync(ct), spec));
    }
}
