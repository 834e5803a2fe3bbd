using System.Globalization;
using CommunityOps.Ingestion;
using CommunityOps.Messages;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Tests.Ingestion;

/// <summary>The five real chat-miner exports: one chat written in five date layouts.</summary>
public sealed class WhatsAppChatMinerSpecs
{
    private static readonly string[] Layouts =
    [
        "test_ddmmyy_24hrs.txt", "test_mmddyy_24hrs.txt", "test_[mmddyy]_24hrs.txt", "test_mmddyyyy_12hrs.txt", "test_yyyymmdd_24hrs.txt",
    ];

    // Every layout holds the same chat, so every file must yield these instants (read in UTC).
    private static readonly string[] MessageTimes =
    [
        "2019-01-01T11:25", "2019-01-20T11:23", "2019-01-30T20:49", "2020-06-10T15:55", "2021-12-10T10:10", "2021-12-20T12:10", "2021-12-30T22:01",
    ];

    public static TheoryData<string, string> LayoutsOnEachProvider()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in TestStore.Providers)
        {
            foreach (var layout in Layouts)
            {
                data.Add(provider, layout);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(LayoutsOnEachProvider))]
    public async Task Each_date_layout_imports_with_the_right_dates(string provider, string layout)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var path = SharedData.Path("exports", "whatsapp-chatminer", layout);

        var summary = new ImportService(store.Store).Import([path], new ImportOptions());

        summary.Format.ShouldBe("whatsapp");
        // No guessed date order (every file has a day above 12); but "You were added" names nobody who writes.
        summary.Warnings.ShouldBe([$"{path}: system lines call the exporter 'You' and nothing tells which sender that is; kept as the member 'You' (give the exporter's name with --me)"]);
        (summary.Messages, summary.Joins, summary.Leaves).ShouldBe((7L, 2L, 0L));
        await using var db = store.Store.CreateDbContext();
        var times = await db.Activities.Where(a => a.Kind == ActivityKind.Message).Select(a => a.OccurredAt).ToListAsync();
        times.Select(t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)).Order().ShouldBe(MessageTimes);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task The_exporter_named_with_me_is_the_You_of_the_system_lines(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var path = SharedData.Path("exports", "whatsapp-chatminer", "test_ddmmyy_24hrs.txt");

        var summary = new ImportService(store.Store).Import([path], new ImportOptions { Me = "John Doe" });

        summary.Warnings.ShouldBeEmpty();
        summary.Members.ShouldBe(6);
        await using var db = store.Store.CreateDbContext();
        (await db.Members.AnyAsync(m => m.SourceId == "You")).ShouldBeFalse();
        var joined = await db.Activities.Where(a => a.Kind == ActivityKind.Join).Join(db.Members, a => a.MemberId, m => m.Id, (a, m) => m.SourceId).ToListAsync();
        joined.Order(StringComparer.Ordinal).ShouldBe(["+12 345 578", "John Doe"]);
        var johnsMessages = await db.Activities.Where(a => a.Kind == ActivityKind.Message).Join(db.Members, a => a.MemberId, m => m.Id, (a, m) => m.SourceId).CountAsync(m => m == "John Doe");
        johnsMessages.ShouldBe(3);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Authors_multi_line_texts_and_system_lines_come_out_as_written(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var path = SharedData.Path("exports", "whatsapp-chatminer", "test_[mmddyy]_24hrs.txt");

        new ImportService(store.Store).Import([path], new ImportOptions());

        await using var db = store.Store.CreateDbContext();
        (await db.Communities.SingleAsync()).SourceId.ShouldBe("test_[mmddyy]_24hrs");
        var members = await db.Members.Select(m => m.SourceId).ToListAsync();
        members.Order(StringComparer.Ordinal).ShouldBe(new[] { "+12 345 578", "Jahn Doe", "John Doe", "John Doe 🤓", "John-John Doe", "You", "🤓" }.Order(StringComparer.Ordinal));
        var texts = await db.Activities.Where(a => a.Kind == ActivityKind.Message).OrderBy(a => a.OccurredAt).Select(a => a.Text).ToListAsync();
        texts[2].ShouldBe("Lorem ipsum dolor sit amet,\nconsectetur adipiscing elit. Duis libero.");
        texts[3].ShouldBe("Lorem ipsum : dolor sit amet.");
        texts[1].ShouldBeNull(); // "John Doe:." keeps no text
        var joined = await db.Activities.Where(a => a.Kind == ActivityKind.Join).Join(db.Members, a => a.MemberId, m => m.Id, (a, m) => m.SourceId).ToListAsync();
        joined.Order(StringComparer.Ordinal).ShouldBe(["+12 345 578", "You"]);
    }
}
