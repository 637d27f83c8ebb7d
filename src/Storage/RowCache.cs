using System.Collections.Concurrent;

namespace ProductOps.Storage;

/// <summary>
/// Rows a store reads on every message (the sender, their Teams reference, the conversation),
/// kept in memory by the one store that writes them. The store forgets a key on each write to it;
/// a read that overlapped any write is not kept (<see cref="Version"/>), so the cache never answers
/// with a row as it was before a change this process made.
/// </summary>
internal sealed class RowCache<TKey, TValue>(int capacity = RowCache<TKey, TValue>.DefaultCapacity)
    where TKey : notnull
{
    public const int DefaultCapacity = 50_000;

    private readonly ConcurrentDictionary<TKey, TValue> _rows = new();
    private readonly Lock _gate = new();
    private long _version;

    /// <summary>Taken before reading the database, and handed to <see cref="Keep"/> with what was read.</summary>
    public long Version => Interlocked.Read(ref _version);

    public bool TryFind(TKey key, out TValue value) => _rows.TryGetValue(key, out value!);

    public void Keep(TKey key, TValue value, long readAt)
    {
        lock (_gate)
        {
            // Full: new keys wait until a write empties the cache or a key is forgotten.
            if (_version == readAt && (_rows.Count < capacity || _rows.ContainsKey(key)))
            {
                _rows[key] = value;
            }
        }
    }

    public void Forget(TKey key)
    {
        lock (_gate)
        {
            _version++;
            _rows.TryRemove(key, out _);
        }
    }

    public void ForgetAll()
    {
        lock (_gate)
        {
            _version++;
            _rows.Clear();
        }
    }
}
