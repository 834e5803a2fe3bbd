using Microsoft.Playwright;

namespace CommunityOps.Tests.Infra;

/// <summary>
/// Debian's Chromium (/usr/bin/chromium, installed by .ci/run) driven by Playwright. Never a downloaded
/// browser: the flags below also keep it from reaching the network on its own.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private Browser(IPlaywright playwright, IBrowser chromium)
    {
        _playwright = playwright;
        Chromium = chromium;
    }

    public IBrowser Chromium { get; }

    public static async Task<Browser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium package (bash .ci/run does)");
        }
        var playwright = await Playwright.CreateAsync();
        var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new Browser(playwright, chromium);
    }

    /// <summary>A fresh profile (no cookies) whose browser language is <paramref name="locale"/>; console errors are collected.</summary>
    public async Task<(IPage Page, List<string> Errors)> OpenAsync(Uri baseAddress, string locale = "en-US")
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), Locale = locale });
        var page = await context.NewPageAsync();
        // A shared 2-core machine can stall a page for longer than Playwright's 30 s default while the
        // test host, the database and Chromium compete; these are waits for what must happen, not sleeps.
        page.SetDefaultTimeout(120_000);
        page.SetDefaultNavigationTimeout(120_000);
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        return (page, errors);
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        _playwright.Dispose();
    }
}
