using System.Diagnostics;
using Microsoft.Playwright;

namespace CommunityOps.Tests.Infra;

public static class PageWaits
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Waits until the page is at an address that <paramref name="arrived"/> accepts and its document has
    /// been parsed. Playwright's WaitForURLAsync, when the address already matches, waits for the load
    /// event as its client last recorded it, and under load in CI (2026-11-22) that record missed the
    /// load of the page just reached: the sign-in's redirect had landed and the wait still ran out after
    /// 120 s. This asks the page itself instead.
    /// </summary>
    public static async Task WaitForPageAsync(this IPage page, Func<Uri, bool> arrived)
    {
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            if (arrived(new Uri(page.Url)))
            {
                try
                {
                    if (await page.EvaluateAsync<string>("() => document.readyState") != "loading")
                    {
                        return;
                    }
                }
                catch (PlaywrightException)
                {
                    // The document was replaced while we asked: ask the next one.
                }
            }
            if (Stopwatch.GetElapsedTime(start) > Timeout)
            {
                throw new TimeoutException($"the page did not arrive in {Timeout.TotalSeconds} s; it is at {page.Url}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>An address whose path is exactly <paramref name="path"/>, whatever its query.</summary>
    public static Func<Uri, bool> Path(string path) => uri => uri.AbsolutePath == path;

    /// <summary>An address whose query holds <paramref name="parameter"/> (name=value, as sent).</summary>
    public static Func<Uri, bool> Query(string parameter) =>
        uri => uri.Query.TrimStart('?').Split('&').Contains(parameter, StringComparer.Ordinal);
}
