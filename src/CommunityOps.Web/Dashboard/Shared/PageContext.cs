using CommunityOps.Accounts;
using Microsoft.AspNetCore.Antiforgery;

namespace CommunityOps.Web.Dashboard.Shared;

/// <summary>
/// Prepared before a page renders (by the dashboard's endpoint filter), because headers and cookies
/// must be set before the body starts: the anti-forgery token for the page's forms.
/// </summary>
public static class PageContext
{
    private const string TokenKey = "co.csrf-token";

    public static void Prepare(HttpContext http)
    {
        if (!http.Items.ContainsKey(TokenKey))
        {
            var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
            http.Items[TokenKey] = tokens.RequestToken;
        }
    }

    public static string CsrfToken(HttpContext http) => http.Items[TokenKey] as string ?? "";

    /// <summary>A local path to come back to after a form post; anything else (another site) becomes "/".</summary>
    public static string LocalOrRoot(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";

    public static string PathAndQuery(HttpRequest request) => request.Path + request.QueryString;

    public static bool Allows(WorkspaceRole? workspace, Permission permission) => workspace is not null && workspace.Role.Allows(permission);
}
