using System.Globalization;
using System.Text;
using CommunityOps.Ingestion;
using CommunityOps.Storage;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CommunityOps.Tests.Ingestion;

/// <summary>
/// The bulk write paths: on PostgreSQL the first import into an empty log loads it without its
/// secondary indexes, and later imports stream new chats in savepoint-guarded COPY segments. Small
/// segments make a few hundred rows cross many segment boundaries, new channels and members included.
/// </summary>
public sealed class BulkImportSpecs : IDisposable
{
    private const int Segment = 7;
    private readonly TempFiles _files = new();

    [Theory]
    [MemberData(nameof(TestStore.ProvidersWithSwitch), MemberType = typeof(TestStore))]
    public async Task A_history_imported_in_small_segments_is_stored_exactly(string provider, bool seeded)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await SeedAsync(store, seeded);
        var path = _files.Write("feed.jsonl", History(200));

        var summary = Import(store, path);

        (summary.Messages, summary.Joins, summary.Leaves, summary.Reactions, summary.Duplicates).ShouldBe((200L, 20L, 10L, 20L, 0L));
        var rows = await ActivitiesAsync(store, "c1", "c2");
        rows.Count.ShouldBe(250);
        rows.ShouldContain("c1|Message|m7|u7|-|ch0|text 7 ä😀|2026-01-05T00:00:07.0000000+00:00");
        rows.ShouldContain("c2|Join|j10|u10|u0|-||2026-01-05T00:00:10.0000000+00:00");
        rows.ShouldContain("c2|Reaction|r20|u3|-|-|m20 👍|2026-01-05T00:00:20.0000000+00:00");
        var members = await MembersAsync(store);
        // A later name and a later staff flag reach members created in an earlier segment.
        members.ShouldContain("c1|u1|Renamed 1|True");
        members.ShouldContain("c2|u2|Member 2|False");
    }

    /// <summary>
    /// The SQLite writer binds text in place from one growing buffer per column and binds a NULL only
    /// when the column held something else; PostgreSQL's encodes into one COPY buffer. Texts of every
    /// length around those buffers' edges, absent between present ones, must come back exactly.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestStore.ProvidersWithSwitch), MemberType = typeof(TestStore))]
    public async Task Texts_of_every_length_and_absent_ones_between_them_are_stored_exactly(string provider, bool seeded)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await SeedAsync(store, seeded);
        string?[] texts = ["", "a", new('x', 255), new('y', 256), null, new('z', 257), "短", new('长', 100), null, null,
            string.Concat(Enumerable.Repeat("ä😀", 3000)), "tail", null, new('q', 70_000), "after the big one"];
        var lines = new StringBuilder();
        for (var i = 0; i < texts.Length; i++)
        {
            var text = texts[i] is { } t ? $",\"text\":{System.Text.Json.JsonSerializer.Serialize(t)}" : "";
            var reply = i % 3 == 1 ? $",\"reply_to\":\"m{i - 1}\"" : "";
            lines.Append(CultureInfo.InvariantCulture, $"{{\"type\":\"message\",\"community\":\"c1\",\"id\":\"m{i}\",\"member\":\"u{i % 2}\",\"time\":\"2026-01-05T00:00:{i:00}Z\"{text}{reply}}}\n");
        }

        Import(store, _files.Write("texts.jsonl", lines.ToString()));

        await using var db = store.Store.CreateDbContext();
        var rows = await (from a in db.Activities join c in db.Communities on a.CommunityId equals c.Id where c.SourceId == "c1" select new { a.SourceId, a.Text, a.ReplyTo }).ToListAsync();
        rows.Count.ShouldBe(texts.Length);
        for (var i = 0; i < texts.Length; i++)
        {
            var row = rows.Single(r => r.SourceId == $"m{i}");
            row.Text.ShouldBe(texts[i], $"m{i}");
            row.ReplyTo.ShouldBe(i % 3 == 1 ? $"m{i - 1}" : null, $"m{i}");
        }
    }

    [Theory]
    [MemberData(nameof(TestStore.ProvidersWithSwitch), MemberType = typeof(TestStore))]
    public async Task An_export_that_repeats_itself_stores_each_event_once(string provider, bool seeded)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await SeedAsync(store, seeded);
        var lines = History(100).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var a = _files.Write("a.jsonl", string.Join('\n', lines[..90]));
        var b = _files.Write("b.jsonl", string.Join('\n', lines[40..]) + "\n" + lines[3]);

        var summary = Import(store, a, b);
        var again = Import(store, a, b);

        (summary.Messages, summary.Joins, summary.Leaves, summary.Reactions).ShouldBe((100L, 10L, 5L, 10L));
        summary.Duplicates.ShouldBe(51);
        (again.Messages, again.Duplicates).ShouldBe((0L, 176L));
        (await ActivitiesAsync(store, "c1", "c2")).Count.ShouldBe(125);
    }

    [Theory]
    [MemberData(nameof(TestStore.ProvidersWithSwitch), MemberType = typeof(TestStore))]
    public async Task A_file_failing_after_many_segments_leaves_the_store_exactly_as_it_was(string provider, bool seeded)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await SeedAsync(store, seeded);
        var activities = await ActivitiesAsync(store, "seed");
        var members = await MembersAsync(store);
        var indexes = await IndexesAsync(store);
        var good = History(200);
        var bad = _files.Write("bad.jsonl", good + "{\"type\":\"message\",\"community\":\"c1\",\"id\":\"x\",\"member\":\"u1\",\"time\":\"soon\"}\n");

        var error = Should.Throw<ImportException>(() => Import(store, bad));

        error.Message.ShouldStartWith($"{bad}:251: field 'time'");
        (await ActivitiesAsync(store, "seed")).ShouldBe(activities);
        (await MembersAsync(store)).ShouldBe(members);
        (await IndexesAsync(store)).ShouldBe(indexes);
        (await ActivitiesAsync(store, "c1", "c2")).ShouldBeEmpty();
        var retry = Import(store, _files.Write("good.jsonl", good));
        (retry.Messages, retry.Duplicates).ShouldBe((200L, 0L));
    }

    [Theory]
    [MemberData(nameof(TestStore.ProvidersWithSwitch), MemberType = typeof(TestStore))]
    public async Task A_communitys_rows_found_through_its_members_are_exactly_its_rows(string provider, bool seeded)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await SeedAsync(store, seeded);
        Import(store, _files.Write("feed.jsonl", History(120)), SharedData.Path("exports", "telegram-small", "result.json"),
            SharedData.Path("exports", "whatsapp-chatminer", "test_ddmmyy_24hrs.txt"));
        await using var connection = await store.Store.OpenConnectionAsync();

        // PostgreSQL reads a community's rows through its members (SqlCommands.InCommunity): that needs every
        // activity's member to belong to the activity's community, whichever importer wrote it.
        (await ScalarAsync(connection, "SELECT count(*) FROM activities a JOIN members m ON m.id = a.member_id WHERE m.community_id <> a.community_id")).ShouldBe(0);
        var communities = new List<long>();
        await using (var cmd = connection.Command("SELECT id FROM communities"))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                communities.Add(reader.GetInt64(0));
            }
        }
        communities.Count.ShouldBe(seeded ? 5 : 4);
        foreach (var id in communities)
        {
            var all = await ScalarAsync(connection, "SELECT count(*) FROM activities WHERE community_id = @c", null, ("@c", id));
            all.ShouldBeGreaterThan(0);
            (await ScalarAsync(connection, $"SELECT count(*) FROM activities a WHERE {SqlCommands.InCommunity(store.Store.Provider, "a", "= @c")}", null, ("@c", id))).ShouldBe(all);
        }
        var list = (await ScalarAsync(connection, $"SELECT count(*) FROM activities a WHERE {SqlCommands.InCommunity(store.Store.Provider, "a", $"IN ({communities[0]}, {communities[^1]})")}"));
        list.ShouldBe(await ScalarAsync(connection, $"SELECT count(*) FROM activities WHERE community_id IN ({communities[0]}, {communities[^1]})"));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_first_import_into_an_empty_log_leaves_its_indexes_as_the_migrations_made_them(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var before = await IndexesAsync(store);
        var lines = History(50).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var summary = Import(store, _files.Write("repeats.jsonl", string.Join('\n', lines.Concat(lines[..10]))));

        summary.Duplicates.ShouldBe(10);
        (await IndexesAsync(store)).ShouldBe(before);
        before.ShouldContain(d => d.Contains("UNIQUE INDEX ux_activities_source", StringComparison.Ordinal));
        before.ShouldContain(d => d.Contains("INDEX ix_activities_member", StringComparison.Ordinal));
        if (store.Store.Provider == DatabaseProvider.Postgres)
        {
            // The bulk load drops and rebuilds the primary key and the three foreign keys that lean on it.
            before.ShouldContain(d => d.Contains("activities_pkey PRIMARY KEY (id)", StringComparison.Ordinal));
            before.Count(d => d.Contains("FOREIGN KEY", StringComparison.Ordinal) && d.Contains("REFERENCES activities(id)", StringComparison.Ordinal)).ShouldBe(3);
        }
    }

    [Theory]
    [MemberData(nameof(TestStore.ProvidersWithSwitch), MemberType = typeof(TestStore))]
    public async Task Two_imports_of_overlapping_exports_started_together_store_each_event_once(string provider, bool seeded)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await SeedAsync(store, seeded);
        var before = await IndexesAsync(store);
        var lines = History(300).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // Both hold the middle third; each also holds a third of its own.
        var first = _files.Write("first.jsonl", string.Join('\n', lines[..(lines.Length * 2 / 3)]));
        var second = _files.Write("second.jsonl", string.Join('\n', lines[(lines.Length / 3)..]));

        // Into an empty log one takes the bulk load and the other waits for it or streams (before the bounded
        // lock wait, 2 of 10 runs failed with a deadlock); into a seeded one both stream and meet at the unique key.
        using var start = new Barrier(2);
        var summaries = await Task.WhenAll(
            Task.Run(() => { start.SignalAndWait(); return Import(store, first); }),
            Task.Run(() => { start.SignalAndWait(); return Import(store, second); }));

        summaries.Sum(s => s.Messages).ShouldBe(300);
        summaries.Sum(s => s.Messages + s.Joins + s.Leaves + s.Reactions).ShouldBe(lines.Length);
        await using var reference = await TestStore.CreateAsync(provider);
        Import(reference, _files.Write("whole.jsonl", string.Join('\n', lines)));
        var stored = await ActivitiesAsync(store, "c1", "c2");
        stored.Count.ShouldBe(lines.Length);
        stored.ShouldBe(await ActivitiesAsync(reference, "c1", "c2"), ignoreOrder: true);
        (await IndexesAsync(store)).ShouldBe(before);
    }

    [Fact]
    public async Task The_first_import_beside_a_transaction_that_has_read_the_empty_log_waits_a_little_and_streams()
    {
        if (TestStore.PostgresServer is null)
        {
            return;
        }
        await using var store = await TestStore.CreateAsync("postgres");
        await using var reader = new NpgsqlConnection(store.Store.ConnectionString);
        await reader.OpenAsync();
        await using var reading = await reader.BeginTransactionAsync();
        await using (var cmd = new NpgsqlCommand("SELECT count(*) FROM activities", reader, reading))
        {
            ((long)(await cmd.ExecuteScalarAsync())!).ShouldBe(0);
        }

        // What another import's first look at the log leaves: its lock, held until that import commits.
        var summary = Import(store, _files.Write("beside.jsonl", History(40)));
        await reading.CommitAsync();

        (summary.Messages, summary.Duplicates).ShouldBe((40L, 0L));
        (await ActivitiesAsync(store, "c1", "c2")).Count.ShouldBe(History(40).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task The_first_import_keeps_the_primary_key_when_a_table_referencing_the_log_is_in_use()
    {
        if (TestStore.PostgresServer is null)
        {
            return;
        }
        await using var store = await TestStore.CreateAsync("postgres");
        var before = await IndexesAsync(store);
        await using var reader = new NpgsqlConnection(store.Store.ConnectionString);
        await reader.OpenAsync();
        await using var reading = await reader.BeginTransactionAsync();
        await using (var cmd = new NpgsqlCommand("SELECT count(*) FROM findings", reader, reading))
        {
            ((long)(await cmd.ExecuteScalarAsync())!).ShouldBe(0);
        }

        // The reader's lock on findings stays until its transaction ends: the import must not wait for it long, nor fail.
        var lines = History(40).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var summary = Import(store, _files.Write("busy.jsonl", string.Join('\n', lines.Concat(lines[..5]))));
        await reading.CommitAsync();

        (summary.Messages, summary.Duplicates).ShouldBe((40L, 5L));
        (await IndexesAsync(store)).ShouldBe(before);
        await using var check = new NpgsqlConnection(store.Store.ConnectionString);
        await check.OpenAsync();
        await using var ids = new NpgsqlCommand("SELECT count(*) = count(DISTINCT id) FROM activities", check);
        ((bool)(await ids.ExecuteScalarAsync())!).ShouldBeTrue();
    }

    [Fact]
    public async Task The_first_import_writes_its_rows_all_visible_so_index_only_scans_skip_the_log_at_once()
    {
        if (TestStore.PostgresServer is null)
        {
            return;
        }
        await using var store = await TestStore.CreateAsync("postgres");
        Import(store, _files.Write("first.jsonl", History(400)));
        await using var connection = new NpgsqlConnection(store.Store.ConnectionString);
        await connection.OpenAsync();

        var first = await IndexOnlyScanAsync(connection);
        first.Rows.ShouldBe(await ScalarAsync(connection, "SELECT count(*) FROM activities"));
        first.HeapFetches.ShouldBe(0);

        // Rows streamed into a log that already holds some are written the ordinary way: not all-visible
        // until vacuum, so the same scan visits the log for them, and the one above could fail.
        Import(store, _files.Write("second.jsonl", string.Join('\n', Enumerable.Range(0, 50).Select(i =>
            $$"""{"type":"message","community":"c9","id":"n{{i}}","member":"u{{i % 7}}","time":"2026-03-01T00:00:00Z","text":"later"}"""))));
        (await IndexOnlyScanAsync(connection)).HeapFetches.ShouldBeGreaterThan(0);
    }

    /// <summary>
    /// Counts the log by an index-only scan of its primary key (EXPLAIN ANALYZE): the rows it counted, and
    /// how many of them it had to look up in the table because their page was not known all-visible.
    /// </summary>
    private static async Task<(long Rows, long HeapFetches)> IndexOnlyScanAsync(NpgsqlConnection connection)
    {
        await using var cmd = new NpgsqlCommand(
            "SET enable_seqscan = off; SET enable_bitmapscan = off; SET max_parallel_workers_per_gather = 0; " +
            "EXPLAIN (ANALYZE, FORMAT JSON) SELECT count(*) FROM activities", connection);
        var plan = System.Text.Json.JsonDocument.Parse((string)(await cmd.ExecuteScalarAsync())!).RootElement[0].GetProperty("Plan");
        var scan = plan.GetProperty("Plans")[0];
        scan.GetProperty("Node Type").GetString().ShouldBe("Index Only Scan");
        return (scan.GetProperty("Actual Rows").GetInt64(), scan.GetProperty("Heap Fetches").GetInt64());
    }

    [Fact]
    public async Task The_first_import_numbers_its_rows_in_file_order_and_later_writes_continue_after_them()
    {
        if (TestStore.PostgresServer is null)
        {
            return;
        }
        await using var store = await TestStore.CreateAsync("postgres");
        var history = History(60);
        var inFileOrder = history.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("id").GetString()!).ToList();

        Import(store, _files.Write("first.jsonl", history));
        await using var connection = new NpgsqlConnection(store.Store.ConnectionString);
        await connection.OpenAsync();
        var ids = new List<(long Id, string SourceId)>();
        await using (var cmd = new NpgsqlCommand("SELECT id, source_id FROM activities ORDER BY id", connection))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ids.Add((reader.GetInt64(0), reader.GetString(1)));
            }
        }
        ids.Select(r => r.SourceId).ShouldBe(inFileOrder);
        (ids[^1].Id - ids[0].Id).ShouldBe(inFileOrder.Count - 1);

        // The next import streams into a log that is no longer empty: its ids come from the sequence.
        Import(store, _files.Write("second.jsonl", """
            {"type":"message","community":"c3","id":"later","member":"u1","time":"2026-02-01T00:00:00Z","text":"after"}
            """));
        await using var later = new NpgsqlCommand("SELECT id FROM activities WHERE source_id = 'later'", connection);
        ((long)(await later.ExecuteScalarAsync())!).ShouldBeGreaterThan(ids[^1].Id);
    }

    [Fact]
    public async Task A_member_another_import_stored_first_keeps_its_id_and_our_rows_follow_it()
    {
        if (TestStore.PostgresServer is null)
        {
            return;
        }
        await using var store = await TestStore.CreateAsync("postgres");
        Import(store, _files.Write("seed.jsonl", History(3)));
        await using var connection = new NpgsqlConnection(store.Store.ConnectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var members = new PostgresMembers(sql => new NpgsqlCommand(sql, connection, tx));
        var community = await ScalarAsync(connection, "SELECT id FROM communities WHERE source_id = 'c1'", tx);
        members.Reserve();
        var reserved = members.Add(community, "late", "Late", false, false);
        await ScalarAsync(connection,
            $"INSERT INTO activities (community_id, member_id, kind, source_id, occurred_at, related_member_id) VALUES ({community}, {reserved}, 1, 'late-1', 0, {reserved}) RETURNING id", tx);
        // What a concurrent import would have committed while our rows were streaming.
        var theirs = await ScalarAsync(connection,
            $"INSERT INTO members (community_id, source_id, display_name) VALUES ({community}, 'late', 'Theirs') RETURNING id", tx);

        members.Flush();

        theirs.ShouldNotBe(reserved);
        members.Real(reserved).ShouldBe(theirs);
        (await ScalarAsync(connection, "SELECT member_id FROM activities WHERE source_id = 'late-1'", tx)).ShouldBe(theirs);
        (await ScalarAsync(connection, "SELECT related_member_id FROM activities WHERE source_id = 'late-1'", tx)).ShouldBe(theirs);
        (await ScalarAsync(connection, "SELECT count(*) FROM members WHERE source_id = 'late'", tx)).ShouldBe(1);
    }

    private static async Task<long> ScalarAsync(System.Data.Common.DbConnection connection, string sql, System.Data.Common.DbTransaction? tx = null,
        params (string Name, object? Value)[] parameters)
    {
        await using var cmd = connection.Command(sql, parameters);
        cmd.Transaction = tx;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private ImportSummary Import(TestStore store, params string[] paths) =>
        new ImportService(store.Store).Import(paths, new ImportOptions { PostgresSegmentRows = Segment });

    /// <summary>A store whose log is not empty takes the streaming path instead of the bulk load.</summary>
    private async Task SeedAsync(TestStore store, bool seeded)
    {
        if (seeded)
        {
            Import(store, _files.Write("seed.jsonl", """
                {"type":"message","community":"seed","id":"s1","member":"u1","member_name":"Seed","time":"2026-01-01T00:00:00Z","text":"old"}
                {"type":"message","community":"seed","id":"s2","member":"u2","time":"2026-01-01T00:00:01Z","text":"older"}
                """));
            (await ActivitiesAsync(store, "seed")).Count.ShouldBe(2);
        }
    }

    /// <summary>
    /// Two interleaved communities; a new channel every ten messages; members appearing throughout, one
    /// renamed and made staff late; every tenth message followed by a join, leave or reaction.
    /// </summary>
    private static string History(int messages)
    {
        var text = new StringBuilder();
        var t0 = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < messages; i++)
        {
            var community = i % 2 == 0 ? "c2" : "c1";
            var time = t0.AddSeconds(i).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
            var name = i is 151 or 171 ? "Renamed 1" : $"Member {i % 37}";
            var staff = i == 171 ? ",\"is_staff\":true" : "";
            var member = i is 151 or 171 ? "u1" : $"u{i % 37}";
            text.Append(CultureInfo.InvariantCulture, $"{{\"type\":\"message\",\"community\":\"{community}\",\"channel\":\"ch{i / 10}\",\"id\":\"m{i}\",\"member\":\"{member}\",\"member_name\":\"{name}\"{staff},\"time\":\"{time}\",\"text\":\"text {i} ä😀\"}}\n");
            if (i % 10 == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{{\"type\":\"join\",\"community\":\"{community}\",\"id\":\"j{i}\",\"member\":\"u{i % 37}\",\"inviter\":\"u0\",\"time\":\"{time}\"}}\n");
                text.Append(CultureInfo.InvariantCulture, $"{{\"type\":\"reaction\",\"community\":\"{community}\",\"id\":\"r{i}\",\"member\":\"u3\",\"message\":\"m{i}\",\"emoji\":\"👍\",\"time\":\"{time}\"}}\n");
            }
            if (i % 20 == 5)
            {
                text.Append(CultureInfo.InvariantCulture, $"{{\"type\":\"leave\",\"community\":\"{community}\",\"id\":\"l{i}\",\"member\":\"u{i % 37}\",\"time\":\"{time}\"}}\n");
            }
        }
        return text.ToString();
    }

    private static async Task<List<string>> ActivitiesAsync(TestStore store, params string[] communities)
    {
        await using var db = store.Store.CreateDbContext();
        var rows = await (
            from a in db.Activities
            join c in db.Communities on a.CommunityId equals c.Id
            join m in db.Members on a.MemberId equals m.Id
            join r in db.Members on a.RelatedMemberId equals r.Id into related
            from r in related.DefaultIfEmpty()
            join ch in db.Channels on a.ChannelId equals ch.Id into channels
            from ch in channels.DefaultIfEmpty()
            where communities.Contains(c.SourceId)
            select new { Community = c.SourceId, a.Kind, a.SourceId, Member = m.SourceId, Related = r == null ? "-" : r.SourceId, Channel = ch == null ? "-" : ch.SourceId, a.Text, a.Target, a.Emoji, a.OccurredAt })
            .ToListAsync();
        return [.. rows
            .Select(r => $"{r.Community}|{r.Kind}|{r.SourceId}|{r.Member}|{r.Related}|{r.Channel}|{r.Text ?? (r.Target is null ? "" : $"{r.Target} {r.Emoji}")}|{r.OccurredAt.ToString("O", CultureInfo.InvariantCulture)}")
            .Order(StringComparer.Ordinal)];
    }

    private static async Task<List<string>> MembersAsync(TestStore store)
    {
        await using var db = store.Store.CreateDbContext();
        var rows = await (from m in db.Members join c in db.Communities on m.CommunityId equals c.Id select new { Community = c.SourceId, m.SourceId, m.DisplayName, m.IsStaff }).ToListAsync();
        return [.. rows.Select(m => $"{m.Community}|{m.SourceId}|{m.DisplayName}|{m.IsStaff}").Order(StringComparer.Ordinal)];
    }

    /// <summary>The log's indexes as the database itself would create them again.</summary>
    private static async Task<List<string>> IndexesAsync(TestStore store)
    {
        await using var connection = store.Store.OpenConnection();
        await using var cmd = connection.Command(store.Store.Provider == DatabaseProvider.Postgres
            ? "SELECT indexdef FROM pg_indexes WHERE tablename = 'activities' UNION ALL " +
              "SELECT c.conrelid::regclass || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) FROM pg_constraint c " +
              "WHERE c.conrelid = 'activities'::regclass OR c.confrelid = 'activities'::regclass ORDER BY 1"
            : "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'activities' AND sql IS NOT NULL ORDER BY name");
        await using var reader = await cmd.ExecuteReaderAsync();
        var result = new List<string>();
        while (await reader.ReadAsync())
        {
            result.Add(reader.GetString(0));
        }
        return result;
    }

    public void Dispose() => _files.Dispose();
}
