using CommunityOps.Accounts;
using CommunityOps.Ingestion;
using CommunityOps.Storage;
using CommunityOps.Web.Accounts;
using CommunityOps.Web.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Web.Dashboard.Imports;

public sealed record ImportsModel(WorkspaceRole Workspace, IReadOnlyList<ImportsApi.ImportJobResponse> Recent, IReadOnlyList<string> Formats);

public sealed record ImportModel(ImportsApi.ImportJobResponse Job, ImportSummary? Summary);

public static class ImportsPages
{
    public static void MapImportsPages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/imports", async (Caller caller, AppDbContext db, TimeProvider time, CancellationToken ct) =>
        {
            var (ws, denied) = await caller.WorkspaceAsync(null, Permission.Import, ct);
            if (denied is not null)
            {
                return DashboardPages.Denied(denied);
            }
            var now = time.GetUtcNow();
            var recent = await db.ImportJobs.AsNoTracking().Where(j => j.WorkspaceId == ws!.Id).OrderByDescending(j => j.Id).Take(20).ToListAsync(ct);
            return new RazorComponentResult<ImportsPage>(new { Model = new ImportsModel(ws!, recent.Select(j => ImportsApi.ToResponse(j, now)).ToList(), ImportFormats.AllNames) });
        });
        pages.MapGet("/imports/{importId:long}", async (long importId, Caller caller, AppDbContext db, TimeProvider time, CancellationToken ct) =>
        {
            var job = await db.ImportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == importId, ct);
            if (await caller.DenyAsync(job?.WorkspaceId, Permission.Import, ct) is { } denied)
            {
                return DashboardPages.Denied(denied);
            }
            var summary = job!.Summary is null ? null : System.Text.Json.JsonSerializer.Deserialize<ImportSummary>(job.Summary);
            return new RazorComponentResult<ImportPage>(new { Model = new ImportModel(ImportsApi.ToResponse(job, time.GetUtcNow()), summary) });
        });
    }
}
