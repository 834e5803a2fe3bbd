using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace CommunityOps.Web.Hosting;

/// <summary>
/// The dashboard speaks English and Simplified Chinese. The choice is a cookie (set by the switch and at
/// sign-in from the user's saved preference); without it, the browser's Accept-Language decides.
/// </summary>
public static class Languages
{
    public const string English = "en";
    public const string Chinese = "zh-CN";
    public const string CookieName = "co.lang";

    public static IReadOnlyList<string> Supported { get; } = [English, Chinese];

    /// <summary>Maps what browsers and users send (zh, zh-Hans-CN, en-GB, ...) to a supported language.</summary>
    public static string? Normalize(string? value)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
        {
            return null;
        }
        if (v.StartsWith("zh", StringComparison.OrdinalIgnoreCase))
        {
            return Chinese;
        }
        return v.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : null;
    }

    public static void Remember(HttpResponse response, string language, bool secure) =>
        response.Cookies.Append(CookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)), new CookieOptions
        {
            Expires = DateTimeOffset.UnixEpoch.AddYears(200),
            HttpOnly = true,
            IsEssential = true,
            SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax,
            Secure = secure,
        });

    public static IServiceCollection AddCommunityOpsLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Supported.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture(English);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.RequestCultureProviders = [new CookieRequestCultureProvider { CookieName = CookieName }, new BrowserLanguageProvider()];
        });
        return services;
    }

    /// <summary>Accept-Language by quality, mapped with <see cref="Normalize"/> (the built-in provider misses zh and zh-Hans).</summary>
    private sealed class BrowserLanguageProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            if (StringWithQualityHeaderValue.TryParseList(httpContext.Request.Headers.AcceptLanguage, out var values))
            {
                foreach (var value in values.OrderByDescending(v => v.Quality ?? 1))
                {
                    if (Normalize(value.Value.Value) is { } language)
                    {
                        return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(language));
                    }
                }
            }
            return NullProviderCultureResult;
        }
    }
}
