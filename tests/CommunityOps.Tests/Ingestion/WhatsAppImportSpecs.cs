using System.Globalization;
using System.IO.Compression;
using System.Text;
using CommunityOps.Ingestion;
using CommunityOps.Messages;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Tests.Ingestion;

public sealed class WhatsAppImportSpecs : IDisposable
{
    private const string Lrm = "\u200E";
    private const string Nnbsp = "\u202F";

    // Android, 24 h, day-first, a Chinese phone: system lines and the media marker in Chinese.
    private const string AndroidChinese = """
        05/01/2026, 09:00 - 消息和通话已进行端到端加密。对话之外的任何人，甚至包括 WhatsApp 都无法读取或收听。
        05/01/2026, 09:01 - 阿安 创建了群组“咖啡俱乐部”
        05/01/2026, 09:02 - 阿安 添加了 小博、Carl
        05/01/2026, 09:03 - Dana 通过此群组的邀请链接加入
        13/01/2026, 20:31 - 阿安: 欢迎大家
        今晚八点见
        13/01/2026, 20:32 - 小博: <省略多媒体文件>
        14/01/2026, 08:00 - Carl 已退出
        14/01/2026, 08:05 - 阿安 移除了 Dana
        """;

    // iOS, 12 h with U+202F before AM/PM, month-first, LRM before notices and attachments, a non-contact "~ Name".
    private static readonly string IosEnglish = string.Join('\n',
        $"[1/5/26, 9:00:00{Nnbsp}AM] Coffee Club: {Lrm}Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.",
        $"{Lrm}[1/5/26, 9:00:05{Nnbsp}AM] Coffee Club: {Lrm}Ann created group “Coffee Club”",
        $"{Lrm}[1/5/26, 9:01:00{Nnbsp}AM] Coffee Club: {Lrm}Ann added Bo and Carl",
        $"{Lrm}[1/5/26, 9:02:00{Nnbsp}AM] Coffee Club: {Lrm}~{Nnbsp}Dana joined using this group's invite link",
        $"[1/13/26, 8:31:00{Nnbsp}PM] Ann: Welcome @Bo and @Carl",
        $"{Lrm}[1/13/26, 8:32:10{Nnbsp}PM] Bo: {Lrm}image omitted",
        $"{Lrm}[1/13/26, 8:33:00{Nnbsp}PM] ~{Nnbsp}Dana: {Lrm}<attached: 00000042-PHOTO-2026-01-13-20-33-00.jpg>",
        $"[1/13/26, 8:34:00{Nnbsp}PM] Carl: see you at 8<This message was edited>",
        $"[1/13/26, 12:05:00{Nnbsp}AM] Bo: ",
        $"[1/13/26, 8:35:00{Nnbsp}PM] Ann: {Lrm}This message was deleted.",
        $"{Lrm}[1/14/26, 8:00:00{Nnbsp}AM] Coffee Club: {Lrm}Carl left",
        $"{Lrm}[1/14/26, 8:05:00{Nnbsp}AM] Coffee Club: {Lrm}Ann removed ~{Nnbsp}Dana",
        "");

