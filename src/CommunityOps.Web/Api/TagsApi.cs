using System.Globalization;
using CommunityOps.Accounts;
using CommunityOps.Members;
using CommunityOps.Storage;
using CommunityOps.Web.Accounts;
using CommunityOps.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Web.Api;

/// <summary>
/// Member tags: the workspace's tags, and putting them on and taking them off members. Every check
/// starts from the resource named in the route (the member's or the tag's workspace), so a caller of
/// another workspace gets the same 404 as for an id that does not exist.
/// </summary>
public static class TagsApi
{
    public static IEndpointRouteBuilder MapTagsApi(this IEndpointRouteBuilder app)
    {
        var workspaces = app.MapGroup("/api/workspaces/{workspaceId:long}/tags").WithTags("Tags");
        workspaces.MapGet("/", ListAsync);
        workspaces.MapPost("/", CreateAsync);
        workspaces.MapDelete("/{tagId:long}", DeleteAsync);
        var members = app.MapGroup("/api/members/{memberId:long}/tags").WithTags("Tags");
        members.MapGet("/", MemberTagsAsync);
        members.MapPost("/", AssignAsync);
        members.MapDelete("/{tagId:long}", UnassignAsync);
        return app;
    }

    public sealed record TagRequest(string? Name);

    public sealed record MemberTagsResponse(long MemberId, IReadOnlyList<TagRef> Tags);

    private static async Task<Results<Ok<List<TagSummary>>, ProblemHttpResult>> ListAsync(long workspaceId, Caller caller, AppDbContext db, CancellationToken ct)
    {
        if (await caller.DenyAsync(workspaceId, Permission.ViewMembers, ct) is { } denied)
        {
            return denied;
        }
        return TypedResults.Ok(await db.TagsOfWorkspaceAsync(workspaceId, ct));
    }

    /// <summary>201 with the new tag; 200 with the existing one when the name (in any case) is taken.</summary>
    private static async Task<Results<Created<TagRef>, Ok<TagRef>, ProblemHttpResult>> CreateAsync(
        long workspaceId, TagRequest request, Caller caller, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (await caller.DenyAsync(workspaceId, Permission.TagMembers, ct) is { } denied)
        {
            return denied;
        }
        var (tag, created) = await db.EnsureTagAsync(workspaceId, NameFrom(request.Name, "name"), Actor(caller), time.GetUtcNow(), ct);
        var body = new TagRef(tag.Id, tag.Name);
        return created ? TypedResults.Created($"/api/workspaces/{workspaceId}/tags/{tag.Id}", body) : TypedResults.Ok(body);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long workspaceId, long tagId, Caller caller, AppDbContext db, CancellationToken ct)
    {
        var tagWorkspace = await db.Tags.Where(t => t.Id == tagId).Select(t => (long?)t.WorkspaceId).SingleOrDefaultAsync(ct);
        if (await caller.DenyAsync(tagWorkspace == workspaceId ? tagWorkspace : null, Permission.ManageTags, ct) is { } denied)
        {
            return denied;
        }
        await db.DeleteTagAsync(tagId, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<MemberTagsResponse>, ProblemHttpResult>> MemberTagsAsync(long memberId, Caller caller, AppDbContext db, Store store, CancellationToken ct)
    {
        if (await caller.DenyAsync(await WorkspaceOfMemberAsync(db, memberId, ct), Permission.ViewMembers, ct) is { } denied)
        {
            return denied;
        }
        return TypedResults.Ok(new MemberTagsResponse(memberId, await TagsOfAsync(store, memberId, ct)));
    }

    /// <summary>Puts the named tag on the member, creating it in the workspace if new; idempotent.</summary>
    private static async Task<Results<Ok<MemberTagsResponse>, ProblemHttpResult>> AssignAsync(
        long memberId, TagRequest request, Caller caller, AppDbContext db, Store store, TimeProvider time, CancellationToken ct)
    {
        var workspaceId = await WorkspaceOfMemberAsync(db, memberId, ct);
        if (await caller.DenyAsync(workspaceId, Permission.TagMembers, ct) is { } denied)
        {
            return denied;
        }
        await AssignByNameAsync(db, workspaceId!.Value, memberId, request.Name, caller, time, ct);
        return TypedResults.Ok(new MemberTagsResponse(memberId, await TagsOfAsync(store, memberId, ct)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> UnassignAsync(long memberId, long tagId, Caller caller, AppDbContext db, CancellationToken ct)
    {
        if (await caller.DenyAsync(await WorkspaceOfMemberAsync(db, memberId, ct), Permission.TagMembers, ct) is { } denied)
        {
            return denied;
        }
        // A tag the member does not carry (or of another workspace) is a 404, like any unknown id.
        return await db.UnassignTagAsync(memberId, tagId, ct) ? TypedResults.NoContent() : ErrorResponses.NotFound();
    }

    /// <summary>Shared with the member page's form, after the caller's permission was checked.</summary>
    public static async Task AssignByNameAsync(AppDbContext db, long workspaceId, long memberId, string? name, Caller caller, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var (tag, _) = await db.EnsureTagAsync(workspaceId, NameFrom(name, "name"), Actor(caller), now, ct);
        await db.AssignTagAsync(memberId, tag, Actor(caller), now, ct);
    }

    public static Task<long?> WorkspaceOfMemberAsync(AppDbContext db, long memberId, CancellationToken ct) =>
        db.Members.Where(m => m.Id == memberId).Join(db.Communities, m => m.CommunityId, c => c.Id, (m, c) => (long?)c.WorkspaceId).SingleOrDefaultAsync(ct);

    public static async Task<IReadOnlyList<TagRef>> TagsOfAsync(Store store, long memberId, CancellationToken ct) =>
        (await store.TagsOfMembersAsync([memberId], ct)).GetValueOrDefault(memberId) ?? [];

    /// <summary>
    /// The member filter narrowed to a tag named in the query (any case), or null when the workspace
    /// has no such tag: then no member matches, which is an answer, not an error.
    /// </summary>
    public static async Task<MemberFilter?> WithTagAsync(AppDbContext db, long workspaceId, MemberFilter filter, string? tag, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return filter;
        }
        var found = await db.FindTagAsync(workspaceId, NameFrom(tag, "tag"), ct);
        return found is null ? null : filter with { TagId = found.Id };
    }

    /// <summary>Who changed a tag, as stored beside it: the user's e-mail, or the API key's id.</summary>
    public static string Actor(Caller caller) =>
        caller.ApiKeyId is { } key ? string.Create(CultureInfo.InvariantCulture, $"apikey:{key}") : caller.Email ?? "unknown";

    public static string NameFrom(string? name, string field)
    {
        try
        {
            return MemberTags.Normalize(name);
        }
        catch (CommunityOpsException ex)
        {
            throw new FieldException(field, ex.Text);
        }
    }
}
