using CommunityOps.Accounts;
using CommunityOps.Web.Accounts;
using CommunityOps.Web.Hosting;
using CommunityOps.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommunityOps.Web.Api;

public static class ApiKeysApi
{
    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workspaces/{workspaceId:long}/apikeys").WithTags("API keys");
        api.MapGet("/", ListAsync);
        api.MapPost("/", CreateAsync);
        api.MapDelete("/{keyId:long}", RevokeAsync);
        return app;
    }

    public sealed record ApiKeyResponse(long Id, string Name, string Prefix, string Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

    public sealed record CreateApiKeyRequest(string? Name, string? Role);

    /// <summary>The only response that ever contains <see cref="Key"/>.</summary>
    public sealed record CreatedApiKeyResponse(long Id, string Name, string Prefix, string Role, DateTimeOffset CreatedAt, string Key);

    internal static ApiKeyResponse ToResponse(ApiKey k) => new(k.Id, k.Name, k.Prefix, k.Role.Name(), k.CreatedAt, k.RevokedAt);

    private static async Task<Results<Ok<List<ApiKeyResponse>>, ProblemHttpResult>> ListAsync(long workspaceId, Caller caller, ApiKeyService keys, CancellationToken ct)
    {
        if (await caller.DenyAsync(workspaceId, Permission.ManageApiKeys, ct) is { } denied)
        {
            return denied;
        }
        return TypedResults.Ok((await keys.ListAsync(workspaceId, ct)).Select(ToResponse).ToList());
    }

    private static async Task<Results<Created<CreatedApiKeyResponse>, ProblemHttpResult>> CreateAsync(
        long workspaceId, CreateApiKeyRequest request, Caller caller, ApiKeyService keys, CancellationToken ct)
    {
        if (await caller.DenyAsync(workspaceId, Permission.ManageApiKeys, ct) is { } denied)
        {
            return denied;
        }
        var role = Role.Viewer;
        if (request.Role is not null && !Roles.TryParse(request.Role, out role))
        {
            throw new FieldException("role", Strings.Problem("OneOf", string.Join(", ", Roles.All.Select(r => r.Name()))));
        }
        var mine = (await caller.InAsync(workspaceId, ct))!.Role;
        // Nobody hands out more than they have, and only those who manage users create admin keys.
        if (role > mine || (role == Role.Admin && !mine.Allows(Permission.ManageUsers)))
        {
            return ErrorResponses.Problem(StatusCodes.Status403Forbidden, $"a {mine.Name()} cannot create a {role.Name()} key");
        }
        if (request.Name is { Length: > 100 })
        {
            throw new FieldException("name", Strings.Problem("AtMostCharacters", 100));
        }
        var created = await keys.CreateAsync(workspaceId, role, request.Name, caller.UserId, ct);
        var k = created.Key;
        return TypedResults.Created($"/api/workspaces/{workspaceId}/apikeys/{k.Id}",
            new CreatedApiKeyResponse(k.Id, k.Name, k.Prefix, k.Role.Name(), k.CreatedAt, created.Secret));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(long workspaceId, long keyId, Caller caller, ApiKeyService keys, CancellationToken ct)
    {
        if (await caller.DenyAsync(workspaceId, Permission.ManageApiKeys, ct) is { } denied)
        {
            return denied;
        }
        return await keys.RevokeAsync(workspaceId, keyId, ct) ? TypedResults.NoContent() : ErrorResponses.NotFound();
    }
}