    private readonly TempFiles _files = new();

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task I_can_import_an_Android_chat_with_Chinese_system_lines_twice_without_duplicates(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var path = _files.Write("WhatsApp Chat with 咖啡俱乐部.txt", AndroidChinese);
        var service = new ImportService(store.Store);

        var first = service.Import([path], new ImportOptions());
        var second = service.Import([path], new ImportOptions());

        (first.Messages, first.Joins, first.Leaves).ShouldBe((2L, 4L, 2L));
        (second.Messages, second.Joins, second.Leaves, second.Duplicates).ShouldBe((0L, 0L, 0L, 8L));
        await using var db = store.Store.CreateDbContext();
        (await db.Communities.SingleAsync()).SourceId.ShouldBe("咖啡俱乐部");
        var welcome = await db.Activities.SingleAsync(a => a.Kind == ActivityKind.Message && a.Text!.StartsWith("欢迎"));
        welcome.Text.ShouldBe("欢迎大家\n今晚八点见");
        welcome.OccurredAt.ShouldBe(At("2026-01-13T20:31:00Z"));
        (await db.Activities.SingleAsync(a => a.Kind == ActivityKind.Message && a.MediaKind != null)).MediaKind.ShouldBe("media");
        var an = await db.Members.SingleAsync(m => m.SourceId == "阿安");
        var bo = await db.Members.SingleAsync(m => m.SourceId == "小博");
        (await db.Activities.SingleAsync(a => a.Kind == ActivityKind.Join && a.MemberId == bo.Id)).RelatedMemberId.ShouldBe(an.Id);
        var dana = await db.Members.SingleAsync(m => m.SourceId == "Dana");
        (await db.Activities.SingleAsync(a => a.Kind == ActivityKind.Leave && a.MemberId == dana.Id)).RelatedMemberId.ShouldBe(an.Id);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task An_iOS_chat_zip_reads_12_hour_times_invisible_marks_media_and_notices(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var zip = Zip("WhatsApp Chat - Coffee Club.zip", ("_chat.txt", IosEnglish), ("00000042-PHOTO-2026-01-13-20-33-00.jpg", "not really a jpeg"));
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

        var summary = new ImportService(store.Store).Import([zip], new ImportOptions { TimeZone = shanghai });

        (summary.Messages, summary.Joins, summary.Leaves).ShouldBe((6L, 4L, 2L));
        summary.Warnings.ShouldBe(["skipped 1 file(s) that are not chat exports (media, attachments or unknown formats)"]);
        await using var db = store.Store.CreateDbContext();
        (await db.Communities.SingleAsync()).SourceId.ShouldBe("Coffee Club");
        (await db.Members.Select(m => m.SourceId).ToListAsync()).Order(StringComparer.Ordinal).ShouldBe(["Ann", "Bo", "Carl", "Dana"]);
        var messages = await db.Activities.Where(a => a.Kind == ActivityKind.Message).OrderBy(a => a.OccurredAt).ToListAsync();
        messages.Select(m => m.OccurredAt).ShouldBe([
            At("2026-01-12T16:05:00Z"), At("2026-01-13T12:31:00Z"), At("2026-01-13T12:32:10Z"), At("2026-01-13T12:33:00Z"), At("2026-01-13T12:34:00Z"), At("2026-01-13T12:35:00Z"),
        ]);
        messages.Select(m => m.MediaKind).ShouldBe([null, null, "photo", "photo", null, null]);
        messages.Select(m => m.Text).ShouldBe([null, "Welcome @Bo and @Carl", null, null, "see you at 8", null]);
        messages[1].Mentions.ShouldBe(2);
        messages[4].IsEdited.ShouldBeTrue();
    }

    [Fact]
    public async Task A_chat_zip_found_in_a_folder_is_named_after_the_zip()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        Zip("chats/WhatsApp Chat - Coffee Club.zip", ("_chat.txt", IosEnglish));
        _files.Write("chats/WhatsApp Chat with 咖啡俱乐部.txt", AndroidChinese);

        new ImportService(store.Store).Import([_files.Path("chats")], new ImportOptions());

        await using var db = store.Store.CreateDbContext();
        (await db.Communities.Select(c => c.SourceId).ToListAsync()).Order(StringComparer.Ordinal).ShouldBe(["Coffee Club", "咖啡俱乐部"]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Two_overlapping_exports_of_one_chat_store_each_message_once(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        // The same line twice in one minute is two messages; both exports hold both.
        var lines = new[]
        {
            "01/02/2026, 10:00 - Ann: hi", "01/02/2026, 10:00 - Ann: hi", "01/02/2026, 10:01 - Bo: hello", "03/02/2026, 11:00 - Ann: later", "04/02/2026, 09:30 - Bo: bye",
        };
        var january = _files.Write("a/WhatsApp Chat with Club.txt", string.Join('\n', lines[..4]));
        var february = _files.Write("b/WhatsApp Chat with Club.txt", string.Join('\n', lines));
        var service = new ImportService(store.Store);

        var first = service.Import([january], new ImportOptions());
        var second = service.Import([february], new ImportOptions());

        first.Messages.ShouldBe(4);
        (second.Messages, second.Duplicates).ShouldBe((1L, 4L));
        (await store.CountAsync(ActivityKind.Message)).ShouldBe(5);
    }

    [Theory]
    [InlineData("01/02/20", "05/02/20", "11/02/20", "03/03/20", "2020-02-01")]
    [InlineData("02/01/20", "02/05/20", "02/11/20", "03/03/20", "2020-02-01")]
    public async Task Without_a_day_above_12_the_order_of_the_chat_decides_day_first_or_month_first(string d1, string d2, string d3, string d4, string firstDay)
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var path = _files.Write("chat.txt", $"{d1}, 10:00 - Ann: a\n{d2}, 10:00 - Ann: b\n{d3}, 10:00 - Ann: c\n{d4}, 10:00 - Ann: d\n");

        var summary = new ImportService(store.Store).Import([path], new ImportOptions());

        summary.Warnings.ShouldBeEmpty();
        await using var db = store.Store.CreateDbContext();
        var earliest = await db.Activities.OrderBy(a => a.OccurredAt).Select(a => a.OccurredAt).FirstAsync();
        earliest.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture).ShouldBe(firstDay);
    }

    [Fact]
    public async Task A_file_whose_dates_cannot_tell_day_from_month_is_read_day_first_with_a_warning()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var path = _files.Write("chat.txt", "03/04/2026, 10:00 - Ann: a\n03/04/2026, 10:05 - Bo: b\n");

        var summary = new ImportService(store.Store).Import([path], new ImportOptions());

