using CommunityOps.Storage;
using Npgsql;

namespace CommunityOps.Tests.Infra;

/// <summary>
/// A fresh, migrated store per test on a real database: a temporary SQLite file, and, where
/// COMMUNITYOPS_TEST_POSTGRES names a server (always in CI), a new PostgreSQL database.
/// Storage tests are theories over <see cref="Providers"/> so that each runs on both.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    public const string PostgresVariable = "COMMUNITYOPS_TEST_POSTGRES";

    private readonly string? _sqlitePath;
    private readonly string? _postgresDatabase;

    private TestStore(Store store, string db, string? sqlitePath, string? postgresDatabase)
    {
        Store = store;
        Db = db;
        _sqlitePath = sqlitePath;
        _postgresDatabase = postgresDatabase;
    }

    public Store Store { get; }

    /// <summary>The value to pass as --db to the CLI for this store.</summary>
    public string Db { get; }

    public static string? PostgresServer
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(PostgresVariable);
            if (string.IsNullOrWhiteSpace(value) && Environment.GetEnvironmentVariable("CI") is "true" or "1")
            {
                throw new InvalidOperationException($"CI must run the storage tests on PostgreSQL: set {PostgresVariable}");
            }
            return string.IsNullOrWhiteSpace(value) ? null : value;
        }
    }

    public static TheoryData<string> Providers
    {
        get
        {
            var data = new TheoryData<string> { "sqlite" };
            if (PostgresServer is not null)
            {
                data.Add("postgres");
            }
            return data;
        }
    }

    /// <summary>Each of <see cref="Providers"/> with false and with true, for theories with one switch.</summary>
    public static TheoryData<string, bool> ProvidersWithSwitch
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (var provider in Providers)
            {
                data.Add(provider, false);
                data.Add(provider, true);
            }
            return data;
        }
    }

    public static async Task<TestStore> CreateAsync(string provider, TimeProvider? time = null)
    {
        if (provider == "sqlite")
        {
            var dir = Path.Combine(Path.GetTempPath(), "communityops-tests");
            Directory.CreateDirectory(dir);
            var path = Path.Combine(dir, $"{Guid.NewGuid():N}.db");
            return new TestStore(await Store.OpenAsync(path, time), path, path, null);
        }
        var server = PostgresServer ?? throw new InvalidOperationException($"{PostgresVariable} is not set");
        var name = $"co_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var cmd = admin.CreateCommand();
            cmd.CommandText = $"CREATE DATABASE {name}";
            await cmd.ExecuteNonQueryAsync();
        }
        var cs = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new TestStore(await Store.OpenAsync(cs, time), cs, null, name);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        if (_sqlitePath is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_sqlitePath + suffix);
            }
        }
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(PostgresServer);
            await admin.OpenAsync();
            await using var cmd = admin.CreateCommand();
            cmd.CommandText = $"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)";
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
