using CommunityOps.Ingestion;
using CommunityOps.Tests.Infra;

namespace CommunityOps.Tests.Ingestion;

/// <summary>Broken and hostile Slack exports: the whole import fails, says where, and stores nothing.</summary>
public sealed class SlackBadInputSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    [Theory]
    [InlineData("[\n  {\"type\":\"message\",\"user\":\"U1\",\"text\":\"ok\",\"ts\":\"1464920000.000001\"},\n  {\"type\":\"message\",\"user\":\"U1\",\"text\":\"broken\" \"ts\":\"1\"}\n]", ":3: invalid JSON")]
    [InlineData("[\n  {\"type\":\"message\",\"user\":\"U1\",\"text\":\"ok\",\"ts\":\"1464920000.000001\"},\n  {\"type\":\"message\",\"user\":\"U1\",\"text\":\"no time\"}\n]", ":3: field 'ts': required on a message")]
    [InlineData("[\n\n  {\"type\":\"message\",\"user\":\"U1\",\"text\":\"when?\",\"ts\":\"yesterday\"}\n]", ":3: field 'ts': 'yesterday' is not a Slack timestamp")]
    [InlineData("{\"type\":\"message\",\"user\":\"U1\",\"ts\":\"1464920000.000001\"}", ":1: expected a JSON array, found an object")]
    [InlineData("[\n  {\"type\":\"message\",\"user\":\"U1\",\"text\":\"ok\",\"ts\":\"1464920000.000001\"},\n", ":3: invalid JSON")]
    [InlineData("[\n  \"just a string\"\n]", ":2: expected a message object")]
    public async Task A_bad_day_file_names_file_and_line_and_leaves_the_store_as_it_was(string dayFile, string expected)
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var folder = SlackExportFixture.WriteFolder(_files);
        var bad = _files.Write("Acme Slack export/general/2016-06-02.json", dayFile);

        var error = Should.Throw<ImportException>(() => new ImportService(store.Store).Import([folder], new ImportOptions()));

        error.Message.ShouldStartWith(bad + expected);
        (await store.TotalsAsync()).ShouldBe((0, 0, 0));
    }

    [Fact]
    public async Task An_error_deep_in_a_large_day_file_names_its_own_line()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var folder = SlackExportFixture.WriteFolder(_files);
        var padding = new string('x', 300);
        var many = Enumerable.Range(1, 2000).Select(i => $$"""  {"type":"message","user":"U1","text":"{{padding}}","ts":"1464900000.{{i:000000}}"},""");
        var bad = _files.Write("Acme Slack export/general/2016-06-02.json", "[\n" + string.Join('\n', many) + "\n  {\"type\":\"message\",\"user\":\"U1\" \"ts\":\"1\"}\n]");

        var error = Should.Throw<ImportException>(() => new ImportService(store.Store).Import([folder], new ImportOptions()));

        error.Message.ShouldStartWith($"{bad}:2002: invalid JSON");
    }

    [Fact]
    public async Task Binary_garbage_in_place_of_a_day_file_is_reported_not_skipped()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var folder = SlackExportFixture.WriteFolder(_files);
        var garbage = new byte[2048];
        new Random(11).NextBytes(garbage);
        garbage[0] = 0x8F; // not '[' whatever the seed
        var bad = _files.Write("Acme Slack export/general/2016-06-02.json", garbage);

        var error = Should.Throw<ImportException>(() => new ImportService(store.Store).Import([folder], new ImportOptions()));

        error.Message.ShouldStartWith($"{bad}:1: invalid JSON");
        (await store.TotalsAsync()).ShouldBe((0, 0, 0));
    }

    [Fact]
    public async Task An_empty_day_file_is_skipped_with_a_warning_and_the_rest_imported()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var folder = SlackExportFixture.WriteFolder(_files);
        _files.Write("Acme Slack export/general/2016-06-02.json", "");

        var summary = new ImportService(store.Store).Import([folder], new ImportOptions());

        summary.Messages.ShouldBe(8);
        summary.Warnings.ShouldBe(["skipped 1 file(s) that are not chat exports (media, attachments or unknown formats)"]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_zip_with_a_parent_folder_entry_fails_whole_naming_the_entry(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var zip = SlackExportFixture.WriteZip(_files);
        SlackExportFixture.AddEntry(zip, "general/../../evil.json", "[]");

        var error = Should.Throw<ImportException>(() => new ImportService(store.Store).Import([zip], new ImportOptions()));

        error.Message.ShouldBe($"{zip}: entry 'general/../../evil.json' has an unsafe path (absolute or with '..'); refusing the archive");
        (await store.TotalsAsync()).ShouldBe((0, 0, 0));
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task A_zip_bomb_day_file_is_refused_and_nothing_is_stored(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var zip = SlackExportFixture.WriteZip(_files);
        SlackExportFixture.AddEntry(zip, "general/2016-06-03.json", "[" + new string(' ', 8 << 20) + "]");
        var limits = new ImportLimits { MaxCompressionRatio = 200, RatioCheckAbove = 1 << 20 };

        var error = Should.Throw<ImportException>(() => new ImportService(store.Store).Import([zip], new ImportOptions { Limits = limits }));

        error.Message.ShouldStartWith($"{zip}!general/2016-06-03.json: refusing an entry that expands to");
        (await store.TotalsAsync()).ShouldBe((0, 0, 0));
    }

    public void Dispose() => _files.Dispose();
}
