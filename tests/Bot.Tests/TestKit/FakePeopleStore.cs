using System.Collections.Concurrent;
using ProductOps.Bot.DevChat;
using ProductOps.Skills.Admin;
using ProductOps.Skills.Conversation;

namespace ProductOps.Bot.Tests.TestKit;

/// <summary>
/// An in-memory people store with a small organisation, each person with a dev chat identity.
/// Unknown identities are added with no roles on first contact, as the real store does.
/// </summary>
public sealed class FakePeopleStore : IPeopleStore
{
    private readonly ConcurrentDictionary<long, Person> _people = new();
    private long _nextId;

    public FakePeopleStore()
    {
        Add("Maya Ops", "maya", Role.Admin);
        Add("Priya Patel", "priya", Role.Pm);
        Add("Leo Lead", "leo", Role.Leader);
        Add("Sam Sales", "sam", Role.Gtm, Role.AccountOwner);
        _people.TryAdd(999, new Person(999, "Slack Only", "slackonly", null, null, new HashSet<Role>(),
            [new ChatIdentity(Platforms.Slack, "T1", "U999")]));
    }

    public static ChatIdentity DevChat(string handle) => new(Platforms.DevChat, DevChatSetup.Tenant, handle);

    public Person Add(string name, string handle, params Role[] roles)
    {
        var id = Interlocked.Increment(ref _nextId);
        var person = new Person(id, name, handle, $"{handle}@demo.productops.dev", "Europe/London", roles.ToHashSet(), [DevChat(handle)]);
        _people[id] = person;
        return person;
    }

    public Person Named(string handle) => _people.Values.Single(p => p.Handle == handle);

    public Task<Person> ResolveAsync(ChatUser user, CancellationToken ct) =>
        Task.FromResult(Find(user.Identity) ?? Add(user.DisplayName, user.Identity.UserId));

    public Task<Person?> FindAsync(long id, CancellationToken ct) => Task.FromResult(_people.GetValueOrDefault(id));

    public Task<Person?> FindByIdentityAsync(ChatIdentity identity, CancellationToken ct) => Task.FromResult(Find(identity));

    public Task<Person?> FindByHandleAsync(string handleOrEmail, CancellationToken ct) =>
        Task.FromResult(_people.Values.FirstOrDefault(p =>
            string.Equals(p.Handle, handleOrEmail, StringComparison.OrdinalIgnoreCase)
            || string.Equals(p.Email, handleOrEmail, StringComparison.OrdinalIgnoreCase)));

    public Task<IReadOnlyList<Person>> ListAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Person>>(_people.Values.OrderBy(p => p.Id).ToArray());

    public Task<Person> AddAsync(NewPerson person, CancellationToken ct)
    {
        var id = Interlocked.Increment(ref _nextId);
        var added = new Person(id, person.Name, person.Handle, person.Email, person.TimeZone, person.Roles, person.Identities);
        _people[id] = added;
        return Task.FromResult(added);
    }

    public Task SetRolesAsync(long personId, IReadOnlySet<Role> roles, CancellationToken ct)
    {
        _people[personId] = _people[personId] with { Roles = roles };
        return Task.CompletedTask;
    }

    private Person? Find(ChatIdentity identity) =>
        _people.Values.FirstOrDefault(p => p.Identities.Any(i =>
            i.Platform == identity.Platform && i.Tenant == identity.Tenant && string.Equals(i.UserId, identity.UserId, StringComparison.OrdinalIgnoreCase)));
}
