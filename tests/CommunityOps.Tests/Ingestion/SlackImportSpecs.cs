using System.Globalization;
using CommunityOps.Ingestion;
using CommunityOps.Messages;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Tests.Ingestion;

public sealed class SlackImportSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task I_can_import_a_Slack_export_folder_twice_without_duplicates(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var folder = SlackExportFixture.WriteFolder(_files);
        var service = new ImportService(store.Store);

        var first = service.Import([folder], new ImportOptions());
        var second = service.Import([folder], new ImportOptions());

        first.Format.ShouldBe("slack");
        first.Files.ShouldBe(5);
        first.Warnings.ShouldBeEmpty(); // every json file of the export is read, none is "skipped"
        (first.Communities, first.Members, first.Messages, first.Joins, first.Leaves, first.Reactions).ShouldBe((1, 4, 8L, 1L, 1L, 3L));
        (second.Communities, second.Members, second.Messages, second.Duplicates).ShouldBe((0, 0, 0L, 13L));
        (await store.TotalsAsync()).ShouldBe((1, 4, 13));
    }

    [Theory]
    [MemberData(nameof(TestStore.ProvidersWithSwitch), MemberType = typeof(TestStore))]
    public async Task I_can_import_a_Slack_export_zip_twice_without_duplicates(string provider, bool withTopFolder)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var zip = SlackExportFixture.WriteZip(_files, "slack-export.zip", withTopFolder);
        var service = new ImportService(store.Store);

        var first = service.Import([zip], new ImportOptions());
        var second = service.Import([zip], new ImportOptions());

        first.Warnings.ShouldBeEmpty();
        (first.Messages, first.Joins, first.Leaves, first.Reactions).ShouldBe((8L, 1L, 1L, 3L));
        (second.Messages, second.Duplicates).ShouldBe((0L, 13L));
        await using var db = store.Store.CreateDbContext();
        var community = await db.Communities.SingleAsync();
        (community.Platform, community.SourceId, community.Name).ShouldBe(("slack", "T123", withTopFolder ? "acme" : "slack-export"));
        (await db.Channels.Select(c => c.Name).ToListAsync()).Order(StringComparer.Ordinal).ShouldBe(["general", "random"]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Instants_come_from_ts_not_from_the_day_file(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        new ImportService(store.Store).Import([SlackExportFixture.WriteFolder(_files)], new ImportOptions());

        await using var db = store.Store.CreateDbContext();
        var join = await db.Activities.SingleAsync(a => a.Kind == ActivityKind.Join);
        join.SourceId.ShouldBe("C1:1464832800.000002");
        join.OccurredAt.ShouldBe(At("2016-06-02T02:00:00Z")); // in the file of 2016-06-01
        var modern = await db.Activities.SingleAsync(a => a.SourceId == "C2:1735725600.123456");
        modern.OccurredAt.ToUnixTimeMilliseconds().ShouldBe(1735725600123);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Messages_keep_threads_reactions_mentions_media_and_unescaped_text(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        new ImportService(store.Store).Import([SlackExportFixture.WriteFolder(_files)], new ImportOptions());

        await using var db = store.Store.CreateDbContext();
        var parent = await db.Activities.SingleAsync(a => a.SourceId == "C1:1464832860.000003" && a.Kind == ActivityKind.Message);
        parent.Text.ShouldBe("Welcome <@U2> & <@U2|bo> <3 see <#C2|random>");
        (parent.ReplyTo, parent.Mentions, parent.IsEdited).ShouldBe((null, 1, true));
        (await db.Activities.SingleAsync(a => a.SourceId == "C1:1464832920.000004")).ReplyTo.ShouldBe("C1:1464832860.000003");
        (await db.Activities.SingleAsync(a => a.SourceId == "C1:1464832980.000005")).ReplyTo.ShouldBe("C1:1464832860.000003");
        var reactions = await db.Activities.Where(a => a.Kind == ActivityKind.Reaction).OrderBy(a => a.SourceId).ToListAsync();
        reactions.Select(r => r.SourceId).ShouldBe(["C1:1464832860.000003:+1:U2", "C1:1464832860.000003:+1:U3", "C1:1464832860.000003:tada:U2"]);
        reactions.ShouldAllBe(r => r.Target == "C1:1464832860.000003");
        var media = await db.Activities.Where(a => a.MediaKind != null).OrderBy(a => a.SourceId).Select(a => new { a.SourceId, a.MediaKind }).ToListAsync();
        media.Select(m => $"{m.SourceId} {m.MediaKind}").ShouldBe(["C1:1464833100.000007 photo", "C2:1735725600.123456 video"]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Members_come_from_users_json_with_bots_and_file_comment_authors(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        new ImportService(store.Store).Import([SlackExportFixture.WriteFolder(_files)], new ImportOptions());

        await using var db = store.Store.CreateDbContext();
        var members = await db.Members.OrderBy(m => m.SourceId).ToListAsync();
        members.Select(m => $"{m.SourceId} {m.DisplayName} {m.IsBot}").ShouldBe(["B1 deploybot True", "U1 ann False", "U2 Bo Li False", "U3 robo True"]);
        var ann = members.Single(m => m.SourceId == "U1");
        (await db.Activities.SingleAsync(a => a.SourceId == "C1:1464833160.000008")).MemberId.ShouldBe(ann.Id); // file_comment has no user
        (await db.Activities.SingleAsync(a => a.Kind == ActivityKind.Join)).RelatedMemberId.ShouldBe(ann.Id);
    }

    [Fact]
    public async Task Without_a_team_id_the_export_folder_names_the_community()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var folder = SlackExportFixture.WriteFolder(_files, "Coffee Club", SlackExportFixture.Users.Replace("\"team_id\":\"T123\",", "", StringComparison.Ordinal));

        new ImportService(store.Store).Import([folder], new ImportOptions());

        await using var db = store.Store.CreateDbContext();
        var community = await db.Communities.SingleAsync();
        (community.SourceId, community.Name).ShouldBe(("Coffee Club", "Coffee Club"));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Private_channels_and_direct_messages_are_channels_of_the_workspace(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var folder = SlackExportFixture.WriteFolder(_files);
        _files.Write("Acme Slack export/groups.json", """[{"id":"G1","name":"secret","created":1735725000,"is_private":true,"members":["U1","U2"]}]""");
        _files.Write("Acme Slack export/dms.json", """[{"id":"D1","created":1735725000,"members":["U1","U3"]}]""");
        _files.Write("Acme Slack export/mpims.json", """[{"id":"G2","name":"mpdm-ann--bo--robo-1","created":1735725000,"members":["U1","U2","U3"]}]""");
        _files.Write("Acme Slack export/secret/2025-01-02.json", """[{"type":"message","user":"U1","text":"psst","ts":"1735812000.000001"}]""");
        _files.Write("Acme Slack export/D1/2025-01-02.json", """[{"type":"message","user":"U3","text":"hi ann","ts":"1735812000.000001"}]""");
        _files.Write("Acme Slack export/mpdm-ann--bo--robo-1/2025-01-02.json", """[{"type":"message","user":"U2","text":"all three","ts":"1735812000.000001"}]""");

        var summary = new ImportService(store.Store).Import([folder], new ImportOptions());

        summary.Warnings.ShouldBeEmpty();
        summary.Messages.ShouldBe(11);
        await using var db = store.Store.CreateDbContext();
        var channels = await db.Channels.ToDictionaryAsync(c => c.SourceId, c => c.Id);
        channels.Keys.Order(StringComparer.Ordinal).ShouldBe(["C1", "C2", "D1", "G1", "G2"]);
        (await db.Activities.SingleAsync(a => a.SourceId == "D1:1735812000.000001")).ChannelId.ShouldBe(channels["D1"]);
        (await db.Activities.SingleAsync(a => a.SourceId == "G1:1735812000.000001")).ChannelId.ShouldBe(channels["G1"]);
    }

    [Fact]
    public async Task A_day_file_of_many_messages_streams_across_buffer_refills()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var folder = SlackExportFixture.WriteFolder(_files);
        var padding = new string('x', 300);
        var many = string.Join(",\n", Enumerable.Range(1, 2000).Select(i => $$"""  {"type":"message","user":"U1","text":"{{padding}} {{i}}","ts":"1464900000.{{i:000000}}"}"""));
        _files.Write("Acme Slack export/general/2016-06-02.json", "[\n" + many + "\n]");

        var summary = new ImportService(store.Store).Import([folder], new ImportOptions());

        summary.Messages.ShouldBe(2008);
    }

    public void Dispose() => _files.Dispose();

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);
}
