using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using CommunityOps.Accounts;
using CommunityOps.Ingestion;
using CommunityOps.Storage;
using CommunityOps.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityOps.Tests.Infra;

/// <summary>
/// The real web host (WebApp.BuildAsync, the same entry `communityops serve` uses) on Kestrel at a free
/// loopback port, over a fresh <see cref="TestStore"/>. Clients talk HTTP to it like any other client.
/// </summary>
public sealed partial class TestWebHost : IAsyncDisposable
{
    public const string AdminEmail = "admin@localhost";
    public const string AdminPassword = "correct horse battery staple";

    private readonly TestStore _store;
    private readonly bool _ownsStore;
    private readonly List<HttpClient> _clients = [];

    private TestWebHost(TestStore store, bool ownsStore, WebApplication app, Uri baseAddress, string output)
    {
        _store = store;
        _ownsStore = ownsStore;
        App = app;
        BaseAddress = baseAddress;
        StartupOutput = output;
    }

    public WebApplication App { get; }
    public Uri BaseAddress { get; }
    public Store Store => _store.Store;
    public string Db => _store.Db;

    /// <summary>What the host printed while starting (the first-start admin notice).</summary>
    public string StartupOutput { get; }

    /// <summary>A host over a new store, or over <paramref name="store"/> (then the caller disposes it: several hosts may share it).</summary>
    public static async Task<TestWebHost> StartAsync(string provider = "sqlite", IReadOnlyDictionary<string, string?>? settings = null,
        string? adminPassword = AdminPassword, TestStore? store = null)
    {
        var owns = store is null;
        store ??= await TestStore.CreateAsync(provider);
        var app = await BuildAsync(store.Db, settings, adminPassword);
        await app.App.StartAsync();
        return new TestWebHost(store, owns, app.App, Address(app.App), app.Output.ToString());
    }

    internal static async Task<(WebApplication App, StringWriter Output)> BuildAsync(string db, IReadOnlyDictionary<string, string?>? settings, string? adminPassword, bool demo = false)
    {
        // The background inspection pass is off unless a test asks for it: it would compile the default
        // rule set in every host and add findings while tests look at the store.
        var all = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning", ["Inspection:RunInBackground"] = "false" };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            all[k] = v;
        }
        var output = new StringWriter();
        // An empty password means "generate one"; the environment variable is not consulted in tests.
        var app = await WebApp.BuildAsync(new WebAppOptions { Db = db, Urls = "http://127.0.0.1:0", AdminPassword = adminPassword ?? "", Output = output, Settings = all, Demo = demo });
        return (app, output);
    }

    private static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>A client without credentials that does not follow redirects (tests look at them).</summary>
    public HttpClient Client(string? apiKey = null) => Client(new CookieContainer(), apiKey);

    public HttpClient Client(CookieContainer cookies, string? apiKey = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies }) { BaseAddress = BaseAddress };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        _clients.Add(client);
        return client;
    }

    /// <summary>A browser-like client signed in through the login form; it keeps the cookies and knows the CSRF token.</summary>
    public async Task<SignedInClient> SignInAsync(string email = AdminEmail, string password = AdminPassword, string? acceptLanguage = "en")
    {
        var cookies = new CookieContainer();
        var client = Client(cookies);
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        if (acceptLanguage is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }
        var login = await client.GetStringAsync("/login");
        var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = password,
            ["__RequestVerificationToken"] = CsrfToken(login),
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return new SignedInClient(client, CsrfToken(await client.GetStringAsync("/communities")), cookies);
    }

    public async Task<(long UserId, string Password)> AddUserAsync(string email, Role role, string workspace)
    {
        var added = await new AccountService(Store).AddUserAsync(email, role, workspace, "password-of-" + email);
        return (added.User.Id, "password-of-" + email);
    }

    public async Task<string> KeyAsync(string workspace, Role role) => (await new ApiKeyService(Store).CreateAsync(workspace, role)).Secret;

    public ImportSummary Import(string workspace, string path) =>
        new ImportService(Store).Import([path], new ImportOptions { Workspace = workspace });

    public static string CsrfToken(string html) =>
        CsrfPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("no CSRF token on the page");

    [GeneratedRegex("""name="__RequestVerificationToken" value="([^"]+)""")]
    private static partial Regex CsrfPattern();

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        await App.StopAsync();
        await App.DisposeAsync();
        if (_ownsStore)
        {
            await _store.DisposeAsync();
        }
    }
}

public sealed record SignedInClient(HttpClient Http, string CsrfToken, CookieContainer Cookies)
{
    public Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = CsrfToken;
        return Http.PostAsync(url, new FormUrlEncodedContent(fields));
    }
}
