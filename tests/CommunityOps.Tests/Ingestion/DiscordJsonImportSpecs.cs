using System.Globalization;
using CommunityOps.Ingestion;
using CommunityOps.Messages;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Tests.Ingestion;

public sealed class DiscordJsonImportSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    /// <summary>A thread exported by a recent DiscordChatExporter (2.40+): reference, stickers, reaction users, exportedAt.</summary>
    private const string Thread = """
        {
          "guild": {
            "id": "100",
            "name": "Makers",
            "iconUrl": "https://cdn.discordapp.com/icons/100/a.png"
          },
          "channel": {
            "id": "300",
            "type": "GuildPublicThread",
            "categoryId": "200",
            "category": "general",
            "name": "Bug hunt",
            "topic": null
          },
          "dateRange": {
            "after": null,
            "before": null
          },
          "exportedAt": "2026-01-06T09:00:00.000+00:00",
          "messages": [
            {
              "id": "1001",
              "type": "GuildMemberJoin",
              "timestamp": "2026-01-05T20:30:00.123+08:00",
              "timestampEdited": null,
              "callEndedTimestamp": null,
              "isPinned": false,
              "content": "Joined the server.",
              "author": {"id": "11", "name": "ann", "discriminator": "0000", "nickname": "Ann", "color": null, "isBot": false, "roles": [], "avatarUrl": "https://cdn.discordapp.com/embed/avatars/0.png"},
              "attachments": [],
              "embeds": [],
              "stickers": [],
              "reactions": [],
              "mentions": [],
              "inlineEmojis": []
            },
            {
              "id": "1002",
              "type": "Default",
              "timestamp": "2026-01-05T20:31:00.5+08:00",
              "timestampEdited": "2026-01-05T20:35:00+08:00",
              "callEndedTimestamp": null,
              "isPinned": false,
              "content": "found it, @Bo",
              "author": {"id": "11", "name": "ann", "discriminator": "0000", "nickname": "Ann", "color": null, "isBot": false, "roles": [], "avatarUrl": "a.png"},
              "attachments": [{"id": "9", "url": "https://cdn.discordapp.com/attachments/300/9/trace.png", "fileName": "trace.png", "fileSizeBytes": 1000}],
              "embeds": [],
              "stickers": [],
              "reactions": [
                {"emoji": {"id": "", "name": "👍", "code": "thumbsup", "isAnimated": false, "imageUrl": "t.svg"}, "count": 2, "users": [
                  {"id": "12", "name": "bo", "discriminator": "0000", "nickname": "Bo", "isBot": false, "avatarUrl": "b.png"},
                  {"id": "13", "name": "helper", "discriminator": "4821", "nickname": null, "isBot": true, "avatarUrl": "h.png"}]},
                {"emoji": {"id": "555", "name": "pepe", "code": "pepe", "isAnimated": false, "imageUrl": "p.png"}, "count": 1, "users": [
                  {"id": "12", "name": "bo", "discriminator": "0000", "nickname": "Bo", "isBot": false, "avatarUrl": "b.png"}]}
              ],
              "mentions": [{"id": "12", "name": "bo", "discriminator": "0000", "nickname": "Bo", "color": null, "isBot": false, "roles": [], "avatarUrl": "b.png"}],
              "inlineEmojis": []
            },
            {
              "id": "1003",
              "type": "Reply",
              "timestamp": "2026-01-05T20:32:00+08:00",
              "timestampEdited": null,
              "callEndedTimestamp": null,
              "isPinned": false,
              "content": "nice",
              "author": {"id": "12", "name": "bo", "discriminator": "0000", "nickname": "Bo", "color": null, "isBot": false, "roles": [], "avatarUrl": "b.png"},
              "attachments": [],
              "embeds": [],
              "stickers": [{"id": "7", "name": "wave", "format": "Png", "sourceUrl": "w.png"}],
              "reactions": [],
              "mentions": [],
              "reference": {"type": "Default", "messageId": "1002", "channelId": "300", "guildId": "100"},
              "inlineEmojis": []
            },
            {
              "id": "1004",
              "type": "Default",
              "timestamp": "2026-01-05T20:33:00+08:00",
              "timestampEdited": null,
              "callEndedTimestamp": null,
              "isPinned": false,
              "content": "",
              "author": {"id": "12", "name": "bo", "discriminator": "0000", "nickname": "Bo", "color": null, "isBot": false, "roles": [], "avatarUrl": "b.png"},
              "attachments": [],
              "embeds": [],
              "stickers": [],
              "reactions": [],
              "mentions": [],
              "reference": {"type": "Forward", "messageId": "77", "channelId": "1", "guildId": "100"},
              "forwardedMessage": {"timestamp": "2026-01-01T00:00:00+00:00", "timestampEdited": null, "content": "elsewhere", "attachments": [], "embeds": [], "stickers": []},
              "inlineEmojis": []
            },
            {
              "id": "1005",
              "type": "24",
              "timestamp": "2026-01-05T20:34:00+08:00",
              "timestampEdited": null,
              "callEndedTimestamp": null,
              "isPinned": false,
              "content": "",
              "author": {"id": "13", "name": "AutoMod", "discriminator": "0000", "nickname": "AutoMod", "color": null, "isBot": true, "roles": [], "avatarUrl": "m.png"},
              "attachments": [],
              "embeds": [],
              "stickers": [],
              "reactions": [],
              "mentions": [],
              "inlineEmojis": []
            }
          ],
          "messageCount": 5
        }
        """;

    /// <summary>A 2019-era file: no exportedAt, reference, stickers, mentions or reaction users; ids of a DM guild.</summary>
    private const string OldDirectMessages = """
        {
          "guild": {
            "id": "0",
            "name": "Direct Messages",
            "iconUrl": "https://cdn.discordapp.com/embed/avatars/0.png"
          },
          "channel": {
            "id": "400",
            "type": "DirectTextChat",
            "category": "Private",
            "name": "bo",
            "topic": null
          },
          "dateRange": {
            "after": null,
            "before": null
          },
          "messages": [
            {
              "id": "2001",
              "type": "Default",
              "timestamp": "2019-09-01T10:00:00.35+03:00",
              "timestampEdited": null,
              "isPinned": false,
              "content": "hey",
              "author": {"id": "11", "name": "ann", "discriminator": "1234", "isBot": false, "avatarUrl": "a.png"},
              "attachments": [],
              "embeds": [],
              "reactions": [{"emoji": {"id": null, "name": "🎉", "isAnimated": false, "imageUrl": "t.svg"}, "count": 3}]
            }
          ],
          "messageCount": 1
        }
        """;

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task I_can_import_a_DiscordChatExporter_thread_twice_without_duplicates(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var path = _files.Write("Makers - general - Bug hunt [300].json", Thread);
        var service = new ImportService(store.Store);

        var first = service.Import([path], new ImportOptions());
        var second = service.Import([path], new ImportOptions());

        (first.Format, first.Communities, first.Members, first.Messages, first.Joins, first.Reactions).ShouldBe(("discord", 1, 3, 3L, 1L, 3L));
        first.Warnings.ShouldBe([$"{path}: Discord '24' messages skipped (system notices, not member activity)"]);
        (second.Members, second.Messages, second.Duplicates).ShouldBe((0, 0L, 7L));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Threads_replies_joins_reactions_and_members_are_mapped_as_the_exporter_wrote_them(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        new ImportService(store.Store).Import([_files.Write("thread.json", Thread)], new ImportOptions());

        await using var db = store.Store.CreateDbContext();
        var community = await db.Communities.SingleAsync();
        (community.Platform, community.SourceId, community.Name).ShouldBe(("discord", "100", "Makers"));
        var channel = await db.Channels.SingleAsync();
        (channel.SourceId, channel.Name).ShouldBe(("300", "general / Bug hunt"));
        var members = await db.Members.OrderBy(m => m.SourceId).Select(m => $"{m.SourceId}={m.DisplayName} bot={m.IsBot}").ToListAsync();
        members.ShouldBe(["11=Ann bot=False", "12=Bo bot=False", "13=helper bot=True"]);
        var rows = (await db.Activities.ToListAsync()).OrderBy(a => a.SourceId, StringComparer.Ordinal).ToList();
        rows.ShouldAllBe(a => a.ChannelId == channel.Id);
        rows.Select(a => $"{a.Kind} {a.SourceId}").ShouldBe([
            "Join 1001", "Message 1002", "Reaction 1002:555:12", "Reaction 1002:👍:12", "Reaction 1002:👍:13", "Message 1003", "Message 1004"]);
        var found = rows[1];
        (found.Text, found.MediaKind, found.IsEdited, found.Mentions).ShouldBe(("found it, @Bo", "photo", true, 1));
        found.OccurredAt.ShouldBe(DateTimeOffset.Parse("2026-01-05T12:31:00.5Z", CultureInfo.InvariantCulture));
        (rows[5].ReplyTo, rows[5].MediaKind).ShouldBe(("1002", "sticker"));
        rows[6].ReplyTo.ShouldBeNull();
        rows[2].Emoji.ShouldBe(":pepe:");
        rows.Where(a => a.Kind == ActivityKind.Reaction).ShouldAllBe(a => a.Target == "1002" && a.OccurredAt == found.OccurredAt);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Old_exports_without_references_stickers_or_reaction_users_still_import(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var path = _files.Write("Direct Messages - Private - bo [400].json", OldDirectMessages);

        var summary = new ImportService(store.Store).Import([path], new ImportOptions());

        (summary.Messages, summary.Reactions).ShouldBe((1L, 0L));
        summary.Warnings.ShouldBe([$"{path}: reactions without the reacting member skipped (exports before DiscordChatExporter 2.40.4 list no users) (3 times)"]);
        await using var db = store.Store.CreateDbContext();
        (await db.Communities.SingleAsync()).SourceId.ShouldBe("0");
        (await db.Members.SingleAsync()).DisplayName.ShouldBe("ann");
        (await db.Activities.SingleAsync()).OccurredAt.ShouldBe(DateTimeOffset.Parse("2019-09-01T07:00:00.35Z", CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_bad_timestamp_names_the_field_and_the_line_of_its_message()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var content = Thread.Replace("2026-01-05T20:32:00+08:00", "5 Jan 2026", StringComparison.Ordinal);
        var path = _files.Write("thread.json", content);

        var error = Should.Throw<ImportException>(() => new ImportService(store.Store).Import([path], new ImportOptions()));

        var line = content[..content.IndexOf("\"id\": \"1003\"", StringComparison.Ordinal)].Split('\n').Length - 1;
        error.Message.ShouldBe($"{path}:{line}: field 'timestamp': '5 Jan 2026' is not an ISO 8601 time (2023-01-06T14:12:01.593+00:00)");
        (await store.TotalsAsync()).ShouldBe((0, 0, 0));
    }

    [Fact]
    public async Task A_truncated_export_and_a_Telegram_file_forced_as_Discord_are_refused_with_their_location()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var cut = _files.Write("cut.json", Thread[..Thread.IndexOf("\"id\": \"1003\"", StringComparison.Ordinal)]);
        var telegram = SharedData.Path("exports", "telegram-small", "result.json");
        var service = new ImportService(store.Store);

        Should.Throw<ImportException>(() => service.Import([cut], new ImportOptions())).Message
            .ShouldBe($"{cut}:{Thread[..Thread.IndexOf("\"id\": \"1003\"", StringComparison.Ordinal)].Split('\n').Length}: invalid JSON (the file ends inside an object or array (truncated?))");
        Should.Throw<ImportException>(() => service.Import([telegram], new ImportOptions { Format = ImportFormat.Discord })).Message
            .ShouldBe($"{telegram}:5: field 'messages': the guild and channel must come before the messages");
    }

    public void Dispose() => _files.Dispose();
}
