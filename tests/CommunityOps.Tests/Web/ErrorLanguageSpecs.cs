using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using CommunityOps.Accounts;
using CommunityOps.Tests.Infra;

namespace CommunityOps.Tests.Web;

/// <summary>A refused request is explained in the language the request asks for: Core's messages and the host's own.</summary>
public sealed class ErrorLanguageSpecs : IDisposable
{
    private readonly TempFiles _files = new();

    private async Task<TestWebHost> StartAsync()
    {
        var host = await TestWebHost.StartAsync();
        host.Import("alpha", WebData.Alpha(_files));
        return host;
    }

    private static HttpClient Speaking(HttpClient client, string language)
    {
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    private static async Task<JsonElement> RefusedAsync(Task<HttpResponseMessage> request)
    {
        var response = await request;
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_refused_spot_check_plan_is_explained_in_Chinese_or_English_as_asked()
    {
        await using var host = await StartAsync();
        var key = await host.KeyAsync("alpha", Role.Inspector);
        var zh = Speaking(host.Client(key), "zh-CN");
        var en = Speaking(host.Client(key), "en");
        var backwards = new { name = "feb", from = "2026-03-01T00:00:00+08:00", to = "2026-02-01T00:00:00+08:00", mode = "count", amount = 1 };
        var unnamed = new { name = " ", from = "2026-02-01T00:00:00+08:00", to = "2026-03-01T00:00:00+08:00", mode = "count", amount = 1 };

        var zhBackwards = await RefusedAsync(zh.PostAsJsonAsync("/api/inspection/spotchecks", backwards));
        var enBackwards = await RefusedAsync(en.PostAsJsonAsync("/api/inspection/spotchecks", backwards));
        var zhUnnamed = await RefusedAsync(zh.PostAsJsonAsync("/api/inspection/spotchecks", unnamed));
        var enUnnamed = await RefusedAsync(en.PostAsJsonAsync("/api/inspection/spotchecks", unnamed));

        zhBackwards.GetProperty("detail").GetString().ShouldBe("时段的开始必须早于结束");
        enBackwards.GetProperty("detail").GetString().ShouldBe("the period's start must be before its end");
        (zhUnnamed.GetProperty("detail").GetString(), zhUnnamed.GetProperty("errors").GetProperty("name")[0].GetString()).ShouldBe(("name：必填", "必填"));
        (enUnnamed.GetProperty("detail").GetString(), enUnnamed.GetProperty("errors").GetProperty("name")[0].GetString()).ShouldBe(("name: required", "required"));
    }

    [Fact]
    public async Task A_refused_rule_set_lists_its_mistakes_in_Chinese_or_English_as_asked()
    {
        await using var host = await StartAsync();
        var key = await host.KeyAsync("alpha", Role.Manager);
        var json = """{ "name": "web", "rules": [ { "name": "typo", "type": "keyword", "category": "ads" } ] }""";

        var zh = await RefusedAsync(Speaking(host.Client(key), "zh-CN").PutAsJsonAsync("/api/inspection/rules", new { json }));
        var en = await RefusedAsync(Speaking(host.Client(key), "en").PutAsJsonAsync("/api/inspection/rules", new { json }));

        zh.GetProperty("errors")[0].GetProperty("message").GetString().ShouldStartWith("规则“typo”的类型“keyword”未知；可用类型：keywords, regex");
        zh.GetProperty("detail").GetString().ShouldStartWith("规则集有 1 处错误：rules[0] (typo)：规则“typo”的类型“keyword”未知");
        en.GetProperty("errors")[0].GetProperty("message").GetString().ShouldStartWith("Rule 'typo' has unknown type 'keyword'; known: keywords, regex");
        en.GetProperty("detail").GetString().ShouldStartWith("the rule set has 1 mistake(s): rules[0] (typo): Rule 'typo' has unknown type 'keyword'");
    }

    [Fact]
    public async Task A_page_refusing_a_value_says_why_in_the_pages_language()
    {
        await using var host = await StartAsync();
        await host.AddUserAsync("op@example.com", Role.Viewer, "alpha");
        var zh = await host.SignInAsync("op@example.com", "password-of-op@example.com", acceptLanguage: "zh-CN");
        var en = await host.SignInAsync("op@example.com", "password-of-op@example.com", acceptLanguage: "en");

        var zhPage = await zh.Http.GetAsync("/?days=5");
        var enPage = await en.Http.GetAsync("/?days=5");

        (zhPage.StatusCode, enPage.StatusCode).ShouldBe((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest));
        Detail(await zhPage.Content.ReadAsStringAsync()).ShouldBe("days：应为以下之一：7, 30, 90");
        Detail(await enPage.Content.ReadAsStringAsync()).ShouldBe("days: expected one of: 7, 30, 90");
    }

    [Fact]
    public async Task A_failed_import_is_explained_in_the_language_of_whoever_reads_it_later()
    {
        await using var host = await TestWebHost.StartAsync();
        var key = await host.KeyAsync("acme", Role.Operator);
        var en = Speaking(host.Client(key), "en");
        var zh = Speaking(host.Client(key), "zh-CN");
        var bad = WebData.Message("c9", "m1", "u2", "noon", "hi") + "\n";

        var uploaded = await en.PostAsync("/api/imports", ImportsApiSpecs.Files(("bad.jsonl", bad)));
        var job = uploaded.Headers.Location!.ToString();
        var english = await ImportsApiSpecs.PollAsync(en, job);
        var chinese = await ImportsApiSpecs.PollAsync(zh, job);

        english.GetProperty("error").GetString().ShouldBe("bad.jsonl:1: field 'time': 'noon' is not an RFC 3339 time with an offset (2026-01-05T20:31:00+08:00)");
        chinese.GetProperty("error").GetString().ShouldBe("bad.jsonl:1：字段“time”：“noon”不是带时区偏移的 RFC 3339 时间（如 2026-01-05T20:31:00+08:00）");
    }

    private static string Detail(string html) => new HtmlParser().ParseDocument(html).QuerySelector("#error-server-detail")!.TextContent.Trim();

    public void Dispose() => _files.Dispose();
}
