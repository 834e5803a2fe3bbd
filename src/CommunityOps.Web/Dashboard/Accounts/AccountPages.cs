using CommunityOps.Accounts;
using CommunityOps.Web.Accounts;
using CommunityOps.Web.Dashboard.Shared;
using CommunityOps.Web.Hosting;
using CommunityOps.Web.Resources;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CommunityOps.Web.Dashboard.Accounts;

/// <summary>Sign-in, sign-out, and the two choices a person makes in the top bar: language and workspace.</summary>
public static class AccountPages
{
    public sealed class LoginForm
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
        public string? ReturnUrl { get; set; }
    }

    public sealed class LanguageForm
    {
        public string? Lang { get; set; }
        public string? ReturnUrl { get; set; }
    }

    public sealed class WorkspaceForm
    {
        public long? Workspace { get; set; }
        public string? ReturnUrl { get; set; }
    }

    public sealed class PasswordForm
    {
        public string? Current { get; set; }
        public string? Replacement { get; set; }
    }

    public static void MapAccountPages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/account", (Caller caller) => caller.UserId is null
            ? Results.NotFound()
            : new RazorComponentResult<AccountPage>(new { caller.Email }));
        pages.MapPost("/account/password", ChangePasswordAsync).RequireRateLimiting(Authentication.LoginRateLimit);
        pages.MapGet("/login", (HttpContext http, string? returnUrl) =>
            http.User.Identity?.IsAuthenticated == true
                ? Results.Redirect(PageContext.LocalOrRoot(returnUrl))
                : new RazorComponentResult<LoginPage>(new { ReturnUrl = PageContext.LocalOrRoot(returnUrl) }))
            .AllowAnonymous();
        pages.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(Authentication.LoginRateLimit);
        pages.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.Redirect("/login");
        });
        pages.MapPost("/language", LanguageAsync).AllowAnonymous();
        pages.MapPost("/workspace", async ([FromForm] WorkspaceForm? form, Caller caller, HttpContext http, IOptions<WebOptions> options) =>
        {
            // A post without any of the form's fields binds no object at all.
            form ??= new();
            // Only a workspace the caller belongs to is remembered; anything else is ignored.
            if (form.Workspace is { } id && await caller.InAsync(id) is not null)
            {
                http.Response.Cookies.Append(Caller.WorkspaceCookie, id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    new CookieOptions { HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = options.Value.SecureCookiesOnly || http.Request.IsHttps });
            }
            return TypedResults.Redirect(PageContext.LocalOrRoot(form.ReturnUrl));
        });
    }

    private static async Task<IResult> LoginAsync([FromForm] LoginForm? form, HttpContext http, AccountService accounts, IOptions<WebOptions> options)
    {
        // A post without any of the form's fields binds no object at all.
        form ??= new();
        var user = string.IsNullOrEmpty(form.Email) || string.IsNullOrEmpty(form.Password)
            ? null
            : await accounts.VerifyPasswordAsync(form.Email, form.Password, http.RequestAborted);
        if (user is null)
        {
            return new RazorComponentResult<LoginPage>(new { Failed = true, form.Email, ReturnUrl = PageContext.LocalOrRoot(form.ReturnUrl) })
            {
                StatusCode = StatusCodes.Status401Unauthorized,
            };
        }
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Authentication.PrincipalFor(user));
        // The user's saved language follows them to every browser they sign in from.
        if (Languages.Normalize(user.Language) is { } language)
        {
            Languages.Remember(http.Response, language, options.Value.SecureCookiesOnly || http.Request.IsHttps);
        }
        return TypedResults.Redirect(PageContext.LocalOrRoot(form.ReturnUrl));
    }

    private static async Task<IResult> ChangePasswordAsync([FromForm] PasswordForm? form, HttpContext http, Caller caller, AccountService accounts)
    {
        // A post without any of the form's fields binds no object at all.
        form ??= new();
        if (caller.UserId is not { } userId)
        {
            return Results.NotFound();
        }
        if ((form.Replacement ?? "").Length < AccountService.MinPasswordLength)
        {
            return new RazorComponentResult<AccountPage>(new { caller.Email, Error = "Account.TooShort" }) { StatusCode = StatusCodes.Status400BadRequest };
        }
        var user = await accounts.ChangePasswordAsync(userId, form.Current ?? "", form.Replacement!, http.RequestAborted);
        if (user is null)
        {
            return new RazorComponentResult<AccountPage>(new { caller.Email, Error = "Account.WrongPassword" }) { StatusCode = StatusCodes.Status400BadRequest };
        }
        // This browser stays signed in with the new stamp; every other session of the user ends.
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Authentication.PrincipalFor(user));
        return new RazorComponentResult<AccountPage>(new { caller.Email, Changed = true });
    }

    private static async Task<IResult> LanguageAsync([FromForm] LanguageForm? form, HttpContext http, Caller caller, AccountService accounts, IOptions<WebOptions> options)
    {
        // A post without any of the form's fields binds no object at all.
        form ??= new();
        if (Languages.Normalize(form.Lang) is not { } language)
        {
            throw new FieldException("lang", Strings.Problem("OneOf", string.Join(", ", Languages.Supported)));
        }
        Languages.Remember(http.Response, language, options.Value.SecureCookiesOnly || http.Request.IsHttps);
        if (caller.UserId is { } userId)
        {
            await accounts.SetLanguageAsync(userId, language, http.RequestAborted);
        }
        return TypedResults.Redirect(PageContext.LocalOrRoot(form.ReturnUrl));
    }
}
