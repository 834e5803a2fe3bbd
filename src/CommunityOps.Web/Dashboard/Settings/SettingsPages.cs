using CommunityOps.Accounts;
using CommunityOps.Web.Accounts;
using CommunityOps.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CommunityOps.Web.Dashboard.Settings;

public sealed record SettingsModel(
    WorkspaceRole Workspace, IReadOnlyList<ApiKey> Keys, IReadOnlyList<WorkspaceUser>? Users, NewApiKey? CreatedKey, NewUser? AddedUser, string? Error);

/// <summary>The workspace's API keys (managers and admins) and users (admins).</summary>
public static class SettingsPages
{
    public sealed class KeyForm
    {
        public long Workspace { get; set; }
        public string? Name { get; set; }
        public string? Role { get; set; }
    }

    public sealed class UserForm
    {
        public long Workspace { get; set; }
        public string? Email { get; set; }
        public string? Role { get; set; }
    }

    public static void MapSettingsPages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/settings", async (long? workspace, Caller caller, ApiKeyService keys, AccountService accounts, CancellationToken ct) =>
            await RenderAsync(workspace, caller, keys, accounts, null, null, null, ct));

        pages.MapPost("/settings/apikeys", async ([FromForm] KeyForm? form, Caller caller, ApiKeyService keys, AccountService accounts, CancellationToken ct) =>
        {
            // A post without any of the form's fields binds no object at all.
            form ??= new();
            if (await caller.DenyAsync(form.Workspace, Permission.ManageApiKeys, ct) is { } denied)
            {
                return DashboardPages.Denied(denied);
            }
            var mine = (await caller.InAsync(form.Workspace, ct))!.Role;
            if (!Roles.TryParse(form.Role, out var role) || role > mine || (role == Role.Admin && !mine.Allows(Permission.ManageUsers)))
            {
                return await RenderAsync(form.Workspace, caller, keys, accounts, null, null, "role", ct);
            }
            var created = await keys.CreateAsync(form.Workspace, role, form.Name, caller.UserId, ct);
            // Rendered, not redirected: this response is the only place the key is ever shown.
            return await RenderAsync(form.Workspace, caller, keys, accounts, created, null, null, ct);
        });

        pages.MapPost("/settings/apikeys/{keyId:long}/revoke", async (long keyId, [FromForm] KeyForm? form, Caller caller, ApiKeyService keys, CancellationToken ct) =>
        {
            // A post without any of the form's fields binds no object at all.
            form ??= new();
            if (await caller.DenyAsync(form.Workspace, Permission.ManageApiKeys, ct) is { } denied)
            {
                return DashboardPages.Denied(denied);
            }
            return await keys.RevokeAsync(form.Workspace, keyId, ct) ? Results.Redirect($"/settings?workspace={form.Workspace}") : Results.NotFound();
        });

        pages.MapPost("/settings/users", async ([FromForm] UserForm? form, Caller caller, ApiKeyService keys, AccountService accounts, CancellationToken ct) =>
        {
            // A post without any of the form's fields binds no object at all.
            form ??= new();
            if (await caller.DenyAsync(form.Workspace, Permission.ManageUsers, ct) is { } denied)
            {
                return DashboardPages.Denied(denied);
            }
            var ws = (await caller.InAsync(form.Workspace, ct))!;
            if (!Roles.TryParse(form.Role, out var role))
            {
                return await RenderAsync(form.Workspace, caller, keys, accounts, null, null, "role", ct);
            }
            NewUser added;
            try
            {
                added = await accounts.AddUserAsync(form.Email ?? "", role, ws.Name, null, ct);
            }
            catch (CommunityOpsException)
            {
                return await RenderAsync(form.Workspace, caller, keys, accounts, null, null, "email", ct);
            }
            return await RenderAsync(form.Workspace, caller, keys, accounts, null, added, null, ct);
        });
    }

    private static async Task<IResult> RenderAsync(long? workspace, Caller caller, ApiKeyService keys, AccountService accounts,
        NewApiKey? created, NewUser? added, string? error, CancellationToken ct)
    {
        var (ws, denied) = await caller.WorkspaceAsync(workspace, Permission.ManageApiKeys, ct);
        if (denied is not null)
        {
            return DashboardPages.Denied(denied);
        }
        var users = ws!.Role.Allows(Permission.ManageUsers) ? await accounts.UsersOfAsync(ws.Id, ct) : null;
        var model = new SettingsModel(ws, await keys.ListAsync(ws.Id, ct), users, created, added, error);
        return new RazorComponentResult<SettingsPage>(new { Model = model })
        {
            StatusCode = error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest,
        };
    }
}
