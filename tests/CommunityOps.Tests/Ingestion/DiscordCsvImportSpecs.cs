using System.Globalization;
using CommunityOps.Ingestion;
using CommunityOps.Messages;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Tests.Ingestion;

public sealed class DiscordCsvImportSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    /// <summary>DiscordChatExporter 2.15: semicolons, a trailing ";" on every line, CRLF, invariant-culture local dates.</summary>
    private static readonly string Semicolon215 = string.Join("\r\n",
        "AuthorID;Author;Date;Content;Attachments;Reactions;",
        "\"11\";\"Ann#1234\";\"03-Apr-18 01:48 AM\";\"Joined the server.\";\"\";\"\";",
        "\"11\";\"Ann#1234\";\"03-Apr-18 01:49 AM\";\"first line\r\nsecond; \"\"quoted\"\" line\";\"\";\"👍 (2),🎉 (1)\";",
        "\"12\";\"Bo#0001\";\"03-Apr-18 01:50 PM\";\"\";\"https://cdn.discordapp.com/attachments/1/2/cat.jpg\";\"\";",
        "\"12\";\"Bo#0001\";\"03-Apr-18 01:50 PM\";\"same\";\"\";\"\";",
        "\"12\";\"Bo#0001\";\"03-Apr-18 01:50 PM\";\"same\";\"\";\"\";",
        "\"11\";\"Ann#1234\";\"04-Apr-18 09:00 AM\";\"Pinned a message.\";\"\";\"\";",
        "");

    /// <summary>2.41 and later: commas, no trailing delimiter, ISO 8601 round-trip dates with an offset.</summary>
    private static readonly string Comma = string.Join("\n",
        "AuthorID,Author,Date,Content,Attachments,Reactions",
        "\"11\",\"ann\",\"2026-01-05T20:31:00.1230000+08:00\",\"hello, world\",\"\",\"\"",
        "\"12\",\"bo\",\"2026-01-05T20:32:00.0000000+08:00\",\"\",\"https://cdn.discordapp.com/attachments/1/2/voice-message.ogg\",\"\"",
        "");

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task I_can_import_a_2_15_semicolon_CSV_twice_without_duplicates(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var path = _files.Write("Makers - Text Channels - general [4242].csv", Semicolon215);
        var options = new ImportOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York") };
        var service = new ImportService(store.Store);

        var first = service.Import([path], options);
        var second = service.Import([path], options);

        (first.Format, first.Communities, first.Members, first.Messages, first.Joins, first.Reactions).ShouldBe(("discord-csv", 1, 2, 4L, 1L, 0L));
        first.Warnings.ShouldBe([
            $"{path}: reactions skipped (CSV exports say how many, not who) (3 times)",
            $"{path}: system notices ('Pinned a message.') skipped",
        ], ignoreOrder: true);
        (second.Messages, second.Joins, second.Duplicates).ShouldBe((0L, 0L, 5L));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_2_15_dialect_keeps_multi_line_contents_local_dates_channel_ids_and_identical_rows(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var path = _files.Write("Makers - Text Channels - general [4242].csv", Semicolon215);

        new ImportService(store.Store).Import([path], new ImportOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York") });

        await using var db = store.Store.CreateDbContext();
        var community = await db.Communities.SingleAsync();
        (community.Platform, community.SourceId, community.Name).ShouldBe(("discord", "name:Makers", "Makers"));
        var channel = await db.Channels.SingleAsync();
        (channel.SourceId, channel.Name).ShouldBe(("4242", "general"));
        (await db.Members.OrderBy(m => m.SourceId).Select(m => m.SourceId + "=" + m.DisplayName).ToListAsync()).ShouldBe(["11=Ann", "12=Bo"]);
        var rows = await db.Activities.OrderBy(a => a.OccurredAt).ThenBy(a => a.Id).ToListAsync();
        rows[0].Kind.ShouldBe(ActivityKind.Join);
        rows[0].OccurredAt.ShouldBe(DateTimeOffset.Parse("2018-04-03T01:48:00-04:00", CultureInfo.InvariantCulture));
        rows[1].Text.ShouldBe("first line\nsecond; \"quoted\" line");
        (rows[2].Text, rows[2].MediaKind).ShouldBe((null, "photo"));
        rows[2].OccurredAt.ShouldBe(DateTimeOffset.Parse("2018-04-03T13:50:00-04:00", CultureInfo.InvariantCulture));
        rows[3].Text.ShouldBe("same");
        rows[4].Text.ShouldBe("same");
        rows[3].SourceId.ShouldStartWith("4242:12:");
        rows[4].SourceId.ShouldBe(rows[3].SourceId + ":2");
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_comma_dialect_reads_offsets_and_a_file_name_without_an_id(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var path = _files.Write("export.csv", Comma);

        var summary = new ImportService(store.Store).Import([path], new ImportOptions());

        (summary.Format, summary.Messages).ShouldBe(("discord-csv", 2L));
        await using var db = store.Store.CreateDbContext();
        (await db.Channels.SingleAsync()).SourceId.ShouldBe("name:export");
        var rows = await db.Activities.OrderBy(a => a.OccurredAt).ToListAsync();
        (rows[0].Text, rows[0].OccurredAt).ShouldBe(("hello, world", DateTimeOffset.Parse("2026-01-05T12:31:00.123Z", CultureInfo.InvariantCulture)));
        rows[1].MediaKind.ShouldBe("voice");
    }

    [Theory]
    [InlineData("\"11\";\"Ann\";\"32-Apr-18 01:48 AM\";\"x\";\"\";\"\";", "field 'Date': '32-Apr-18 01:48 AM' is not a date DiscordChatExporter writes")]
    [InlineData("\"11\";\"Ann\";\"03-Apr-18 01:48 AM\";\"never closed;\"\";\"\";", "a quoted field is never closed (truncated file?)")]
    [InlineData("\"11\";\"Ann\";\"03-Apr-18 01:48 AM\"", "expected 6 fields (AuthorID, Author, Date, Content, Attachments, Reactions), found 3")]
    public async Task A_bad_row_names_the_file_and_the_line_it_starts_on(string row, string expected)
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var lines = Semicolon215.Split("\r\n");
        // Lines 3 and 4 are one row with a two-line content, so the bad row is line 5 of the file.
        var path = _files.Write("general [1].csv", string.Join("\r\n", lines[0], lines[1], lines[2], lines[3], row, ""));

        var error = Should.Throw<ImportException>(() => new ImportService(store.Store).Import([path], new ImportOptions()));

        error.Message.ShouldStartWith($"{path}:5: {expected}");
        (await store.TotalsAsync()).ShouldBe((0, 0, 0));
    }

    [Fact]
    public void Both_headers_are_detected_and_other_CSV_is_not()
    {
        var importer = new CommunityOps.Ingestion.Discord.DiscordCsvImporter();
        bool Accepts(string text)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            return importer.Accepts(null!, new ImportEntry("x.csv", "x.csv", bytes.Length, () => new MemoryStream(bytes)), bytes);
        }

        Accepts(Semicolon215).ShouldBeTrue();
        Accepts("\uFEFF" + Comma).ShouldBeTrue();
        Accepts(",split,topic,label,TEXT\n0,train,race,1,text\n").ShouldBeFalse();
    }

    public void Dispose() => _files.Dispose();
}
