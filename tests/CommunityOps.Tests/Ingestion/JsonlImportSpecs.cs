using CommunityOps.Ingestion;
using CommunityOps.Messages;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Tests.Ingestion;

public sealed class JsonlImportSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    private const string History = """
        {"type":"join","community":"c1","community_name":"Coffee Club","member":"u2","member_name":"Bo","time":"2026-01-05T09:00:00+08:00","inviter":"u1"}
        {"type":"message","community":"c1","channel":"ch1","id":"m1","member":"u1","member_name":"Ann","is_staff":true,"time":"2026-01-05T20:31:00+08:00","text":"欢迎 <b>大家</b>"}
        {"type":"message","community":"c1","channel":"ch1","id":"m2","member":"u2","time":"2026-01-05T20:32:00+08:00","text":"hi","reply_to":"m1","unknown_field":{"x":[1,2]}}
        {"type":"reaction","community":"c1","member":"u2","message":"m1","emoji":"👍","time":"2026-01-05T20:33:00+08:00"}
        {"type":"leave","community":"c1","member":"u2","time":"2026-01-06T10:00:00Z"}
        """;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task I_can_import_a_JSONL_history_twice_without_duplicates(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var path = _files.Write("feed.jsonl", History);
        var service = new ImportService(store.Store);

        var first = service.Import([path], new ImportOptions());
        var second = service.Import([path], new ImportOptions());

        first.Format.ShouldBe("jsonl");
        (first.Communities, first.Members, first.Messages, first.Joins, first.Leaves, first.Reactions, first.Duplicates).ShouldBe((1, 2, 2L, 1L, 1L, 1L, 0L));
        (second.Communities, second.Members, second.Messages, second.Duplicates).ShouldBe((0, 0, 0L, 5L));
        (await store.TotalsAsync()).ShouldBe((1, 2, 5));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Overlapping_exports_store_each_event_once(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var lines = History.Split('\n');
        var a = _files.Write("a.jsonl", string.Join('\n', lines[..3]));
        var b = _files.Write("b.jsonl", string.Join('\n', lines[1..]));

        var summary = new ImportService(store.Store).Import([a, b], new ImportOptions());

        summary.Duplicates.ShouldBe(2);
        (await store.CountAsync(ActivityKind.Message)).ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Stored_events_keep_their_instant_staff_flag_reply_and_inviter(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        new ImportService(store.Store).Import([_files.Write("feed.jsonl", History)], new ImportOptions { Workspace = "acme" });

        await using var db = store.Store.CreateDbContext();
        var ann = await db.Members.SingleAsync(m => m.SourceId == "u1");
        ann.IsStaff.ShouldBeTrue();
        ann.DisplayName.ShouldBe("Ann");
        var reply = await db.Activities.SingleAsync(a => a.SourceId == "m2");
        reply.ReplyTo.ShouldBe("m1");
        reply.OccurredAt.ShouldBe(DateTimeOffset.Parse("2026-01-05T12:32:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var join = await db.Activities.SingleAsync(a => a.Kind == ActivityKind.Join);
        join.RelatedMemberId.ShouldBe(ann.Id);
        (await db.Workspaces.SingleAsync()).Name.ShouldBe("acme");
        (await db.Communities.SingleAsync()).Name.ShouldBe("Coffee Club");
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_bad_line_names_file_line_and_field_and_leaves_the_store_as_it_was(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var good = _files.Write("good.jsonl", History);
        var bad = _files.Write("bad.jsonl", History.Replace("2026-01-06T10:00:00Z", "yesterday", StringComparison.Ordinal));
        var service = new ImportService(store.Store);

        var error = Should.Throw<ImportException>(() => service.Import([good, bad], new ImportOptions()));

        error.Message.ShouldBe($"{bad}:5: field 'time': 'yesterday' is not an RFC 3339 time with an offset (2026-01-05T20:31:00+08:00)");
        (await store.TotalsAsync()).ShouldBe((0, 0, 0));
    }

    [Theory]
    [InlineData("{\"type\":\"message\",\"community\":\"c1\",\"member\":\"u1\",\"id\":\"m1\",\"time\":\"2026-01-05T20:31:00+08:00\"", "bad.jsonl:1: invalid JSON")]
    [InlineData("{\"type\":\"message\",\"community\":\"c1\",\"member\":\"u1\",\"time\":\"2026-01-05T20:31:00+08:00\"}", "bad.jsonl:1: field 'id': required on a message")]
    [InlineData("{\"type\":\"join\",\"community\":\"c1\",\"member\":\"u1\",\"time\":\"2026-01-05T20:31:00\"}", "bad.jsonl:1: field 'time'")]
    [InlineData("{\"type\":\"join\",\"member\":\"u1\",\"time\":\"2026-01-05T20:31:00Z\"}", "bad.jsonl:1: field 'community': required")]
    public async Task Malformed_lines_are_reported_with_their_location(string line, string expected)
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var path = _files.Write("bad.jsonl", line + "\n");

        var error = Should.Throw<ImportException>(() => new ImportService(store.Store).Import([path], new ImportOptions { Format = ImportFormat.Jsonl }));

        error.Message.ShouldStartWith(_files.Path(expected));
    }

    [Fact]
    public async Task An_unknown_type_is_a_counted_warning_not_an_error()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var path = _files.Write("feed.jsonl", History + "\n{\"type\":\"poll\",\"community\":\"c1\",\"member\":\"u1\",\"time\":\"2026-01-05T20:31:00Z\"}\n{\"type\":\"poll\",\"community\":\"c1\"}");

        var summary = new ImportService(store.Store).Import([path], new ImportOptions());

        summary.Messages.ShouldBe(2);
        summary.Warnings.ShouldBe([$"{path}: unknown type 'poll' skipped (2 times)"]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Values_and_names_spelled_with_JSON_escapes_read_as_what_they_stand_for(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        // What a JSON writer that escapes everything outside ASCII letters (or a careful one) produces.
        var path = _files.Write("feed.jsonl", """
            {"\u0074ype":"message","community":"c1","id":"m1","member":"u\u0031","time":"2026-01-05T20:31:00\u002B08:00","text":"caf\u00e9"}
            {"type":"join","community":"c1","member":"u2","\u0074ime":"2026\u002D01\u002D05T09:00:00\u005A"}
            """);

        var summary = new ImportService(store.Store).Import([path], new ImportOptions());

        (summary.Messages, summary.Joins).ShouldBe((1L, 1L));
        await using var db = store.Store.CreateDbContext();
        var message = await db.Activities.SingleAsync(a => a.Kind == ActivityKind.Message);
        message.OccurredAt.ShouldBe(DateTimeOffset.Parse("2026-01-05T12:31:00Z", System.Globalization.CultureInfo.InvariantCulture));
        message.Text.ShouldBe("café");
        (await db.Members.SingleAsync(m => m.Id == message.MemberId)).SourceId.ShouldBe("u1");
        var join = await db.Activities.SingleAsync(a => a.Kind == ActivityKind.Join);
        join.OccurredAt.ShouldBe(DateTimeOffset.Parse("2026-01-05T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task An_escaped_time_without_an_offset_is_still_refused()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var path = _files.Write("bad.jsonl", "{\"type\":\"join\",\"community\":\"c1\",\"member\":\"u1\",\"time\":\"2026-01-05T20:31:00\\u0020\"}\n");

        var error = Should.Throw<ImportException>(() => new ImportService(store.Store).Import([path], new ImportOptions()));

        error.Message.ShouldBe($"{path}:1: field 'time': '2026-01-05T20:31:00 ' is not an RFC 3339 time with an offset (2026-01-05T20:31:00+08:00)");
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_member_repeated_line_after_line_keeps_the_latest_name_and_every_flag_that_turned_on(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        // Repeats of the same community and member are resolved without the sink; every change must still reach it.
        var events = new List<string>();
        var n = 0;
        void Line(string fields) => events.Add($$"""{"type":"message","id":"m{{++n}}","time":"2026-01-05T20:31:00+08:00",{{fields}}}""");
        for (var i = 0; i < 3; i++)
        {
            Line("\"community\":\"c1\",\"member\":\"u1\",\"member_name\":\"Ann\"");
            Line("\"community\":\"c1\",\"member\":\"u2\",\"member_name\":\"Bo\"");
        }
        Line("\"community\":\"c1\",\"member\":\"\\u0075\\u0031\",\"member_name\":\"Ann\"");
        Line("\"community\":\"\\u0063\\u0031\",\"member\":\"u1\",\"member_name\":\"\\u0041nn\"");
        Line("\"community\":\"c1\",\"member\":\"u1\",\"member_name\":\"Annie\"");
        Line("\"community\":\"c1\",\"member\":\"u1\"");
        Line("\"community\":\"c1\",\"member\":\"u1\",\"member_name\":null");
        Line("\"community\":\"c1\",\"member\":\"u1\",\"member_name\":\"Ann\"");
        Line("\"community\":\"c1\",\"member\":\"u3\",\"member_name\":\"Cy\"");
        Line("\"community\":\"c1\",\"member\":\"u3\",\"member_name\":\"Cy\"");
        Line("\"community\":\"c1\",\"member\":\"u3\",\"member_name\":\"Cyrus\"");
        Line("\"community\":\"c1\",\"member\":\"u3\"");
        Line("\"community\":\"c1\",\"member\":\"u2\",\"member_name\":\"Bo\",\"is_staff\":true");
        Line("\"community\":\"c1\",\"member\":\"u2\",\"member_name\":\"Bo\",\"is_staff\":false");
        Line("\"community\":\"c1\",\"member\":\"u2\",\"member_name\":\"Bo\",\"is_bot\":true");
        Line("\"community\":\"c1\",\"member\":\"u2\",\"member_name\":\"Bo\"");
        Line("\"community\":\"c1\",\"member\":7,\"member_name\":\"Seven\"");
        Line("\"community\":\"c1\",\"member\":\"7\",\"member_name\":\"Seven\"");
        Line("\"community\":\"c2\",\"member\":\"u1\",\"member_name\":\"Other Ann\"");
        Line("\"community\":\"c1\",\"platform\":\"telegram\",\"member\":\"u1\",\"member_name\":\"Telegram Ann\"");
        Line("\"community\":\"c1\",\"member\":\"u1\"");
        Line("\"community\":\"c2\",\"member\":\"u1\"");
        var path = _files.Write("feed.jsonl", string.Join('\n', events));

        var summary = new ImportService(store.Store).Import([path], new ImportOptions());

        (summary.Communities, summary.Members, summary.Messages).ShouldBe((3, 6, (long)n));
        await using var db = store.Store.CreateDbContext();
        var members = await db.Members
            .Join(db.Communities, m => m.CommunityId, c => c.Id, (m, c) => new { Community = c.Platform + "/" + c.SourceId, m.SourceId, m.DisplayName, m.IsStaff, m.IsBot, m.Id })
            .ToListAsync();
        members.Select(m => $"{m.Community} {m.SourceId}={m.DisplayName} staff:{m.IsStaff} bot:{m.IsBot}").Order().ShouldBe(
        [
            "other/c1 7=Seven staff:False bot:False",
            "other/c1 u1=Ann staff:False bot:False",
            "other/c1 u2=Bo staff:True bot:True",
            "other/c1 u3=Cyrus staff:False bot:False",
            "other/c2 u1=Other Ann staff:False bot:False",
            "telegram/c1 u1=Telegram Ann staff:False bot:False",
        ]);
        var byMember = await db.Activities.GroupBy(a => a.MemberId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        byMember[members.Single(m => m.Community == "other/c1" && m.SourceId == "u1").Id].ShouldBe(3 + 6 + 1);
        byMember[members.Single(m => m.Community == "other/c1" && m.SourceId == "u2").Id].ShouldBe(3 + 4);
        byMember[members.Single(m => m.SourceId == "7").Id].ShouldBe(2);
        byMember[members.Single(m => m.Community == "other/c2").Id].ShouldBe(2);
    }

    public void Dispose() => _files.Dispose();
}
