using System.Security.Claims;
using System.Threading.RateLimiting;
using CommunityOps.Accounts;
using CommunityOps.Web.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace CommunityOps.Web.Accounts;

/// <summary>
/// People sign in with a cookie; automation sends an API key as a bearer token. Every endpoint needs one
/// of them unless it says AllowAnonymous; what each caller may then see is decided by <see cref="Caller"/>.
/// </summary>
public static class Authentication
{
    public const string Scheme = "CommunityOps";
    public const string ApiKeyScheme = "ApiKey";
    public const string LoginRateLimit = "login";
    public const string CookieName = "co.session";
    public const string StampClaim = "co:stamp";
    public const string ApiKeyClaim = "co:key";
    public const string WorkspaceClaim = "co:workspace";

    public static IServiceCollection AddCommunityOpsAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var web = configuration.GetSection(WebOptions.Section).Get<WebOptions>() ?? new WebOptions();
        var secure = web.SecureCookiesOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, Scheme, o => o.ForwardDefaultSelector = http =>
                IsBearer(http.Request) ? ApiKeyScheme : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyScheme, null)
            .AddCookie(o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = secure;
                o.ExpireTimeSpan = web.SessionLifetime;
                o.SlidingExpiration = true;
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.AccessDeniedPath = "/login";
                o.Events.OnRedirectToLogin = context => ApiAwareAsync(context, StatusCodes.Status401Unauthorized, "sign in, or send an API key as 'Authorization: Bearer co_...'");
                o.Events.OnRedirectToAccessDenied = context => ApiAwareAsync(context, StatusCodes.Status403Forbidden, "your role does not allow this");
                o.Events.OnValidatePrincipal = ValidateSessionAsync;
            });

        // Endpoints are private unless they opt out: a new endpoint cannot be public by accident.
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddAntiforgery(o =>
        {
            o.HeaderName = "X-CSRF-TOKEN";
            o.Cookie.Name = "co.csrf";
            o.Cookie.SecurePolicy = secure;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        services.AddRateLimiter(o =>
        {
            o.AddPolicy(LoginRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = http.RequestServices.GetRequiredService<IOptions<WebOptions>>().Value.LoginAttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            o.OnRejected = (context, _) => new ValueTask(ErrorResponses.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests,
                "too many sign-in attempts from this address; wait a minute"));
        });
        return services;
    }

    public static bool IsBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    public static ClaimsPrincipal PrincipalFor(User user) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Email, user.Email),
            new Claim(StampClaim, user.SecurityStamp),
        ],
        CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>
    /// Unsafe requests that could ride on the browser's cookie must carry the anti-forgery token (form
    /// field or X-CSRF-TOKEN header). Bearer requests are exempt: a browser never adds that header by itself.
    /// </summary>
    public static void UseCookieCsrfProtection(this WebApplication app) => app.Use(async (http, next) =>
    {
        var method = http.Request.Method;
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method) && !HttpMethods.IsTrace(method)
            && !IsBearer(http.Request))
        {
            await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
        }
        await next(http);
    });

    private static async Task ApiAwareAsync(RedirectContext<CookieAuthenticationOptions> context, int status, string detail)
    {
        if (ErrorResponses.WantsHtml(context.Request))
        {
            context.Response.Redirect(context.RedirectUri);
            return;
        }
        if (status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }
        await ErrorResponses.WriteAsync(context.HttpContext, status, detail);
    }

    /// <summary>A cookie stops working when its user is disabled, removed, or changes password.</summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = context.Principal?.FindFirstValue(StampClaim);
        var accounts = context.HttpContext.RequestServices.GetRequiredService<AccountService>();
        var user = long.TryParse(id, out var userId) ? await accounts.FindUserAsync(userId, context.HttpContext.RequestAborted) : null;
        if (user is null || user.DisabledAt is not null || user.SecurityStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
