using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ProductOps.Storage;

/// <summary>
/// Opens connections to the ProductOps database with the settings every connection needs:
/// foreign keys on, a busy timeout so concurrent writers wait instead of failing,
/// synchronous=NORMAL and a larger page cache (a small one, and no automatic checkpoints, for <see cref="ForQueue"/>).
/// </summary>
public sealed class Database
{
    // Pooled connections keep their settings: a SQLite handle configured once needs nothing more.
    private static readonly ConditionalWeakTable<sqlite3, object> Configured = new();

    /// <summary>How long a connection waits for a lock another holds before failing with "busy".</summary>
    internal const int BusyTimeoutMs = 5000;

    private const int LargeCacheKib = 32 * 1024;
    private const int SmallCacheKib = 2 * 1024;

    private readonly string _connectionString;
    private readonly string _settings;

    public Database(string connectionString)
        : this(new SqliteConnectionStringBuilder(connectionString), LargeCacheKib, autoCheckpoint: true)
    {
    }

    private Database(SqliteConnectionStringBuilder builder, int cacheKib, bool autoCheckpoint)
    {
        builder.ForeignKeys = true;
        builder.DefaultTimeout = 30;
        builder.Pooling = true;
        _connectionString = builder.ToString();
        DataSource = builder.DataSource;

        // In WAL mode, synchronous=NORMAL keeps every commit across a crash of the process (the log
        // is in the OS cache) and cannot corrupt the file; it skips the disk flush per commit, which
        // would otherwise bound every acknowledgement and submission by the disk's flush time.
        // A 32 MB page cache (the default is 2 MB): a participant request reads about 6,000 index and
        // table pages (~24 MB) and a smaller cache re-reads every one of them from the OS each time. It
        // is filled only as pages are read, so a small database never uses it.
        _settings = $"PRAGMA busy_timeout = {BusyTimeoutMs}; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -{cacheKib};"
            + (autoCheckpoint ? "" : " PRAGMA wal_autocheckpoint = 0;");
    }

    /// <summary>The file (or in-memory name) the connection string points at, for messages.</summary>
    public string DataSource { get; }

    public string ConnectionString => _connectionString;

    /// <summary>
    /// The same database through connections of their own for a queue that every acknowledgement
    /// writes to (the inbound queue):
    /// <list type="bullet">
    /// <item>SQLite's default 2 MB page cache: the queue appends rows and reads them back in order,
    /// and a burst stores hundreds of thousands of them, which a 32 MB cache per connection would
    /// keep in memory for nothing;</item>
    /// <item>no automatic checkpoints: a checkpoint flushes the database file to disk, and run inside
    /// a commit (SQLite's default) it holds up every acknowledgement waiting on that commit. The
    /// queue's owner checkpoints off that path instead.</item>
    /// </list>
    /// </summary>
    public Database ForQueue()
    {
        var builder = new SqliteConnectionStringBuilder(_connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.Cache == SqliteCacheMode.Shared || DataSource is "" or ":memory:")
        {
            // An in-memory database lives in its one cache: other connections would see another database.
            return this;
        }

        // A private cache is what a file gets anyway; naming it gives these connections a pool of their own.
        builder.Cache = SqliteCacheMode.Private;
        return new Database(builder, SmallCacheKib, autoCheckpoint: false);
    }

    /// <summary>A connection with the settings above, configured once per pooled SQLite handle.</summary>
    public DbConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        if (!Configured.TryGetValue(connection.Handle!, out _))
        {
            using var pragma = connection.CreateCommand();
            pragma.CommandText = _settings;
            pragma.ExecuteNonQuery();
            Configured.AddOrUpdate(connection.Handle!, Configured);
        }

        return connection;
    }

    /// <summary>A connection ready for use. SQLite opens files synchronously, so this completes at once.</summary>
    public Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(Open());
    }

    /// <summary>Creates the folder of a file database, so a fresh checkout starts without setup.</summary>
    public void EnsureDirectory()
    {
        if (DataSource is "" or ":memory:" || DataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(DataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
