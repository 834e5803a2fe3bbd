using System.Data.Common;
using CommunityOps.Resources;
using CommunityOps.Storage.Postgres;
using CommunityOps.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CommunityOps.Storage;

/// <summary>
/// An opened, migrated store: SQLite (a file path, the embedded default) or PostgreSQL (a connection
/// string or postgres:// URL). Feature services get their <see cref="AppDbContext"/> or raw connection here.
/// </summary>
public sealed class Store : IAsyncDisposable
{
    public const string EnvironmentVariable = "COMMUNITYOPS_DB";
    public const string DefaultPath = "communityops.db";

    private readonly NpgsqlDataSource? _postgres;
    private readonly DbContextOptions _contextOptions;

    private Store(DatabaseProvider provider, string connectionString, string description, TimeProvider time)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Description = description;
        Time = time;
        if (provider == DatabaseProvider.Postgres)
        {
            _postgres = NpgsqlDataSource.Create(connectionString);
            _contextOptions = new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(_postgres).Options;
        }
        else
        {
            _contextOptions = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(connectionString).Options;
        }
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    /// <summary>Where the data is, without secrets: the file path or host/database.</summary>
    public string Description { get; }

    public TimeProvider Time { get; }

    /// <summary>Resolves the store from an explicit value, then COMMUNITYOPS_DB, then ./communityops.db.</summary>
    public static string Resolve(string? db) =>
        !string.IsNullOrWhiteSpace(db) ? db
        : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env ? env
        : DefaultPath;

    public static DatabaseProvider Detect(string db) =>
        db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || (db.Contains('=', StringComparison.Ordinal) && (db.Contains("Host=", StringComparison.OrdinalIgnoreCase) || db.Contains("Server=", StringComparison.OrdinalIgnoreCase)))
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    public static async Task<Store> OpenAsync(string? db, TimeProvider? time = null, CancellationToken ct = default)
    {
        time ??= TimeProvider.System;
        var value = Resolve(db);
        Store store;
        if (Detect(value) == DatabaseProvider.Postgres)
        {
            var builder = new NpgsqlConnectionStringBuilder(PostgresUrl.ToConnectionString(value));
            store = new Store(DatabaseProvider.Postgres, builder.ConnectionString, $"postgresql://{builder.Host}:{builder.Port}/{builder.Database}", time);
        }
        else
        {
            var path = Path.GetFullPath(value);
            var dir = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }
            var cs = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 60 }.ToString();
            store = new Store(DatabaseProvider.Sqlite, cs, path, time);
        }
        try
        {
            await using var connection = await store.OpenConnectionAsync(ct);
            if (store.Provider == DatabaseProvider.Sqlite)
            {
                await using var wal = connection.CreateCommand();
                wal.CommandText = "PRAGMA journal_mode=WAL";
                await wal.ExecuteNonQueryAsync(ct);
            }
            await Migrator.MigrateAsync(connection, store.Provider, time.GetUtcNow().ToUnixTimeMilliseconds(), ct);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException or ArgumentException)
        {
            await store.DisposeAsync();
            throw new CommunityOpsException(Errors.StoreCannotOpen(store.Description, ex.Message), ex);
        }
        return store;
    }

    public AppDbContext CreateDbContext() => Provider == DatabaseProvider.Postgres
        ? new PostgresAppDbContext((DbContextOptions<PostgresAppDbContext>)_contextOptions)
        : new SqliteAppDbContext((DbContextOptions<SqliteAppDbContext>)_contextOptions);

    public async Task<DbConnection> OpenConnectionAsync(CancellationToken ct = default)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(ct);
        }
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct);
        await using var pragmas = connection.CreateCommand();
        pragmas.CommandText = SqlitePragmas;
        await pragmas.ExecuteNonQueryAsync(ct);
        return connection;
    }

    /// <summary>Synchronous open for the bulk import path, which runs on its own thread end to end.</summary>
    public DbConnection OpenConnection()
    {
        if (_postgres is not null)
        {
            return _postgres.OpenConnection();
        }
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = SqlitePragmas;
        pragmas.ExecuteNonQuery();
        return connection;
    }

    // NORMAL is durable in WAL mode except for the last commits on power loss; busy_timeout lets the
    // server and a CLI import share the file.
    private const string SqlitePragmas = "PRAGMA busy_timeout=60000; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536";

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        else
        {
            // Pooled SQLite connections keep the file open: without this, a store opened later on the same
            // path after the file was deleted or replaced would be handed the old file's connection.
            using var connection = new SqliteConnection(ConnectionString);
            SqliteConnection.ClearPool(connection);
        }
    }
}
