using System.Globalization;
using System.Text;
using CommunityOps.Ingestion;
using CommunityOps.Storage;
using Microsoft.Data.Sqlite;

namespace CommunityOps.Tests.Storage;

/// <summary>What is particular to the embedded store: its file, its connection pool, and its import writer's second thread.</summary>
public sealed class SqliteStoreSpecs
{
    private static string TempPath(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "communityops-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    private static async Task<long> CountAsync(Store store, string table)
    {
        await using var connection = await store.OpenConnectionAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT count(*) FROM {table}";
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Messages m{from} to m{to - 1}, message i from member u{i % members}.</summary>
    private static string Jsonl(int from, int to, int members)
    {
        var text = new StringBuilder();
        for (var i = from; i < to; i++)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{{\"type\":\"message\",\"community\":\"c1\",\"id\":\"m{i}\",\"member\":\"u{i % members}\",\"time\":\"2026-01-05T20:{i / 60 % 60:00}:{i % 60:00}+08:00\",\"text\":\"hello {i}\"}}\n");
        }
        return text.ToString();
    }

    [Fact]
    public async Task A_store_opened_on_a_path_whose_file_was_deleted_after_an_earlier_store_closed_starts_empty()
    {
        var path = TempPath("store.db");
        await using (var first = await Store.OpenAsync(path))
        {
            await using var connection = await first.OpenConnectionAsync();
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "INSERT INTO workspaces (name, created_at) VALUES ('old', 0)";
            await cmd.ExecuteNonQueryAsync();
        }
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }

        await using var second = await Store.OpenAsync(path);

        (await CountAsync(second, "workspaces")).ShouldBe(0);
        File.Exists(path).ShouldBeTrue("the new store must live in a new file, not in the deleted one");
    }

    [Fact]
    public async Task A_failure_on_the_import_writers_thread_reaches_the_caller_and_leaves_the_store_as_it_was()
    {
        var path = TempPath("store.db");
        var feed = TempPath("feed.jsonl");
        await File.WriteAllTextAsync(feed, Jsonl(0, 20_000, 300));
        await using var store = await Store.OpenAsync(path);
        await using (var connection = await store.OpenConnectionAsync())
        await using (var trigger = connection.CreateCommand())
        {
            // Fails deep into the import, many batches after the parser handed over the first rows.
            trigger.CommandText = "CREATE TRIGGER fail_late BEFORE INSERT ON activities WHEN NEW.source_id = 'm15000' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END";
            await trigger.ExecuteNonQueryAsync();
        }

        var error = Should.Throw<SqliteException>(() => new ImportService(store).Import([feed], new ImportOptions()));

        error.Message.ShouldContain("refused by the test");
        (await CountAsync(store, "activities")).ShouldBe(0);
        (await CountAsync(store, "members")).ShouldBe(0);
        (await CountAsync(store, "communities")).ShouldBe(0);
    }

    [Fact]
    public async Task Members_added_by_a_later_import_get_new_ids_after_those_already_stored()
    {
        var path = TempPath("store.db");
        var first = TempPath("first.jsonl");
        var second = TempPath("second.jsonl");
        await File.WriteAllTextAsync(first, Jsonl(0, 10_000, 50));
        // The same 10,000 messages and 50 members, then 5,000 more from 100 new members.
        await File.WriteAllTextAsync(second, Jsonl(0, 10_000, 50) + Jsonl(10_000, 15_000, 150));
        await using var store = await Store.OpenAsync(path);

        var a = new ImportService(store).Import([first], new ImportOptions());
        var b = new ImportService(store).Import([second], new ImportOptions());

        (a.Members, a.Messages).ShouldBe((50, 10_000L));
        (b.Members, b.Messages, b.Duplicates).ShouldBe((100, 5_000L, 10_000L));
        (await CountAsync(store, "members")).ShouldBe(150);
        await using var connection = await store.OpenConnectionAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM activities a JOIN members m ON m.id = a.member_id WHERE m.source_id = 'u' || (CAST(substr(a.source_id, 2) AS INTEGER) % CASE WHEN CAST(substr(a.source_id, 2) AS INTEGER) < 10000 THEN 50 ELSE 150 END)";
        Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture).ShouldBe(15_000, "every message belongs to the member its line names");
    }
}
