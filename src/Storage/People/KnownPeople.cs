using System.Collections.Concurrent;
using ProductOps.Skills.Conversation;

namespace ProductOps.Storage.People;

/// <summary>
/// People already resolved from chat, by identity, kept in memory: every message resolves its
/// sender, and people change rarely. Every write to people, roles or identities empties it
/// (<see cref="Forget"/>), and a read that overlapped such a write is not kept, so it never
/// answers with someone as they were before a change this process made.
/// </summary>
internal sealed class KnownPeople(int capacity = KnownPeople.DefaultCapacity)
{
    public const int DefaultCapacity = 50_000;

    private readonly ConcurrentDictionary<ChatIdentity, Person> _people = new();
    private readonly Lock _gate = new();
    private long _version;

    /// <summary>Taken before reading the database; <see cref="Keep"/> drops the result if anything was written since.</summary>
    public long Version => Interlocked.Read(ref _version);

    public Person? Find(ChatIdentity identity) => _people.GetValueOrDefault(identity);

    public void Keep(ChatIdentity identity, Person person, long readAt)
    {
        lock (_gate)
        {
            if (_version == readAt && (_people.Count < capacity || _people.ContainsKey(identity)))
            {
                _people[identity] = person;
            }
        }
    }

    public void Forget()
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _version);
            _people.Clear();
        }
    }
}
