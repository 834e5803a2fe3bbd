using CommunityOps.Accounts;
using CommunityOps.Members;
using CommunityOps.Web.Api;
using CommunityOps.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CommunityOps.Web.Dashboard.Members;

/// <summary>
/// The member page's tag forms: add a tag by name (new names create the workspace's tag), take one
/// off. Plain form posts (anti-forgery checked like every cookie request) that come back to the page.
/// </summary>
public static class MemberTagForms
{
    public sealed class TagForm
    {
        public string? Name { get; set; }
    }

    public static void MapMemberTagForms(this RouteGroupBuilder pages)
    {
        pages.MapPost("/members/{memberId:long}/tags", AddAsync);
        pages.MapPost("/members/{memberId:long}/tags/{tagId:long}/remove", RemoveAsync);
    }

    private static async Task<IResult> AddAsync(long memberId, [FromForm] TagForm? form, MembersPages.MemberSearch search, CancellationToken ct)
    {
        var profile = await search.Db.MemberProfileAsync(memberId, ct);
        if (await search.Caller.DenyAsync(profile?.WorkspaceId, Permission.TagMembers, ct) is { } denied)
        {
            return DashboardPages.Denied(denied);
        }
        try
        {
            await TagsApi.AssignByNameAsync(search.Db, profile!.WorkspaceId, memberId, form?.Name, search.Caller, search.Time, ct);
        }
        catch (FieldException)
        {
            // The page again, with the reason in the page's language beside the form.
            var model = await search.MemberModelAsync(profile!, null, null, "Tags.Invalid", ct);
            return new RazorComponentResult<MemberPage>(new { Model = model }) { StatusCode = StatusCodes.Status400BadRequest };
        }
        return TypedResults.Redirect($"/members/{memberId}#member-tags");
    }

    private static async Task<IResult> RemoveAsync(long memberId, long tagId, MembersPages.MemberSearch search, CancellationToken ct)
    {
        var workspaceId = await TagsApi.WorkspaceOfMemberAsync(search.Db, memberId, ct);
        if (await search.Caller.DenyAsync(workspaceId, Permission.TagMembers, ct) is { } denied)
        {
            return DashboardPages.Denied(denied);
        }
        // Already gone (another operator, another tab) is fine: the page shows the member as it is now.
        await search.Db.UnassignTagAsync(memberId, tagId, ct);
        return TypedResults.Redirect($"/members/{memberId}#member-tags");
    }
}
