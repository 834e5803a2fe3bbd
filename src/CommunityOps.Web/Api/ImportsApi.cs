using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CommunityOps.Accounts;
using CommunityOps.Ingestion;
using CommunityOps.Storage;
using CommunityOps.Web.Accounts;
using CommunityOps.Web.Hosting;
using CommunityOps.Web.Imports;
using CommunityOps.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommunityOps.Web.Api;

public static class ImportsApi
{
    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/imports").WithTags("Imports");
        api.MapPost("/", UploadAsync);
        api.MapGet("/", ListAsync);
        api.MapGet("/{importId:long}", GetAsync);
        api.MapGet("/{importId:long}/events", EventsAsync);
        return app;
    }

    /// <summary>
    /// <see cref="Summary"/> is the same object `communityops import --json` prints; <see cref="Error"/>
    /// the one-line reason when nothing was stored.
    /// </summary>
    public sealed record ImportJobResponse(
        long Id, long WorkspaceId, string Status, IReadOnlyList<string> Files, long TotalBytes, long ReadBytes, int Percent,
        DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, JsonElement? Summary, string? Error)
    {
        public bool IsFinished => Status is ImportJobStatus.Succeeded or ImportJobStatus.Failed;
    }

    /// <summary>The job as the API and the pages show it, its error in the request's language.</summary>
    public static ImportJobResponse ToResponse(ImportJob job, DateTimeOffset now)
    {
        var culture = CultureInfo.CurrentUICulture;
        var status = job.Status;
        var error = job.ErrorText is { } stored && Strings.Stored(stored) is { } text ? text.Format(culture) : job.Error;
        if (status is ImportJobStatus.Queued or ImportJobStatus.Running && job.HeartbeatAt < now - ImportQueue.StaleAfter)
        {
            status = ImportJobStatus.Failed;
            error = Strings.Problem("ImportStopped").Format(culture);
        }
        var percent = job.TotalBytes > 0 ? (int)Math.Clamp(job.ReadBytes * 100 / job.TotalBytes, 0, 100) : 0;
        JsonElement? summary = job.Summary is null ? null : JsonDocument.Parse(job.Summary).RootElement.Clone();
        return new ImportJobResponse(job.Id, job.WorkspaceId, status, job.Files.Split('\n'), job.TotalBytes, job.ReadBytes,
            status == ImportJobStatus.Succeeded ? 100 : percent, job.CreatedAt, job.StartedAt, job.FinishedAt, summary, error);
    }

    private static async Task<Results<Accepted<ImportJobResponse>, ProblemHttpResult>> UploadAsync(
        HttpRequest request, long? workspace, Caller caller, ImportQueue queue, IOptions<WebOptions> options, TimeProvider time, CancellationToken ct)
    {
        var (ws, denied) = await caller.WorkspaceAsync(workspace, Permission.Import, ct);
        if (denied is not null)
        {
            return denied;
        }
        Upload upload;
        try
        {
            upload = await UploadReader.ReadAsync(request, queue.UploadRoot, options.Value.MaxUploadBytes, ct);
        }
        catch (UploadReader.TooLargeException ex)
        {
            return ErrorResponses.Problem(StatusCodes.Status413PayloadTooLarge, ex.Text.Format(CultureInfo.CurrentUICulture));
        }
        ImportOptions importOptions;
        try
        {
            importOptions = OptionsFrom(upload.Fields, ws!.Name);
        }
        catch
        {
            Directory.Delete(upload.Folder, true);
            throw;
        }
        var job = await queue.EnqueueAsync(new ImportJob
        {
            WorkspaceId = ws.Id,
            UserId = caller.UserId,
            ApiKeyId = caller.ApiKeyId,
            Status = ImportJobStatus.Queued,
            Files = string.Join('\n', upload.Names),
            TotalBytes = upload.Bytes,
        }, new PendingImportFiles(upload.Folder, upload.Paths), importOptions, ct);
        return TypedResults.Accepted($"/api/imports/{job.Id}", ToResponse(job, time.GetUtcNow()));
    }

    private static ImportOptions OptionsFrom(IReadOnlyDictionary<string, string> fields, string workspace)
    {
        ImportFormat? format = null;
        if (fields.TryGetValue("format", out var f) && !string.IsNullOrWhiteSpace(f) && f != "auto")
        {
            try
            {
                format = ImportFormats.Parse(f);
            }
            catch (CommunityOpsException ex)
            {
                throw new FieldException("format", ex.Text);
            }
        }
        var zone = TimeZoneInfo.Utc;
        if (fields.TryGetValue("time_zone", out var tz) && !string.IsNullOrWhiteSpace(tz) && !TimeZoneInfo.TryFindSystemTimeZoneById(tz.Trim(), out zone))
        {
            throw new FieldException("time_zone", Strings.Problem("UnknownTimeZone", tz));
        }
        return new ImportOptions { Workspace = workspace, Format = format, TimeZone = zone ?? TimeZoneInfo.Utc };
    }

    private static async Task<Results<Ok<List<ImportJobResponse>>, ProblemHttpResult>> ListAsync(
        long? workspace, Caller caller, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var (ws, denied) = await caller.WorkspaceAsync(workspace, Permission.Import, ct);
        if (denied is not null)
        {
            return denied;
        }
        var jobs = await db.ImportJobs.AsNoTracking().Where(j => j.WorkspaceId == ws!.Id).OrderByDescending(j => j.Id).Take(50).ToListAsync(ct);
        var now = time.GetUtcNow();
        return TypedResults.Ok(jobs.Select(j => ToResponse(j, now)).ToList());
    }

    private static async Task<Results<Ok<ImportJobResponse>, ProblemHttpResult>> GetAsync(long importId, Caller caller, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var job = await db.ImportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == importId, ct);
        if (await caller.DenyAsync(job?.WorkspaceId, Permission.Import, ct) is { } denied)
        {
            return denied;
        }
        return TypedResults.Ok(ToResponse(job!, time.GetUtcNow()));
    }

    /// <summary>Server-sent events: a "progress" event on every change, then one "done" event with the summary or error.</summary>
    private static async Task<Results<ServerSentEventsResult<ImportJobResponse>, ProblemHttpResult>> EventsAsync(
        long importId, Caller caller, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var workspaceId = await db.ImportJobs.Where(j => j.Id == importId).Select(j => (long?)j.WorkspaceId).SingleOrDefaultAsync(ct);
        if (await caller.DenyAsync(workspaceId, Permission.Import, ct) is { } denied)
        {
            return denied;
        }
        return TypedResults.ServerSentEvents(WatchAsync(importId, db, time, ct));
    }

    private static async IAsyncEnumerable<SseItem<ImportJobResponse>> WatchAsync(long importId, AppDbContext db, TimeProvider time, [EnumeratorCancellation] CancellationToken ct)
    {
        (string, long, long)? last = null;
        while (!ct.IsCancellationRequested)
        {
            // Read from the store, not from this instance's memory: the import may run on another instance.
            var job = await db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == importId, ct);
            var response = ToResponse(job, time.GetUtcNow());
            if (response.IsFinished)
            {
                yield return new SseItem<ImportJobResponse>(response, "done");
                yield break;
            }
            if (last != (response.Status, response.ReadBytes, response.TotalBytes))
            {
                last = (response.Status, response.ReadBytes, response.TotalBytes);
                yield return new SseItem<ImportJobResponse>(response, "progress");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), time, ct);
        }
    }
}
