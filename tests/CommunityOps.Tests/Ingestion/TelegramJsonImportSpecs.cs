using CommunityOps.Ingestion;
using CommunityOps.Messages;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;
using static CommunityOps.Tests.Ingestion.TelegramFixtures;

namespace CommunityOps.Tests.Ingestion;

public sealed class TelegramJsonImportSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task I_can_import_a_Telegram_export_twice_without_duplicates(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var path = SharedData.Path("exports", "telegram-small", "result.json");
        var service = new ImportService(store.Store);

        var first = service.Import([path], new ImportOptions());
        var second = service.Import([path], new ImportOptions());

        first.Format.ShouldBe("telegram");
        (first.Communities, first.Members, first.Messages, first.Joins, first.Leaves, first.Duplicates).ShouldBe((1, 4, 8L, 4L, 1L, 0L));
        (second.Communities, second.Members, second.Messages, second.Joins, second.Leaves, second.Duplicates).ShouldBe((0, 0, 0L, 0L, 0L, 13L));
        (await store.TotalsAsync()).ShouldBe((1, 4, 13));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_real_export_keeps_senders_media_service_members_and_local_times(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var path = SharedData.Path("exports", "telegram-small", "result.json");

        new ImportService(store.Store).Import([path], new ImportOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow") });

        await using var db = store.Store.CreateDbContext();
        var community = await db.Communities.SingleAsync();
        (community.Platform, community.SourceId, community.Name).ShouldBe(("telegram", "123456789", "Test 2022"));
        var members = await db.Members.OrderBy(m => m.SourceId).Select(m => m.SourceId + "=" + m.DisplayName).ToListAsync();
        members.ShouldBe(["name:RoboTeam Digital=RoboTeam Digital", "name:User 2=User 2", "user123456789=Александр Март", "user460693903=Get My ID"]);
        var first = await db.Activities.SingleAsync(a => a.SourceId == "426597");
        first.OccurredAt.ShouldBe(DateTimeOffset.Parse("2022-03-16T19:24:40+03:00", System.Globalization.CultureInfo.InvariantCulture));
        first.Text.ShouldBe("Your user ID: 123456789\nCurrent chat ID: -123456789");
        var media = await db.Activities.Where(a => a.Kind == ActivityKind.Message).OrderBy(a => a.SourceId).Select(a => a.MediaKind).ToListAsync();
        media.ShouldBe([null, "photo", null, null, "voice", "animation", "sticker", "file"]);
        // "Get My ID" was invited by name, then wrote with an id: the join is that member's.
        var getMyId = await db.Members.SingleAsync(m => m.SourceId == "user460693903");
        var author = await db.Members.SingleAsync(m => m.SourceId == "user123456789");
        var invite = await db.Activities.SingleAsync(a => a.SourceId == "426596:Get My ID");
        (invite.Kind, invite.MemberId, invite.RelatedMemberId).ShouldBe((ActivityKind.Join, getMyId.Id, author.Id));
        var removal = await db.Activities.SingleAsync(a => a.Kind == ActivityKind.Leave);
        (removal.SourceId, removal.MemberId, removal.RelatedMemberId).ShouldBe(("428644:Get My ID", getMyId.Id, author.Id));
        // The creator listed among the new group's members joined on their own.
        var creator = await db.Activities.SingleAsync(a => a.SourceId == "426593:Александр Март");
        (creator.MemberId, creator.RelatedMemberId).ShouldBe((author.Id, (long?)null));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Times_come_from_date_unixtime_and_otherwise_from_date_in_the_given_zone(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var messages = $$"""
              {
               "id": 1,
               "type": "message",
               "date": "2022-06-05T22:42:59",
               "date_unixtime": "1654443779",
               "from": "Ann",
               "from_id": "user1",
               "text": "new export: the unix time wins over the local clock"
              },
              {
               "id": 2,
               "type": "message",
               "date": "2022-06-05T22:42:59",
               "from": "Ann",
               "from_id": "user1",
               "text": "old export: local time of the exporting PC"
              }
            """;
        var path = _files.Write("result.json", Chat(messages));

        new ImportService(store.Store).Import([path], new ImportOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta") });

        await using var db = store.Store.CreateDbContext();
        var times = await db.Activities.OrderBy(a => a.SourceId).Select(a => a.OccurredAt).ToListAsync();
        times.ShouldAllBe(t => t == DateTimeOffset.FromUnixTimeSeconds(1654443779));
        (await db.Communities.SingleAsync()).TimeZone.ShouldBe("Asia/Jakarta");
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Numeric_and_string_from_ids_are_one_member_and_deleted_accounts_keep_their_ids(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var messages = string.Join(",\n",
            Message(1, "Ann", "user1", T0),
            Message(2, "Ann", "user1", T0 + 1).Replace("\"from_id\": \"user1\"", "\"from_id\": 1", StringComparison.Ordinal),
            Message(3, "x", "user8", T0 + 2).Replace("\"from\": \"x\"", "\"from\": null", StringComparison.Ordinal),
            Message(4, "x", "user9", T0 + 3).Replace("\"from\": \"x\"", "\"from\": null", StringComparison.Ordinal),
            Message(5, "News", "channel5", T0 + 4));
        var path = _files.Write("result.json", Chat(messages));

        var summary = new ImportService(store.Store).Import([path], new ImportOptions());

        summary.Messages.ShouldBe(5);
        await using var db = store.Store.CreateDbContext();
        var members = await db.Members.OrderBy(m => m.SourceId).Select(m => m.SourceId + "=" + m.DisplayName).ToListAsync();
        members.ShouldBe(["channel5=News", "user1=Ann", "user8=Deleted Account", "user9=Deleted Account"]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Mixed_text_arrays_are_flattened_and_mentions_counted_with_or_without_text_entities(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var messages = $$"""
              {
               "id": 1,
               "type": "message",
               "date": "2023-11-14T22:13:20",
               "date_unixtime": "{{T0}}",
               "from": "Ann",
               "from_id": "user1",
               "text": ["hey ", {"type": "mention", "text": "@bo"}, " and ", {"type": "mention_name", "text": "Cy", "user_id": 3}, {"type": "bold", "text": "!"}],
               "text_entities": [{"type": "plain", "text": "hey "}, {"type": "mention", "text": "@bo"}, {"type": "plain", "text": " and "}, {"type": "mention_name", "text": "Cy", "user_id": 3}, {"type": "bold", "text": "!"}]
              },
              {
               "id": 2,
               "type": "message",
               "date": "2023-11-14T22:13:21",
               "from": "Ann",
               "from_id": "user1",
               "text": [{"type": "mention", "text": "@bo"}, " old export without text_entities"]
              }
            """;
        var path = _files.Write("result.json", Chat(messages));

        new ImportService(store.Store).Import([path], new ImportOptions());

        await using var db = store.Store.CreateDbContext();
        var rows = await db.Activities.OrderBy(a => a.SourceId).Select(a => new { a.Text, a.Mentions }).ToListAsync();
        (rows[0].Text, rows[0].Mentions).ShouldBe(("hey @bo and Cy!", 2));
        (rows[1].Text, rows[1].Mentions).ShouldBe(("@bo old export without text_entities", 1));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Edits_replies_and_media_are_kept_but_replies_to_other_chats_and_topic_roots_are_not(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var topic = $$"""
              {
               "id": 10,
               "type": "service",
               "date": "2023-11-14T22:13:20",
               "date_unixtime": "{{T0}}",
               "actor": "Ann",
               "actor_id": "user1",
               "action": "topic_created",
               "title": "Help",
               "text": ""
              }
            """;
        var messages = string.Join(",\n",
            topic,
            Message(11, "Ann", "user1", T0 + 1, "in the topic", "\n   \"reply_to_message_id\": 10,"),
            Message(12, "Bo", "user2", T0 + 2, "a real reply", "\n   \"reply_to_message_id\": 11,\n   \"edited\": \"2023-11-14T22:20:00\",\n   \"edited_unixtime\": \"1700000400\","),
            Message(13, "Bo", "user2", T0 + 3, "elsewhere", "\n   \"reply_to_message_id\": 99,\n   \"reply_to_peer_id\": \"channel4\","),
            Message(14, "Bo", "user2", T0 + 4, "", "\n   \"photo\": \"(File not included. Change data exporting settings to download.)\",\n   \"width\": 1,\n   \"height\": 1,"),
            Message(15, "Bo", "user2", T0 + 5, "", "\n   \"file\": \"voice_messages/a.ogg\",\n   \"media_type\": \"voice_message\","),
            Message(16, "Bo", "user2", T0 + 6, "", "\n   \"poll\": {\"question\": \"?\", \"closed\": false, \"total_voters\": 0, \"answers\": []},"));
        var path = _files.Write("result.json", Chat(messages));

        new ImportService(store.Store).Import([path], new ImportOptions());

        await using var db = store.Store.CreateDbContext();
        var rows = await db.Activities.OrderBy(a => a.SourceId).Select(a => new { a.SourceId, a.ReplyTo, a.IsEdited, a.MediaKind, a.Text }).ToListAsync();
        rows.Select(r => r.ReplyTo).ShouldBe([null, "11", null, null, null, null]);
        rows.Select(r => r.IsEdited).ShouldBe([false, true, false, false, false, false]);
        rows.Select(r => r.MediaKind).ShouldBe([null, null, null, "photo", "voice", "poll"]);
        rows[3].Text.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Reactions_are_attributed_from_recent_and_the_rest_are_a_counted_warning(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        // The exporter ran at UTC+7: the message's two clocks say so, and the reaction date is read with it.
        var reactions = """
               "reactions": [
                {"type": "emoji", "count": 3, "emoji": "👍", "recent": [
                 {"from": "Bo", "from_id": "user2", "date": "2023-11-15T05:20:00"},
                 {"from": null, "from_id": "user9", "date": "2023-11-15T05:21:00"}]},
                {"type": "custom_emoji", "count": 1, "document_id": "5368324170671202286", "recent": [
                 {"from": "Bo", "from_id": "user2", "date": "2023-11-15T05:22:00"}]},
                {"type": "paid", "count": 2}
               ],
            """;
        var message = Message(1, "Ann", "user1", T0, "vote!", "\n" + reactions).Replace("2023-11-14T22:13:20", "2023-11-15T05:13:20", StringComparison.Ordinal);
        var path = _files.Write("result.json", Chat(message));

        var first = new ImportService(store.Store).Import([path], new ImportOptions());
        var second = new ImportService(store.Store).Import([path], new ImportOptions());

        first.Reactions.ShouldBe(3);
        first.Warnings.ShouldBe([$"{path}: reactions without the reacting member skipped (Telegram lists only a few recent reactors per emoji) (3 times)"]);
        second.Duplicates.ShouldBe(4);
        await using var db = store.Store.CreateDbContext();
        var rows = await db.Activities.Where(a => a.Kind == ActivityKind.Reaction).OrderBy(a => a.OccurredAt).ToListAsync();
        rows.Select(r => r.SourceId).ShouldBe(["1:👍:user2", "1:👍:user9", "1:custom:5368324170671202286:user2"]);
        rows.ShouldAllBe(r => r.Target == "1");
        rows[0].OccurredAt.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(T0 + 400));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Hex_escapes_are_control_characters_and_unsupported_stubs_are_counted(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var messages = string.Join(",\n",
            Message(1, "Ann", "user1", T0, @"bell\x07 tab\x09 not an escape: \\x41"),
            """  {"id": 2, "type": "unsupported"}""",
            """  {"id": 3, "type": "unsupported"}""");
        var path = _files.Write("result.json", Chat(messages));

        var summary = new ImportService(store.Store).Import([path], new ImportOptions());

        summary.Messages.ShouldBe(1);
        summary.Warnings.ShouldBe([$"{path}: 'unsupported' messages (not exportable by the Telegram Desktop that wrote the file) skipped (2 times)"]);
        await using var db = store.Store.CreateDbContext();
        (await db.Activities.SingleAsync()).Text.ShouldBe("bell\u0007 tab\t not an escape: \\x41");
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_file_re_saved_with_JSON_escapes_reads_like_the_original(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var messages = string.Join(",\n",
            """  {"id": 1, "\u0074ype": "\u006Dessage", "date": "2022\u002D06\u002D05T15:42:59", "date_unixtime": "\u0031654443779", "from": "Ann", "from_id": "\u0075ser1", "text": "hi"}""",
            """  {"id": 2, "type": "service", "date": "2022-06-05T15:43:00", "actor": "Ann", "actor_id": "user1", "action": "invite\u005Fmembers", "members": ["Bo"], "text": ""}""");
        var path = _files.Write("result.json", Chat(messages));

        var summary = new ImportService(store.Store).Import([path], new ImportOptions());

        (summary.Messages, summary.Joins, summary.Members).ShouldBe((1L, 1L, 2));
        summary.Warnings.ShouldBeEmpty();
        await using var db = store.Store.CreateDbContext();
        var message = await db.Activities.SingleAsync(a => a.Kind == ActivityKind.Message);
        message.OccurredAt.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1654443779));
        (await db.Members.SingleAsync(m => m.Id == message.MemberId)).SourceId.ShouldBe("user1");
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task An_export_many_times_the_read_buffer_keeps_every_message_whole_wherever_the_buffer_ends(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        // About 600 KB: messages of every shape straddle the reader's 64 KB refills at many offsets.
        const int count = 3000;
        var messages = new List<string>();
        var texts = new Dictionary<string, (string Text, int Mentions)>();
        var reactions = 0;
        var joins = 0;
        for (var i = 1; i <= count; i++)
        {
            var who = $"user{(i % 37) + 1}";
            var name = $"Member \\\"{(i % 37) + 1}\\\"";
            var padding = new string('x', i % 97);
            if (i % 101 == 0)
            {
                messages.Add($$"""  {"id": {{i}}, "type": "service", "date": "2023-11-14T22:13:20", "date_unixtime": "{{T0 + i}}", "actor": "{{name}}", "actor_id": "{{who}}", "action": "invite_members", "members": ["New {{i}}", "Newer {{i}}"], "text": "", "text_entities": []}""");
                joins += 2;
                continue;
            }
            var extra = i % 53 == 0
                ? $$"""
                   "reactions": [{"type": "emoji", "count": 1, "emoji": "👍", "recent": [{"from": "Bo", "from_id": "user2", "date": "2023-11-14T22:13:20"}]}],
                   """
                : "";
            reactions += i % 53 == 0 ? 1 : 0;
            if (i % 3 == 0)
            {
                messages.Add($$"""
                      {
                       "id": {{i}},
                       "type": "message",
                       "date": "2023-11-14T22:13:20",
                       "date_unixtime": "{{T0 + i}}",
                       "from": "{{name}}",
                       "from_id": "{{who}}",{{extra}}
                       "text": ["part {{i}} {{padding}} ", {"type": "mention", "text": "@m{{i}}"}, " \"quoted\"\n", {"type": "bold", "text": "end"}],
                       "text_entities": [{"type": "plain", "text": "part {{i}} {{padding}} "}, {"type": "mention", "text": "@m{{i}}"}, {"type": "plain", "text": " \"quoted\"\n"}, {"type": "bold", "text": "end"}]
                      }
                    """);
                texts[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = ($"part {i} {padding} @m{i} \"quoted\"\nend", 1);
            }
            else
            {
                messages.Add(Message(i, name, who, T0 + i, $"plain {i} {padding} caf\\u00e9", extra));
                texts[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = ($"plain {i} {padding} café", 0);
            }
        }
        var path = _files.Write("result.json", Chat(string.Join(",\n", messages)));
        new FileInfo(path).Length.ShouldBeGreaterThan(8 * 65536);

        var summary = new ImportService(store.Store).Import([path], new ImportOptions());

        (summary.Messages, summary.Reactions, summary.Joins, summary.Members).ShouldBe(((long)texts.Count, (long)reactions, (long)joins, 37 + joins));
        summary.Warnings.ShouldBeEmpty();
        await using var db = store.Store.CreateDbContext();
        var stored = await db.Activities.Where(a => a.Kind == ActivityKind.Message).Select(a => new { a.SourceId, a.Text, a.Mentions }).ToListAsync();
        stored.ToDictionary(r => r.SourceId, r => (r.Text!, r.Mentions)).ShouldBe(texts, ignoreOrder: true);
        (await db.Members.Where(m => m.SourceId == "user5").Select(m => m.DisplayName).SingleAsync()).ShouldBe("Member \"5\"");
    }

    public void Dispose() => _files.Dispose();
}
