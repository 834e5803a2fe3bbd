using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using CommunityOps.Accounts;
using CommunityOps.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CommunityOps.Web.Accounts;

/// <summary>`Authorization: Bearer co_...`: the key's workspace and role become the caller's only access.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Authentication.IsBearer(Request))
        {
            return AuthenticateResult.NoResult();
        }
        var secret = Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        var key = await keys.AuthenticateAsync(secret, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("unknown or revoked API key");
        }
        var identity = new ClaimsIdentity(
            [
                new Claim(Authentication.ApiKeyClaim, key.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(Authentication.WorkspaceClaim, key.WorkspaceId.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Role, key.Role.Name()),
                new Claim(ClaimTypes.Name, key.Name),
            ],
            Authentication.ApiKeyScheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Authentication.ApiKeyScheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        await ErrorResponses.WriteAsync(Context, StatusCodes.Status401Unauthorized, "the API key is unknown or revoked");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ErrorResponses.WriteAsync(Context, StatusCodes.Status403Forbidden, "the API key's role does not allow this");
}
