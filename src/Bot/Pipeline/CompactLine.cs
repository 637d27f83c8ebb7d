namespace ProductOps.Bot.Pipeline;

/// <summary>
/// A first-in-first-out line of items and placeholders in which a run of placeholders takes one
/// entry however long it is. A burst stored in the database is one run, so waiting in line costs no
/// memory per request: a channel's slot for each of a million placeholders took 17 MB of the
/// server's 200 (bench/README.md, Slack).
/// </summary>
public sealed class CompactLine<T> : IDisposable
    where T : class
{
    private readonly Queue<object> _entries = new();
    private readonly SemaphoreSlim _ready = new(0, int.MaxValue);

    // The last entry while it is a run, so the next placeholder lengthens it instead of adding one.
    private Run? _tail;

    /// <summary>How many entries the line holds: one for each item and one for each run of placeholders.</summary>
    internal int Entries
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    public void Add(T item)
    {
        lock (_entries)
        {
            _entries.Enqueue(item);
            _tail = null;
        }

        _ready.Release();
    }

    public void AddPlaceholders(int count)
    {
        if (count <= 0)
        {
            return;
        }

        lock (_entries)
        {
            if (_tail is null)
            {
                _tail = new Run();
                _entries.Enqueue(_tail);
            }

            _tail.Count += count;
        }

        _ready.Release(count);
    }

    /// <summary>
    /// The first item in line, or null for a placeholder; waits while the line is empty. A take
    /// cancelled just as an entry arrives may still return it rather than throw: the entry is never
    /// lost either way.
    /// </summary>
    public async ValueTask<T?> TakeAsync(CancellationToken ct)
    {
        await _ready.WaitAsync(ct);
        lock (_entries)
        {
            var first = _entries.Peek();
            if (first is not Run run)
            {
                _entries.Dequeue();
                return (T)first;
            }

            if (--run.Count == 0)
            {
                _entries.Dequeue();
                if (ReferenceEquals(run, _tail))
                {
                    _tail = null;
                }
            }

            return null;
        }
    }

    public void Dispose() => _ready.Dispose();

    private sealed class Run
    {
        public int Count;
    }
}
