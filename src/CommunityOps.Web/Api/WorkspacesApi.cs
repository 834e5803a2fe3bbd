using CommunityOps.Accounts;
using CommunityOps.Web.Accounts;
using CommunityOps.Web.Hosting;
using CommunityOps.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommunityOps.Web.Api;

public static class WorkspacesApi
{
    public static IEndpointRouteBuilder MapWorkspacesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workspaces").WithTags("Workspaces");
        api.MapGet("/", ListAsync);
        api.MapGet("/{workspaceId:long}", GetAsync);
        api.MapGet("/{workspaceId:long}/users", UsersAsync);
        api.MapPost("/{workspaceId:long}/users", AddUserAsync);
        return app;
    }

    public sealed record WorkspaceResponse(long Id, string Name, string Role);

    public sealed record UserResponse(long Id, string Email, string Role, bool IsDisabled);

    public sealed record AddUserRequest(string? Email, string? Role, string? Password);

    /// <summary><see cref="GeneratedPassword"/> is set only when the user was created without a password: shown once.</summary>
    public sealed record AddedUserResponse(long Id, string Email, string Role, string? GeneratedPassword);

    private static async Task<Ok<List<WorkspaceResponse>>> ListAsync(Caller caller, CancellationToken ct) =>
        TypedResults.Ok((await caller.WorkspacesAsync(ct)).Select(w => new WorkspaceResponse(w.Id, w.Name, w.Role.Name())).ToList());

    private static async Task<Results<Ok<WorkspaceResponse>, ProblemHttpResult>> GetAsync(long workspaceId, Caller caller, CancellationToken ct) =>
        await caller.InAsync(workspaceId, ct) is { } w
            ? TypedResults.Ok(new WorkspaceResponse(w.Id, w.Name, w.Role.Name()))
            : ErrorResponses.NotFound();

    private static async Task<Results<Ok<List<UserResponse>>, ProblemHttpResult>> UsersAsync(long workspaceId, Caller caller, AccountService accounts, CancellationToken ct)
    {
        if (await caller.DenyAsync(workspaceId, Permission.ManageUsers, ct) is { } denied)
        {
            return denied;
        }
        var users = await accounts.UsersOfAsync(workspaceId, ct);
        return TypedResults.Ok(users.Select(u => new UserResponse(u.Id, u.Email, u.Role.Name(), u.IsDisabled)).ToList());
    }

    private static async Task<Results<Created<AddedUserResponse>, ProblemHttpResult>> AddUserAsync(
        long workspaceId, AddUserRequest request, Caller caller, AccountService accounts, CancellationToken ct)
    {
        if (await caller.DenyAsync(workspaceId, Permission.ManageUsers, ct) is { } denied)
        {
            return denied;
        }
        var workspace = (await caller.InAsync(workspaceId, ct))!;
        if (string.IsNullOrWhiteSpace(request.Email))
        {
            throw new FieldException("email", Strings.Problem("Required"));
        }
        if (!Roles.TryParse(request.Role, out var role))
        {
            throw new FieldException("role", Strings.Problem("OneOf", string.Join(", ", Roles.All.Select(r => r.Name()))));
        }
        string email;
        try
        {
            email = AccountService.NormalizeEmail(request.Email);
        }
        catch (CommunityOpsException ex)
        {
            throw new FieldException("email", ex.Text);
        }
        if (request.Password is { Length: > 0 and < AccountService.MinPasswordLength })
        {
            throw new FieldException("password", Strings.Problem("AtLeastCharacters", AccountService.MinPasswordLength));
        }
        var added = await accounts.AddUserAsync(email, role, workspace.Name, request.Password, ct);
        return TypedResults.Created($"/api/workspaces/{workspaceId}/users",
            new AddedUserResponse(added.User.Id, added.User.Email, role.Name(), added.GeneratedPassword));
    }
}
