using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CommunityOps.Accounts;
using CommunityOps.Tests.Infra;
using CommunityOps.Web.Dashboard.Shared;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Tests.Web;

/// <summary>
/// Excel downloads read back from the raw file (the zip and its XML, not the library that wrote
/// it): every text is an inline string, no cell holds a formula, and text a spreadsheet would run
/// carries Excel's quote prefix.
/// </summary>
public sealed partial class ExcelDownloadSpecs : IDisposable
{
    private static readonly XNamespace S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private readonly TempFiles _files = new();

    [Theory]
    [InlineData(WebData.Formula, true)]
    [InlineData("+cmd|' /C calc'!A0", true)]
    [InlineData("-2+3", true)]
    [InlineData("@SUM(1+1)", true)]
    [InlineData("\tTabbed", true)]
    [InlineData("\rcarriage return", true)]
    [InlineData(WebData.Script, false)]
    [InlineData(WebData.ImgOnError, false)]
    [InlineData(WebData.RightToLeft, false)]
    [InlineData(WebData.ZeroWidth, false)]
    [InlineData("two\r\nlines", false)]
    [InlineData("_x003D_ looks like an escape", false)]
    [InlineData("12345", false)]
    [InlineData("小明 😀", false)]
    public void Any_text_is_an_inline_string_that_reads_back_unchanged_and_formula_like_text_is_quote_prefixed(string text, bool prefixed)
    {
        var bytes = ((Xlsx)new Xlsx("Sheet").Text("head").Line().Text(text).Number(42).Line()).ToBytes();

        var sheet = Read(bytes);
        sheet.Formulas.ShouldBe(0);
        var cell = sheet.Rows[1][0];
        (cell.Type, cell.Value).ShouldBe(("inlineStr", text));
        cell.QuotePrefixed.ShouldBe(prefixed);
        (sheet.Rows[1][1].Type, sheet.Rows[1][1].Value).ShouldBe(("n", "42"));
        sheet.Rows[0][0].QuotePrefixed.ShouldBeFalse();
        Validate(bytes);
    }

    [Fact]
    public void Characters_a_workbook_cannot_hold_are_replaced_and_over_long_text_is_cut_to_Excels_limit()
    {
        var huge = new string('x', Xlsx.MaxCellLength - 1) + "😀tail";
        var bytes = ((Xlsx)new Xlsx("a/b:c*[d]?").Text("bell\u0007ring\0").Text("lone \uD800 surrogate").Text(huge).Line()).ToBytes();

        var row = Read(bytes).Rows[0];
        row[0].Value.ShouldBe("bell\uFFFDring\uFFFD");
        row[1].Value.ShouldBe("lone \uFFFD surrogate");
        // The cut does not split the emoji's surrogate pair.
        row[2].Value.Length.ShouldBe(Xlsx.MaxCellLength - 1);
        Validate(bytes);
    }

    [Fact]
    public async Task The_members_and_communities_downloads_are_workbooks_where_hostile_chat_text_stays_text()
    {
        await using var host = await TestWebHost.StartAsync();
        host.Import("alpha", WebData.Alpha(_files));
        await host.AddUserAsync("op@example.com", Role.Operator, "alpha");
        await host.AddUserAsync("vic@example.com", Role.Viewer, "alpha");
        var op = await host.SignInAsync("op@example.com", "password-of-op@example.com", acceptLanguage: "zh-CN");
        var viewer = await host.SignInAsync("vic@example.com", "password-of-vic@example.com");
        await using var db = host.Store.CreateDbContext();
        var coffee = await db.Communities.SingleAsync(c => c.SourceId == "c1");

        var members = await op.Http.GetAsync($"/communities/{coffee.Id}/members.xlsx");
        var communities = await op.Http.GetAsync("/communities.xlsx?sort=name");

        members.StatusCode.ShouldBe(HttpStatusCode.OK);
        members.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        members.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe($"members-{coffee.Id}.xlsx");
        var memberBytes = await members.Content.ReadAsByteArrayAsync();
        Validate(memberBytes);
        var sheet = Read(memberBytes);
        sheet.Formulas.ShouldBe(0);
        sheet.Name.ShouldBe("成员");
        sheet.Rows[0].Select(c => c.Value).ShouldBe(["ID", "名称", "平台 ID", "运营人员", "机器人", "消息", "最近活动", "分层", "标签"]);
        var names = sheet.Rows.Skip(1).Select(r => r[1]).ToList();
        names.Select(c => c.Value).ShouldBe(await db.Members.Where(m => m.CommunityId == coffee.Id).Select(m => m.DisplayName).ToListAsync(), ignoreOrder: true);
        foreach (var hostile in new[] { WebData.Formula, WebData.Script, WebData.ImgOnError, WebData.RightToLeft, WebData.ZeroWidth })
        {
            var cell = names.Single(c => c.Value == hostile);
            cell.Type.ShouldBe("inlineStr");
            cell.QuotePrefixed.ShouldBe(hostile == WebData.Formula, hostile);
        }
        sheet.Rows.Skip(1).ShouldAllBe(r => r[0].Type == "n" && r[5].Type == "n");

        var communitySheet = Read(await communities.Content.ReadAsByteArrayAsync());
        communitySheet.Formulas.ShouldBe(0);
        communitySheet.Rows.Skip(1).Select(r => r[1].Value).ShouldContain(WebData.HostileCommunity);

        // What the roles allow holds for downloads too.
        (await viewer.Http.GetAsync($"/communities/{coffee.Id}/members.xlsx")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await viewer.Http.GetAsync("/communities.xlsx")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private sealed record SheetCell(string? Type, string Value, bool QuotePrefixed);

    private sealed record Sheet(string Name, List<List<SheetCell>> Rows, int Formulas);

    private static Sheet Read(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        XDocument Part(Func<string, bool> match) => XDocument.Load(zip.Entries.Single(e => match(e.FullName)).Open());
        var worksheet = Part(n => n.StartsWith("xl/worksheets/", StringComparison.Ordinal) && n.EndsWith(".xml", StringComparison.Ordinal));
        var styles = Part(n => n == "xl/styles.xml");
        var workbook = Part(n => n == "xl/workbook.xml");
        var prefixed = styles.Descendants(S + "cellXfs").Single().Elements(S + "xf").Select(x => (string?)x.Attribute("quotePrefix") is "1" or "true").ToList();
        var rows = worksheet.Descendants(S + "row").Select(r => r.Elements(S + "c").Select(c => new SheetCell(
            (string?)c.Attribute("t"),
            Unescape(c.Attribute("t")?.Value == "inlineStr" ? string.Concat(c.Element(S + "is")!.Descendants(S + "t").Select(t => t.Value)) : c.Element(S + "v")!.Value),
            prefixed[(int)((uint?)c.Attribute("s") ?? 0)])).ToList()).ToList();
        return new Sheet(workbook.Descendants(S + "sheet").Single().Attribute("name")!.Value, rows, worksheet.Descendants(S + "f").Count());
    }

    /// <summary>The format's character escapes (_x000D_ is a carriage return, _x005F_ an underscore), as Excel reads them.</summary>
    private static string Unescape(string value) =>
        Escape().Replace(value, m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());

    [GeneratedRegex("_x([0-9A-Fa-f]{4})_")]
    private static partial Regex Escape();

    private static void Validate(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ShouldBeEmpty();
    }

    public void Dispose() => _files.Dispose();
}