        summary.Warnings.ShouldBe([$"{path}: no date tells the day from the month; read as day/month/year"]);
        await using var db = store.Store.CreateDbContext();
        (await db.Activities.FirstAsync()).OccurredAt.Month.ShouldBe(4);
    }

    [Fact]
    public async Task Continuation_lines_that_start_with_a_date_stay_in_their_message()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var path = _files.Write("chat.txt", "29/04/2016, 10:29 - Ann: the deploy log says\n2016-04-29 10:30:00 started\n[29/04/2016, 10:31] done\n29/04/2016, 10:32 - Bo: ok\n");

        var summary = new ImportService(store.Store).Import([path], new ImportOptions());

        summary.Messages.ShouldBe(2);
        await using var db = store.Store.CreateDbContext();
        (await db.Activities.OrderBy(a => a.OccurredAt).FirstAsync()).Text.ShouldBe("the deploy log says\n2016-04-29 10:30:00 started\n[29/04/2016, 10:31] done");
    }

    [Fact]
    public async Task An_unparseable_date_in_a_forced_WhatsApp_file_names_the_file_and_line_and_stores_nothing()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var path = _files.Write("chat.txt", "12/01/2026, 10:00 - Ann: a\n31/02/2026, 10:05 - Bo: b\n");

        var error = Should.Throw<ImportException>(() => new ImportService(store.Store).Import([path], new ImportOptions { Format = ImportFormat.WhatsApp }));

        error.Message.ShouldStartWith($"{path}:2: cannot read the date and time '31/02/2026'");
        (await store.TotalsAsync()).ShouldBe((0, 0, 0));
    }

    [Theory]
    [InlineData("32/13/2026, 10:00 - Ann: a\n", ":1: cannot read the date '32/13/2026'")]
    [InlineData("Hello there\n12/01/2026, 10:00 - Ann: a\n", ":1: not a WhatsApp message line")]
    [InlineData("12/01/2026, 25:00 - Ann: a\n", ":1: cannot read the date and time '12/01/2026' 25:00")]
    public async Task Lines_that_are_not_WhatsApp_are_reported_with_their_location_when_the_format_is_forced(string content, string expected)
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var path = _files.Write("chat.txt", content);

        var error = Should.Throw<ImportException>(() => new ImportService(store.Store).Import([path], new ImportOptions { Format = ImportFormat.WhatsApp }));

        error.Message.ShouldStartWith(path + expected);
    }

    [Fact]
    public async Task An_empty_file_is_an_error_that_names_it()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var path = _files.Write("WhatsApp Chat with Nobody.txt", "");

        var error = Should.Throw<ImportException>(() => new ImportService(store.Store).Import([path], new ImportOptions()));

        error.Message.ShouldBe($"{path}: the file is empty");
    }

    [Fact]
    public async Task Binary_garbage_is_not_taken_for_a_chat_and_a_forced_read_names_line_1()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);
        var path = _files.Write("chat.txt", garbage);
        var service = new ImportService(store.Store);

        Should.Throw<ImportException>(() => service.Import([path], new ImportOptions())).Message.ShouldStartWith($"{path}: not a recognized chat export");
        Should.Throw<ImportException>(() => service.Import([path], new ImportOptions { Format = ImportFormat.WhatsApp })).Message.ShouldStartWith($"{path}:1: not a WhatsApp message line");
        (await store.TotalsAsync()).ShouldBe((0, 0, 0));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_zip_with_an_entry_outside_itself_fails_whole_naming_the_entry(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var zip = Zip("WhatsApp Chat - Club.zip", ("_chat.txt", AndroidChinese), ("../escape.txt", "x"));
        var good = _files.Write("WhatsApp Chat with Other.txt", AndroidChinese);

        var error = Should.Throw<ImportException>(() => new ImportService(store.Store).Import([good, zip], new ImportOptions()));

        error.Message.ShouldContain("'../escape.txt'");
        error.Message.ShouldStartWith(zip);
        (await store.TotalsAsync()).ShouldBe((0, 0, 0));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_zip_bomb_entry_is_refused_and_nothing_is_stored(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var zip = Zip("WhatsApp Chat - Club.zip", ("_chat.txt", AndroidChinese + "\n" + new string(' ', 4 << 20)));
        var limits = new ImportLimits { MaxCompressionRatio = 100, RatioCheckAbove = 1 << 20 };

        var error = Should.Throw<ImportException>(() => new ImportService(store.Store).Import([zip], new ImportOptions { Limits = limits }));

        error.Message.ShouldStartWith($"{zip}!_chat.txt: refusing an entry that expands to");
        (await store.TotalsAsync()).ShouldBe((0, 0, 0));
    }

    private string Zip(string name, params (string Entry, string Content)[] entries)
    {
        var path = _files.Path(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entry, content) in entries)
        {
            using var writer = new StreamWriter(archive.CreateEntry(entry, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
            writer.Write(content);
        }
        return path;
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    public void Dispose() => _files.Dispose();
}
