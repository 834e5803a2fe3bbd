using System.Data.Common;
using System.Globalization;
using System.Reflection;

namespace CommunityOps.Storage;

/// <summary>
/// Applies each provider's own SQL migrations in order, once. EF's migration scaffolding
/// (Microsoft.EntityFrameworkCore.Design) is not available to this project, so migrations are plain
/// SQL files kept under Storage/{Sqlite,Postgres}/Migrations; a test compares the migrated schema
/// with the EF model on both providers, which is how CI fails when a model change has no migration.
/// </summary>
internal static class Migrator
{
    // Any fixed number: serializes concurrent server instances that start against one PostgreSQL store.
    private const long PostgresLockKey = 0x436F6D4F7073; // "ComOps"

    public static IReadOnlyList<(int Version, string Name, string Sql)> Migrations(DatabaseProvider provider)
    {
        var prefix = provider == DatabaseProvider.Sqlite
            ? "CommunityOps.Storage.Sqlite.Migrations."
            : "CommunityOps.Storage.Postgres.Migrations.";
        var assembly = typeof(Migrator).Assembly;
        var list = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = resource[prefix.Length..^".sql".Length];
            var version = int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
            list.Add((version, name, ReadResource(assembly, resource)));
        }
        return list;
    }

    public static async Task MigrateAsync(DbConnection connection, DatabaseProvider provider, long nowMs, CancellationToken ct)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({PostgresLockKey})", ct);
        }
        try
        {
            await ExecuteAsync(connection, null,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)", ct);
            var applied = new HashSet<int>();
            await using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = "SELECT version FROM schema_migrations";
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    applied.Add(reader.GetInt32(0));
                }
            }
            foreach (var (version, name, sql) in Migrations(provider))
            {
                if (applied.Contains(version))
                {
                    continue;
                }
                await using var tx = await connection.BeginTransactionAsync(ct);
                await ExecuteAsync(connection, tx, sql, ct);
                await using (var record = connection.CreateCommand())
                {
                    record.Transaction = tx;
                    record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@v, @n, @t)";
                    AddParameter(record, "@v", version);
                    AddParameter(record, "@n", name);
                    AddParameter(record, "@t", nowMs);
                    await record.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
            }
        }
        finally
        {
            if (provider == DatabaseProvider.Postgres)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({PostgresLockKey})", CancellationToken.None);
            }
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static void AddParameter(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
