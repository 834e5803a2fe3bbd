using System.Globalization;
using System.Security.Claims;
using CommunityOps.Accounts;
using CommunityOps.Storage;
using CommunityOps.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Web.Accounts;

/// <summary>
/// Who is calling and what they may do, per workspace. Every endpoint and page asks here before it
/// answers: a resource of a workspace the caller does not belong to is 404 (its existence is not
/// confirmed), a resource the caller's role may not see is 403.
/// </summary>
public sealed class Caller(IHttpContextAccessor accessor, AccountService accounts, AppDbContext db)
{
    public const string WorkspaceCookie = "co.workspace";

    private IReadOnlyList<WorkspaceRole>? _workspaces;

    private ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public long? ApiKeyId => ClaimAsLong(Authentication.ApiKeyClaim);

    public long? UserId => ApiKeyId is null ? ClaimAsLong(ClaimTypes.NameIdentifier) : null;

    public string? Email => Principal.FindFirstValue(ClaimTypes.Email);

    public async Task<IReadOnlyList<WorkspaceRole>> WorkspacesAsync(CancellationToken ct = default)
    {
        if (_workspaces is not null)
        {
            return _workspaces;
        }
        if (ApiKeyId is not null && ClaimAsLong(Authentication.WorkspaceClaim) is { } keyWorkspace
            && Roles.TryParse(Principal.FindFirstValue(ClaimTypes.Role), out var keyRole))
        {
            var name = await db.Workspaces.Where(w => w.Id == keyWorkspace).Select(w => w.Name).SingleOrDefaultAsync(ct);
            _workspaces = name is null ? [] : [new WorkspaceRole(keyWorkspace, name, keyRole)];
        }
        else
        {
            _workspaces = UserId is { } userId ? await accounts.WorkspacesOfAsync(userId, ct) : [];
        }
        return _workspaces;
    }

    public async Task<WorkspaceRole?> InAsync(long workspaceId, CancellationToken ct = default) =>
        (await WorkspacesAsync(ct)).FirstOrDefault(w => w.Id == workspaceId);

    /// <summary>Null when the caller may do this in the workspace; otherwise the 404 or 403 to answer.</summary>
    public async Task<ProblemHttpResult?> DenyAsync(long? workspaceId, Permission permission, CancellationToken ct = default)
    {
        // The hot path for automation: a key's workspace and role are in its claims; no query needed.
        if (ApiKeyId is not null && _workspaces is null && ClaimAsLong(Authentication.WorkspaceClaim) is { } keyWorkspace
            && Roles.TryParse(Principal.FindFirstValue(ClaimTypes.Role), out var keyRole))
        {
            return workspaceId != keyWorkspace ? ErrorResponses.NotFound()
                : keyRole.Allows(permission) ? null
                : ErrorResponses.Problem(StatusCodes.Status403Forbidden, $"the {keyRole.Name()} role does not allow this");
        }
        var workspace = workspaceId is { } id ? await InAsync(id, ct) : null;
        if (workspace is null)
        {
            return ErrorResponses.NotFound();
        }
        return workspace.Role.Allows(permission)
            ? null
            : ErrorResponses.Problem(StatusCodes.Status403Forbidden, $"the {workspace.Role.Name()} role does not allow this");
    }

    /// <summary>
    /// The workspace a list or upload works on: the one asked for, else the one chosen in the dashboard
    /// (a user's cookie), else the caller's first. Denied like <see cref="DenyAsync"/>.
    /// </summary>
    public async Task<(WorkspaceRole? Workspace, ProblemHttpResult? Denied)> WorkspaceAsync(long? requested, Permission permission, CancellationToken ct = default)
    {
        var workspace = await CurrentAsync(requested, ct);
        if (workspace is null)
        {
            return (null, ErrorResponses.NotFound());
        }
        return workspace.Role.Allows(permission)
            ? (workspace, null)
            : (null, ErrorResponses.Problem(StatusCodes.Status403Forbidden, $"the {workspace.Role.Name()} role does not allow this"));
    }

    public async Task<WorkspaceRole?> CurrentAsync(long? requested = null, CancellationToken ct = default)
    {
        var all = await WorkspacesAsync(ct);
        if (requested is { } id)
        {
            return all.FirstOrDefault(w => w.Id == id);
        }
        var chosen = accessor.HttpContext?.Request.Cookies[WorkspaceCookie];
        if (ApiKeyId is null && long.TryParse(chosen, CultureInfo.InvariantCulture, out var chosenId) && all.FirstOrDefault(w => w.Id == chosenId) is { } w)
        {
            return w;
        }
        return all.Count > 0 ? all[0] : null;
    }

    private long? ClaimAsLong(string type) =>
        long.TryParse(Principal.FindFirstValue(type), CultureInfo.InvariantCulture, out var value) ? value : null;
}
