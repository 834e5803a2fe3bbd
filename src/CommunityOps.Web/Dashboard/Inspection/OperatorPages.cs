using System.Globalization;
using CommunityOps.Accounts;
using CommunityOps.Communities;
using CommunityOps.Inspection.SpotChecks;
using CommunityOps.Storage;
using CommunityOps.Web.Accounts;
using CommunityOps.Web.Hosting;
using CommunityOps.Web.Inspection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CommunityOps.Web.Dashboard.Inspection;

/// <summary>
/// A link that could not be made, shown on the operator's row: <see cref="IsUnknownAccount"/> when the
/// e-mail names no active account of the workspace (said in the page's language), else the server's message.
/// </summary>
public sealed record LinkError(long MemberId, string? Email, bool IsUnknownAccount, string Message);

/// <summary><see cref="Changed"/>: the operator a form just linked or unlinked, as it is now.</summary>
public sealed record OperatorsModel(WorkspaceRole Workspace, OperatorFilter Filter, OperatorList List, IReadOnlyList<LinkableAccount> Accounts,
    IReadOnlyList<Community> Communities, IReadOnlyList<OperatorLinkChange> History, OperatorView? Changed, LinkError? Error);

/// <summary>The Operators page: the workspace's operator identities, and the forms that link each to an account or unlink it (managers and admins).</summary>
public static class OperatorPages
{
    public const int HistorySize = 20;

    /// <summary>The link and unlink forms: the e-mail, and the list's filters so the page comes back as it was.</summary>
    public sealed class LinkForm
    {
        public string? Email { get; set; }
        public string? Q { get; set; }
        public string? Community { get; set; }
        public string? Linked { get; set; }
        public string? User { get; set; }
        public int? Page { get; set; }
    }

    public static void MapOperatorPages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/inspection/operators", async (long? workspace, string? q, string? community, string? linked, string? user, long? member, long? changed, int? page,
            Caller caller, Store store, AppDbContext db, CancellationToken ct) =>
        {
            var filter = OperatorLinking.Filter(q, community, linked, user, member, page, null);
            var (ws, denied) = await caller.WorkspaceAsync(workspace, OperatorLinking.LinkPermission, ct);
            return denied is not null ? DashboardPages.Denied(denied) : await RenderAsync(ws!, filter, changed, null, store, db, ct);
        });
        pages.MapPost("/inspection/operators/{memberId:long}/link", LinkAsync);
        pages.MapPost("/inspection/operators/{memberId:long}/unlink", UnlinkAsync);
    }

    private static async Task<IResult> LinkAsync(long memberId, [FromForm] LinkForm? form, Caller caller, Store store, AppDbContext db, CancellationToken ct)
    {
        // A post without any of the form's fields binds no object at all.
        form ??= new();
        // The filters first: a bad one must not leave a link made behind an error page.
        var filter = Filter(form);
        try
        {
            var (denied, _) = await OperatorLinking.LinkAsync(caller, db, store, memberId, form.Email, ct);
            return denied is not null ? DashboardPages.Denied(denied) : await BackAsync(memberId, filter, db, ct);
        }
        catch (CommunityOpsException ex)
        {
            // Only reached once the caller may link this operator: the workspace is theirs.
            var ws = (await caller.InAsync((await InspectionAccess.MemberWorkspaceAsync(db, memberId, ct))!.Value, ct))!;
            var error = new LinkError(memberId, form.Email, ex is FieldException { Field: "email" } field && field.Problem.Key != "Problem.Required", ex.Localized(CultureInfo.CurrentUICulture));
            return await RenderAsync(ws, filter, null, error, store, db, ct);
        }
    }

    private static async Task<IResult> UnlinkAsync(long memberId, [FromForm] LinkForm? form, Caller caller, Store store, AppDbContext db, CancellationToken ct)
    {
        form ??= new();
        var filter = Filter(form);
        var (denied, _) = await OperatorLinking.UnlinkAsync(caller, db, store, memberId, ct);
        // Unlinking what is already unlinked (a second click, another admin first) leaves the same state: no error.
        return denied is not null ? DashboardPages.Denied(denied) : await BackAsync(memberId, filter, db, ct);
    }

    /// <summary>Post/redirect/get: back to the list as it was, naming the operator that changed.</summary>
    private static async Task<IResult> BackAsync(long memberId, OperatorFilter filter, AppDbContext db, CancellationToken ct)
    {
        var workspaceId = await InspectionAccess.MemberWorkspaceAsync(db, memberId, ct);
        return Results.Redirect(ListUrl(workspaceId!.Value, filter, filter.Page) + string.Create(CultureInfo.InvariantCulture, $"&changed={memberId}#operator-{memberId}"));
    }

    private static OperatorFilter Filter(LinkForm form) => OperatorLinking.Filter(form.Q, form.Community, form.Linked, form.User, null, form.Page, null);

    public static string ListUrl(long workspaceId, OperatorFilter filter, int page) => string.Create(CultureInfo.InvariantCulture,
        $"/inspection/operators?workspace={workspaceId}&q={Uri.EscapeDataString(filter.Query ?? "")}&community={filter.CommunityId}&linked={Flag(filter.IsLinked)}&user={filter.UserId}&page={page}");

    public static string Flag(bool? value) => value switch { true => "true", false => "false", _ => "" };

    private static async Task<IResult> RenderAsync(WorkspaceRole ws, OperatorFilter filter, long? changed, LinkError? error, Store store, AppDbContext db, CancellationToken ct)
    {
        var service = new OperatorLinkService(store);
        var list = await service.ListAsync(ws.Id, filter, ct);
        // Looked up inside this workspace only, so a changed= of another workspace shows nothing.
        var changedView = changed is { } id ? (await service.ListAsync(ws.Id, new OperatorFilter(MemberId: id), ct)).Items.SingleOrDefault() : null;
        var model = new OperatorsModel(ws, filter, list, await service.AccountsAsync(ws.Id, ct), await InspectionPages.CommunitiesAsync(db, ws.Id, ct),
            await service.HistoryAsync(ws.Id, HistorySize, ct), changedView, error);
        return new RazorComponentResult<OperatorsPage>(new { Model = model }) { StatusCode = error is null ? 200 : 400 };
    }
}
