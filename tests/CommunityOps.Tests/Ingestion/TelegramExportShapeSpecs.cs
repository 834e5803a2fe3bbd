using System.Text;
using CommunityOps.Ingestion;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;
using static CommunityOps.Tests.Ingestion.TelegramFixtures;

namespace CommunityOps.Tests.Ingestion;

/// <summary>The two roots of result.json, format detection, and what bad input is told.</summary>
public sealed class TelegramExportShapeSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    private static string ChatObject(long id, string type, string name, string messages) => $$"""
          {
           "name": "{{name}}",
           "type": "{{type}}",
           "id": {{id}},
           "messages": [
        {{messages}}
           ]
          }
        """;

    private static string FullExport() => $$"""
        {
         "about": "Here is the data you requested.",
         "personal_information": {"user_id": 1, "first_name": "Ann", "last_name": "", "phone_number": "+1 555", "bio": ""},
         "contacts": {"about": "contacts", "list": [{"user_id": 2, "first_name": "Bo", "last_name": "", "phone_number": "+1 556", "date": "2020-01-01T00:00:00", "date_unixtime": "1577836800"}]},
         "chats": {
          "about": "This page lists all chats from this export.",
          "list": [
        {{ChatObject(2, "personal_chat", "Bo", Message(1, "Bo", "user2", T0))}},
        {{ChatObject(40, "private_supergroup", "Club", Message(1, "Bo", "user2", T0) + ",\n" + Message(2, "Ann", "user1", T0 + 1))}},
        {{ChatObject(41, "public_channel", "News", Message(7, "News", "channel41", T0 + 2))}},
        {{ChatObject(93, "bot_chat", "Helper", Message(1, "Helper", "user93", T0 + 3))}}
          ]
         },
         "left_chats": {
          "about": "This page lists all supergroups and channels from this export that you left.",
          "list": [
        {{ChatObject(50, "public_supergroup", "Old club", Message(3, "Ann", "user1", T0 + 4))}}
          ]
         }
        }
        """;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_full_account_export_imports_each_group_and_channel_and_skips_personal_and_bot_chats(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var path = _files.Write("export/result.json", FullExport());

        var summary = new ImportService(store.Store).Import([_files.Path("export")], new ImportOptions());

        (summary.Format, summary.Communities, summary.Messages).ShouldBe(("telegram", 3, 4L));
        summary.Warnings.ShouldBe([
            $"{path}: skipped personal_chat chats: only groups, supergroups and channels are communities",
            $"{path}: skipped bot_chat chats: only groups, supergroups and channels are communities",
        ], ignoreOrder: true);
        await using var db = store.Store.CreateDbContext();
        var communities = await db.Communities.OrderBy(c => c.SourceId).Select(c => c.SourceId + "=" + c.Name).ToListAsync();
        communities.ShouldBe(["40=Club", "41=News", "50=Old club"]);
    }

    [Fact]
    public void Both_roots_are_detected_from_content_whatever_the_file_is_called()
    {
        var importer = new CommunityOps.Ingestion.Telegram.TelegramJsonImporter();
        var single = System.Text.Encoding.UTF8.GetBytes(Chat(Message(1, "Ann", "user1", T0)));
        var full = System.Text.Encoding.UTF8.GetBytes(FullExport());
        var jsonl = "{\"type\":\"message\",\"community\":\"c1\",\"id\":\"1\",\"member\":\"u\",\"time\":\"2026-01-05T20:31:00Z\"}\n"u8.ToArray();
        var discord = "{\n  \"guild\": {\"id\": \"1\", \"name\": \"G\"},\n  \"channel\": {\"id\": \"2\"},\n  \"messages\": []\n}"u8.ToArray();

        Accepts(importer, single).ShouldBeTrue();
        Accepts(importer, full).ShouldBeTrue();
        Accepts(importer, jsonl).ShouldBeFalse();
        Accepts(importer, discord).ShouldBeFalse();
    }

    private static bool Accepts(ChatImporter importer, byte[] content)
    {
        var entry = new ImportEntry("x.json", "x.json", content.Length, () => new MemoryStream(content));
        return importer.Accepts(null!, entry, content);
    }

    [Fact]
    public async Task A_truncated_export_names_the_file_and_the_line_where_it_stops_and_stores_nothing()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var whole = Chat(string.Join(",\n", Message(1, "Ann", "user1", T0), Message(2, "Ann", "user1", T0 + 1)));
        var cut = whole[..whole.IndexOf("\"id\": 2", StringComparison.Ordinal)];
        var path = _files.Write("result.json", cut);

        var error = Should.Throw<ImportException>(() => new ImportService(store.Store).Import([path], new ImportOptions()));

        var lines = cut.Split('\n').Length;
        error.Message.ShouldBe($"{path}:{lines}: invalid JSON (the file ends inside an object or array (truncated?))");
        (await store.TotalsAsync()).ShouldBe((0, 0, 0));
    }

    [Fact]
    public async Task An_unparseable_date_names_the_field_and_the_message_line()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var bad = Message(2, "Ann", "user1", T0 + 1).Replace("\"date_unixtime\": \"1700000001\",\n", "", StringComparison.Ordinal)
            .Replace("2023-11-14T22:13:21", "14/11/2023 22:13", StringComparison.Ordinal);
        var content = Chat(string.Join(",\n", Message(1, "Ann", "user1", T0), bad));
        var path = _files.Write("result.json", content);

        var error = Should.Throw<ImportException>(() => new ImportService(store.Store).Import([path], new ImportOptions()));

        var line = content[..content.IndexOf("\"id\": 2", StringComparison.Ordinal)].Split('\n').Length - 1;
        error.Message.ShouldBe($"{path}:{line}: field 'date': '14/11/2023 22:13' is not a Telegram date (2022-06-05T15:42:59)");
        (await store.TotalsAsync()).ShouldBe((0, 0, 0));
    }

    [Theory]
    [InlineData("discord.json", "{\n  \"guild\": {\"id\": \"1\", \"name\": \"G\"},\n  \"channel\": {\"id\": \"2\"},\n  \"messages\": [{\"id\": \"3\"}]\n}", "discord.json:4: field 'id': a Telegram chat's id must come before its messages")]
    [InlineData("feed.jsonl", "{\"type\":\"join\",\"community\":\"c1\"}\n{\"type\":\"join\",\"community\":\"c1\"}\n", "feed.jsonl: not a Telegram Desktop export: the root has neither 'messages' nor 'chats'")]
    [InlineData("notes.txt", "hello, this is text", "notes.txt:1: invalid JSON (")]
    public async Task A_file_forced_as_Telegram_that_is_not_one_is_refused_with_its_location(string name, string content, string expected)
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var path = _files.Write(name, content);

        var error = Should.Throw<ImportException>(() => new ImportService(store.Store).Import([path], new ImportOptions { Format = ImportFormat.Telegram }));

        error.Message.ShouldStartWith(_files.Path(expected));
    }

    [Fact]
    public async Task Binary_garbage_is_not_mistaken_for_an_export()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);
        garbage[0] = (byte)'{';
        var path = _files.Write("result.json", garbage);
        var service = new ImportService(store.Store);

        Should.Throw<ImportException>(() => service.Import([path], new ImportOptions())).Message.ShouldStartWith($"{path}: not a recognized chat export");
        Should.Throw<ImportException>(() => service.Import([path], new ImportOptions { Format = ImportFormat.Telegram })).Message.ShouldStartWith($"{path}:1: invalid JSON");
    }

    [Theory]
    [InlineData("text", "\"text\": \"bad \u00ff here\"")]
    [InlineData("text part", "\"text\": [\"bad \u00ff here\", {\"type\": \"bold\", \"text\": \"b\"}]")]
    [InlineData("sender", "\"from\": \"Ann \u00ff\", \"text\": \"hi\"")]
    [InlineData("escaped text", "\"text\": \"bad \\ud800 half a surrogate pair\"")]
    public async Task A_string_that_is_not_UTF_8_is_bad_input_naming_its_message_line_and_nothing_is_stored(string where, string field)
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var good = TelegramFixtures.Message(1, "Ann", "user1", TelegramFixtures.T0);
        var bad = $"  {{\"id\": 2, \"type\": \"message\", \"date_unixtime\": \"{TelegramFixtures.T0}\", \"from_id\": \"user1\",\n   {field}}}";
        // \u00ff stands for the byte 0xFF, which never occurs in UTF-8.
        var bytes = Encoding.UTF8.GetBytes(TelegramFixtures.Chat(good + ",\n" + bad)).ToList();
        for (var i = bytes.IndexOf(0xC3); i >= 0 && bytes[i + 1] == 0xBF; i = bytes.IndexOf(0xC3))
        {
            bytes.RemoveAt(i);
            bytes[i] = 0xFF;
        }
        var path = _files.Write("result.json", [.. bytes]);
        var line = TelegramFixtures.Chat(good + ",\n").Count(c => c == '\n') - 1;

        var error = Should.Throw<ImportException>(() => new ImportService(store.Store).Import([path], new ImportOptions()), where);

        error.Message.ShouldBe($"{path}:{line}: invalid JSON (a string is not valid UTF-8)", where);
        (await store.TotalsAsync()).ShouldBe((0, 0, 0));
    }

    public void Dispose() => _files.Dispose();
}
