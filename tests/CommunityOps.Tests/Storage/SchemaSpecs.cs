using System.Data.Common;
using CommunityOps.Storage;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Tests.Storage;

/// <summary>
/// The schema comes from hand-written SQL migrations per provider; these tests are what makes CI fail
/// when the EF model changes without a migration (or a migration without the model).
/// </summary>
public sealed class SchemaSpecs
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Every_mapped_table_and_column_exists_in_the_migrated_schema_and_nothing_else(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var db = store.Store.CreateDbContext();
        await using var connection = await store.Store.OpenConnectionAsync();
        var actual = await ColumnsAsync(connection, store.Store.Provider);

        var expected = new Dictionary<string, Dictionary<string, bool>>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var columns = expected.TryGetValue(table, out var c) ? c : expected[table] = [];
            foreach (var property in entity.GetProperties())
            {
                columns[property.GetColumnName()] = property.IsNullable;
            }
        }

        foreach (var (table, columns) in expected)
        {
            actual.ShouldContainKey(table, $"table {table} is mapped but no {provider} migration creates it");
            foreach (var (column, nullable) in columns)
            {
                actual[table].ShouldContainKey(column, $"{table}.{column} is mapped but no {provider} migration creates it");
                actual[table][column].ShouldBe(nullable, $"{table}.{column} nullability differs between the model and the {provider} schema");
            }
            foreach (var column in actual[table].Keys)
            {
                columns.ShouldContainKey(column, $"{table}.{column} exists in the {provider} schema but is not mapped");
            }
        }
    }

    [Fact]
    public void Both_providers_have_the_same_migration_versions()
    {
        var sqlite = Migrator.Migrations(DatabaseProvider.Sqlite).Select(m => m.Name);
        var postgres = Migrator.Migrations(DatabaseProvider.Postgres).Select(m => m.Name);

        sqlite.ShouldBe(postgres);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Opening_a_store_twice_applies_each_migration_once(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using (var again = await Store.OpenAsync(store.Db))
        {
            again.Provider.ShouldBe(store.Store.Provider);
        }
        await using var connection = await store.Store.OpenConnectionAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM schema_migrations";
        Convert.ToInt32(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(Migrator.Migrations(store.Store.Provider).Count);
    }

    private static async Task<Dictionary<string, Dictionary<string, bool>>> ColumnsAsync(DbConnection connection, DatabaseProvider provider)
    {
        var result = new Dictionary<string, Dictionary<string, bool>>();
        var tables = new List<string>();
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = provider == DatabaseProvider.Sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'";
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        foreach (var table in tables)
        {
            var columns = result[table] = [];
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = provider == DatabaseProvider.Sqlite
                ? $"SELECT name, \"notnull\", pk FROM pragma_table_info('{table}')"
                : $"SELECT column_name, CASE WHEN is_nullable = 'NO' THEN 1 ELSE 0 END, 0 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '{table}'";
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                // SQLite reports an INTEGER PRIMARY KEY as nullable; it is the rowid and never null.
                var notNull = Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture) == 1
                    || Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture) > 0;
                columns[reader.GetString(0)] = !notNull;
            }
        }
        return result;
    }
}
