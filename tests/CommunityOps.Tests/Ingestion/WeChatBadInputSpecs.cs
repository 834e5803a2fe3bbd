using CommunityOps.Ingestion;
using CommunityOps.Tests.Infra;

namespace CommunityOps.Tests.Ingestion;

public sealed class WeChatBadInputSpecs : IDisposable
{
    private const string PyWxDumpHeader = "id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime\n";
    private const string GoodRow = "1,1001,文本,0,wxid_ann,12345@chatroom,hi,,2026-01-05 09:01:00\n";

    private readonly TempFiles _files = new();

    [Theory]
    [InlineData(PyWxDumpHeader + GoodRow + "2,1002,文本,0,wxid_ann,12345@chatroom,hi,2026-01-05 09:02:00\n", ":3: expected 9 columns, found 8")]
    [InlineData(PyWxDumpHeader + GoodRow + "2,1002,文本,0,wxid_ann,12345@chatroom,hi,,5 Jan 2026\n", ":3: field 'CreateTime': '5 Jan 2026' is not a time")]
    [InlineData(PyWxDumpHeader + GoodRow + "2,1002,文本,0,wxid_ann,12345@chatroom,\"never closed,,2026-01-05 09:02:00\n3,1003,文本,0,wxid_ann,12345@chatroom,hi,,2026-01-05 09:03:00\n", ":3: a quoted field is not closed")]
    [InlineData("localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime\n1,9,1,0,0,2026-01-05,2,hello,2026-01-05 09:03:20\n", ":2: field 'CreateTime': '2026-01-05' is not epoch seconds")]
    public async Task A_bad_row_names_file_and_line_and_leaves_the_store_as_it_was(string content, string expected)
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var good = _files.Write("good.csv", PyWxDumpHeader + GoodRow);
        var bad = _files.Write("bad.csv", content);

        var error = Should.Throw<ImportException>(() => new ImportService(store.Store).Import([good, bad], new ImportOptions()));

        error.Message.ShouldStartWith(bad + expected);
        (await store.TotalsAsync()).ShouldBe((0, 0, 0));
    }

    [Fact]
    public async Task Another_tools_CSV_is_not_taken_for_WeChat_and_a_forced_read_names_its_header()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var path = _files.Write("contacts.csv", "name,email,phone\nAnn,ann@example.com,+86 138 0000 0000\n");
        var service = new ImportService(store.Store);

        Should.Throw<ImportException>(() => service.Import([path], new ImportOptions())).Message.ShouldStartWith($"{path}: not a recognized chat export");
        Should.Throw<ImportException>(() => service.Import([path], new ImportOptions { Format = ImportFormat.WeChat })).Message.ShouldStartWith($"{path}:1: not a WeChat CSV header");
    }

    [Fact]
    public async Task A_header_without_rows_imports_nothing_and_says_so()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var path = _files.Write("empty_0_5000.csv", PyWxDumpHeader);

        var summary = new ImportService(store.Store).Import([path], new ImportOptions());

        (summary.Communities, summary.Messages).ShouldBe((0, 0L));
        summary.Warnings.ShouldBe([$"{path}: no messages"]);
    }

    public void Dispose() => _files.Dispose();
}
