using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityOps.Accounts;
using CommunityOps.Tests.Infra;

namespace CommunityOps.Tests.Web;

/// <summary>Two servers on one store, as a team runs them behind a load balancer.</summary>
public sealed class MultiInstanceSpecs
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Instances_sharing_a_store_share_sessions_and_each_others_imports(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var a = await TestWebHost.StartAsync(store: store);
        await using var b = await TestWebHost.StartAsync(store: store);
        b.StartupOutput.ShouldBeEmpty();

        // Signed in at A, the same cookies and token work at B.
        var signedIn = await a.SignInAsync();
        var cookies = new CookieContainer();
        foreach (Cookie cookie in signedIn.Cookies.GetCookies(a.BaseAddress))
        {
            cookies.Add(b.BaseAddress, new Cookie(cookie.Name, cookie.Value));
        }
        var atB = b.Client(cookies);
        atB.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        (await atB.GetAsync("/communities")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var switched = await atB.PostAsync("/language", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["lang"] = "zh-CN", ["returnUrl"] = "/", ["__RequestVerificationToken"] = signedIn.CsrfToken,
        }));
        switched.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // Uploaded at A, followed at B.
        var key = await a.KeyAsync("default", Role.Operator);
        var upload = await a.Client(key).PostAsync("/api/imports", ImportsApiSpecs.Files(("feed.jsonl", WebData.Join("m1", "Shared Club", "u1", "Ann", "2026-03-01T09:00:00Z") + "\n")));
        var done = await ImportsApiSpecs.PollAsync(b.Client(key), upload.Headers.Location!.ToString());
        done.GetProperty("status").GetString().ShouldBe("succeeded");
        var atBList = await b.Client(key).GetFromJsonAsync<JsonElement>("/api/communities");
        atBList.GetProperty("communities").EnumerateArray().Single().GetProperty("name").GetString().ShouldBe("Shared Club");
    }
}
