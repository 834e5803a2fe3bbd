using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CommunityOps.Accounts;
using CommunityOps.Tests.Infra;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Tests.Web;

public sealed partial class DashboardSpecs : IDisposable
{
    private static readonly string[] Hostile = [WebData.Script, WebData.ImgOnError, WebData.RightToLeft, WebData.ZeroWidth, WebData.Formula];
    private const string HostileFile = "<img src=x onerror=alert(3)>.jsonl";
    private readonly TempFiles _files = new();

    [Fact]
    public async Task Every_page_shows_hostile_chat_text_as_text_and_never_as_markup()
    {
        await using var host = await TestWebHost.StartAsync();
        host.Import("alpha", WebData.Alpha(_files));
        await host.AddUserAsync("op@example.com", Role.Admin, "alpha");
        await new ApiKeyService(host.Store).CreateAsync("alpha", Role.Viewer, WebData.ImgOnError);
        var admin = await host.SignInAsync("op@example.com", "password-of-op@example.com");
        var upload = await host.Client(await host.KeyAsync("alpha", Role.Operator)).PostAsync("/api/imports",
            ImportsApiSpecs.Files((HostileFile, WebData.Join("h1", WebData.Script, "x", WebData.Script, "2026-02-01T00:00:00Z") + "\n")));
        await ImportsApiSpecs.PollAsync(host.Client(await host.KeyAsync("alpha", Role.Operator)), upload.Headers.Location!.ToString());
        var ids = await IdsAsync(host);

        var pages = new[]
        {
            "/communities", $"/communities/{ids.Coffee}", $"/communities/{ids.Hostile}", $"/communities/{ids.Coffee}/members",
            $"/members/{ids.Script}", $"/members/{ids.Img}", $"/members/{ids.Rtl}", "/imports", upload.Headers.Location!.ToString().Replace("/api", "", StringComparison.Ordinal), "/settings",
        };
        var seen = new HashSet<string>();
        foreach (var url in pages)
        {
            var html = await admin.Http.GetStringAsync(url);
            var doc = new HtmlParser().ParseDocument(html);
            doc.QuerySelectorAll("script").Select(s => s.GetAttribute("src")).ShouldAllBe(src => src != null && (src.StartsWith("/js/", StringComparison.Ordinal) || src.StartsWith("/lib/", StringComparison.Ordinal)), url);
            doc.QuerySelectorAll("img").ShouldBeEmpty(url);
            doc.All.SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.Ordinal)).ShouldBeEmpty(url);
            foreach (var text in doc.QuerySelectorAll(".user-text").Select(e => e.TextContent))
            {
                seen.Add(text);
            }
        }

        // Each hostile string arrived intact, as text, inside an isolating <bdi>.
        foreach (var hostile in Hostile)
        {
            seen.ShouldContain(hostile);
        }
        seen.ShouldContain(WebData.HostileCommunity);
        seen.ShouldContain(HostileFile);
    }

    [Fact]
    public async Task The_overview_shows_the_workspace_figures_against_the_previous_period_and_the_communities_to_look_at()
    {
        await using var host = await TestWebHost.StartAsync();
        host.Import("alpha", WebData.Alpha(_files));
        await host.AddUserAsync("op@example.com", Role.Viewer, "alpha");
        var viewer = await host.SignInAsync("op@example.com", "password-of-op@example.com");

        var doc = new HtmlParser().ParseDocument(await viewer.Http.GetStringAsync("/?days=7"));

        // The last activity is 2026-02-07 (Coffee Club's leave); 7 days end there, compared with the 7 before.
        doc.QuerySelector("#overview-range")!.TextContent.ShouldContain("2/1/2026");
        doc.QuerySelector("#overview-range")!.TextContent.ShouldContain("2/7/2026");
        var kpis = doc.QuerySelectorAll("#overview-kpis [data-kpi]").ToDictionary(e => e.GetAttribute("data-kpi")!, e => e.QuerySelector(".stat-value")!.TextContent);
        kpis.Keys.ShouldBe(["Members", "NetGrowth", "Dau", "Wau", "Mau", "Stickiness", "ResponseTime"]);
        kpis["Members"].ShouldBe("6");
        kpis["NetGrowth"].ShouldBe("6");
        doc.QuerySelector("#overview-periods a.btn-secondary")!.TextContent.ShouldBe("Last 7 days");
        doc.QuerySelectorAll("#attention-silent li, #attention-falling li, #attention-slow li").Select(li => li.QuerySelector(".user-text")!.TextContent)
            .ShouldAllBe(name => name == "Coffee Club" || name == WebData.HostileCommunity);
        (await viewer.Http.GetAsync("/?days=12")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task CSV_downloads_neutralize_spreadsheet_formulas_and_keep_Chinese_readable()
    {
        await using var host = await TestWebHost.StartAsync();
        host.Import("alpha", WebData.Alpha(_files));
        await host.AddUserAsync("op@example.com", Role.Operator, "alpha");
        var user = await host.SignInAsync("op@example.com", "password-of-op@example.com");
        var ids = await IdsAsync(host);

        var members = await user.Http.GetByteArrayAsync($"/communities/{ids.Coffee}/members.csv");
        var communities = await user.Http.GetByteArrayAsync("/communities.csv");

        members.Take(3).ShouldBe(Encoding.UTF8.GetPreamble());
        var rows = Encoding.UTF8.GetString(members[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        rows[0].ShouldBe("ID,Name,Platform ID,Staff,Bot,Messages,Last activity,Layer,Tags");
        rows.ShouldContain(r => r.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",u7,0,0,0,", StringComparison.Ordinal));
        rows.ShouldContain(r => r.Contains(",小明,u2,0,0,2,2026-02-06T00:00:00+00:00", StringComparison.Ordinal));
        rows.Skip(1).Select(r => r.Split(',')[1]).ShouldAllBe(name => !"=+-@\t\r".Contains(name[0]) || name.StartsWith("\"'", StringComparison.Ordinal));
        Encoding.UTF8.GetString(communities).ShouldContain("\"<b>Bold</b> 咖啡社群 \"\"quoted\"\"\"");
    }

    [Fact]
    public async Task The_language_follows_the_browser_until_the_user_picks_one_which_follows_them_to_other_browsers()
    {
        await using var host = await TestWebHost.StartAsync();
        host.Import("alpha", WebData.Alpha(_files));
        await host.AddUserAsync("mei@example.com", Role.Operator, "alpha");

        var chineseBrowser = await host.SignInAsync("mei@example.com", "password-of-mei@example.com", acceptLanguage: "zh-Hans-CN,zh;q=0.9,en;q=0.5");
        var zhPage = new HtmlParser().ParseDocument(await chineseBrowser.Http.GetStringAsync("/communities"));
        zhPage.DocumentElement.GetAttribute("lang").ShouldBe("zh-CN");
        zhPage.QuerySelector("h1")!.TextContent.ShouldBe("社群");

        var englishBrowser = await host.SignInAsync("mei@example.com", "password-of-mei@example.com", acceptLanguage: "en-GB");
        new HtmlParser().ParseDocument(await englishBrowser.Http.GetStringAsync("/communities")).QuerySelector("h1")!.TextContent.ShouldBe("Communities");
        var switched = await englishBrowser.PostFormAsync("/language", new() { ["lang"] = "zh-CN", ["returnUrl"] = "/communities" });
        switched.Headers.Location!.ToString().ShouldBe("/communities");
        new HtmlParser().ParseDocument(await englishBrowser.Http.GetStringAsync("/communities")).QuerySelector("h1")!.TextContent.ShouldBe("社群");

        var thirdBrowser = await host.SignInAsync("mei@example.com", "password-of-mei@example.com", acceptLanguage: "en-US");
        var page = new HtmlParser().ParseDocument(await thirdBrowser.Http.GetStringAsync("/communities"));
        page.QuerySelector("h1")!.TextContent.ShouldBe("社群");
        page.DocumentElement.GetAttribute("lang").ShouldBe("zh-CN");
    }

    [Fact]
    public async Task Numbers_and_dates_are_written_the_way_each_language_writes_them()
    {
        await using var host = await TestWebHost.StartAsync();
        host.Import("alpha", WebData.Alpha(_files));
        var ids = await IdsAsync(host);
        var en = await host.SignInAsync(acceptLanguage: "en");
        var zh = await host.SignInAsync(acceptLanguage: "zh-CN");

        var enDate = new HtmlParser().ParseDocument(await en.Http.GetStringAsync($"/members/{ids.Script}")).QuerySelector("#timeline time")!.TextContent;
        var zhDate = new HtmlParser().ParseDocument(await zh.Http.GetStringAsync($"/members/{ids.Script}")).QuerySelector("#timeline time")!.TextContent;

        // 20:02 at +08:00, shown in the community's zone (UTC: the JSONL import did not name one).
        var instant = new DateTime(2026, 2, 5, 12, 2, 0);
        enDate.ShouldBe(instant.ToString("g", System.Globalization.CultureInfo.GetCultureInfo("en")));
        zhDate.ShouldBe(instant.ToString("g", System.Globalization.CultureInfo.GetCultureInfo("zh-CN")));
        zhDate.ShouldStartWith("2026/2/5");
        enDate.ShouldStartWith("2/5/2026");
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task Every_visible_string_on_every_page_comes_from_the_resources(string language)
    {
        await using var host = await TestWebHost.StartAsync();
        host.Import("alpha", WebData.Alpha(_files));
        var ids = await IdsAsync(host);
        var admin = await host.SignInAsync(acceptLanguage: language);
        var anonymous = host.Client();
        anonymous.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        anonymous.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        var pages = new List<(string Url, string Html)> { ("/login", await anonymous.GetStringAsync("/login")) };
        foreach (var url in new[] { "/", "/communities", $"/communities/{ids.Coffee}", $"/communities/{ids.Coffee}/members", $"/members/{ids.Script}", "/imports", "/settings", "/account",
            "/inspection/findings", "/inspection/spotchecks", "/inspection/rules", "/inspection/operators" })
        {
            pages.Add((url, await admin.Http.GetStringAsync(url)));
        }
        var missing = await admin.Http.GetAsync("/communities/999999");
        pages.Add(("404", await missing.Content.ReadAsStringAsync()));
        var badValue = await admin.Http.GetAsync("/?days=12");
        pages.Add(("400", await badValue.Content.ReadAsStringAsync()));
        var forged = await admin.Http.PostAsync("/language", new FormUrlEncodedContent(new Dictionary<string, string> { ["lang"] = "en" }));
        pages.Add(("anti-forgery 400", await forged.Content.ReadAsStringAsync()));

        var english = language == "en";
        foreach (var (url, html) in pages)
        {
            var doc = new HtmlParser().ParseDocument(html);
            // What is left once data (chat text, platform names, e-mails, codes) is set aside must be in the page's language.
            var words = VisibleText(doc.Body!).SelectMany(t => Words().Matches(t).Select(m => m.Value)).Where(w => !Allowed.Contains(w)).ToList();
            if (english)
            {
                words.ShouldNotBeEmpty(url);
            }
            else
            {
                words.ShouldBeEmpty($"{url} shows untranslated text: {string.Join(" ", words)}");
            }
            doc.Title!.ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public void Both_resource_files_have_the_same_keys_and_every_key_used_exists()
    {
        var root = Path.Combine(SolutionRoot(), "src", "CommunityOps.Web");
        var en = Keys(Path.Combine(root, "Resources", "Strings.resx"));
        var zh = Keys(Path.Combine(root, "Resources", "Strings.zh-Hans.resx"));
        var used = Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal))
            .SelectMany(f => UsedKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet();

        zh.ShouldBe(en, ignoreOrder: true);
        used.Where(k => !en.Contains(k)).ShouldBeEmpty();
        used.Count.ShouldBeGreaterThan(50);
    }

    // Names that stay as they are in Chinese text too.
    private static readonly HashSet<string> Allowed = ["CommunityOps", "English", "CSV", "Excel", "ID", "API", "zip"];

    private static IEnumerable<string> VisibleText(IElement element)
    {
        foreach (var node in element.ChildNodes)
        {
            if (node is IElement child)
            {
                if (child.LocalName is "script" or "style" or "code" or "time" || child.GetAttribute("translate") == "no" || child.ClassList.Contains("user-text") || child.Id is "signed-in-as")
                {
                    continue;
                }
                foreach (var text in VisibleText(child))
                {
                    yield return text;
                }
                foreach (var attribute in new[] { "placeholder", "aria-label", "title" })
                {
                    if (child.GetAttribute(attribute) is { } value && !child.HasAttribute("translate"))
                    {
                        yield return value;
                    }
                }
            }
            else if (node.NodeType == NodeType.Text)
            {
                yield return node.TextContent;
            }
        }
    }

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex Words();

    [GeneratedRegex("""\b[Ll]\["([A-Za-z0-9.]+)"\]""")]
    private static partial Regex UsedKey();

    private static HashSet<string> Keys(string resx) =>
        Regex.Matches(File.ReadAllText(resx), "<data name=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToHashSet();

    private static string SolutionRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CommunityOps.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("CommunityOps.slnx not found above the test binaries");
    }

    private static async Task<(long Coffee, long Hostile, long Script, long Img, long Rtl)> IdsAsync(TestWebHost host)
    {
        await using var db = host.Store.CreateDbContext();
        var coffee = await db.Communities.SingleAsync(c => c.SourceId == "c1");
        var hostile = await db.Communities.SingleAsync(c => c.SourceId == "c2");
        var script = await db.Members.SingleAsync(m => m.SourceId == "u3" && m.CommunityId == coffee.Id);
        var img = await db.Members.SingleAsync(m => m.SourceId == "u4");
        var rtl = await db.Members.SingleAsync(m => m.SourceId == "u5");
        return (coffee.Id, hostile.Id, script.Id, img.Id, rtl.Id);
    }

    public void Dispose() => _files.Dispose();
}
