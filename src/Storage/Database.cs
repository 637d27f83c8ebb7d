using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ProductOps.Storage;

/// <summary>
/// Opens connections to the ProductOps database with the settings every connection needs:
/// foreign keys on, a busy timeout so concurrent writers wait instead of failing,
/// synchronous=NORMAL and a larger page cache (see <see cref="OpenAsync"/>).
/// </summary>
public sealed class Database
{
    // Pooled connections keep their settings: a SQLite handle configured once needs nothing more.
    private static readonly ConditionalWeakTable<sqlite3, object> Configured = new();

    private readonly string _connectionString;

    public Database(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            ForeignKeys = true,
            DefaultTimeout = 30,
            Pooling = true,
        };
        _connectionString = builder.ToString();
        DataSource = builder.DataSource;
    }

    /// <summary>The file (or in-memory name) the connection string points at, for messages.</summary>
    public string DataSource { get; }

    public string ConnectionString => _connectionString;

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        if (Configured.TryGetValue(connection.Handle!, out _))
        {
            return connection;
        }

        await using var pragma = connection.CreateCommand();
        // In WAL mode, synchronous=NORMAL keeps every commit across a crash of the process (the log
        // is in the OS cache) and cannot corrupt the file; it skips the disk flush per commit, which
        // would otherwise bound every acknowledgement and submission by the disk's flush time.
        // A 32 MB page cache (the default is 2 MB): a participant request reads about 6,000 index and
        // table pages (~24 MB) and a smaller cache re-reads every one of them from the OS each time. It
        // is filled only as pages are read, so a small database never uses it.
        pragma.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768;";
        await pragma.ExecuteNonQueryAsync(ct);
        Configured.AddOrUpdate(connection.Handle!, Configured);
        return connection;
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
