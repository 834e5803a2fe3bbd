using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using CommunityOps.Ingestion;
using CommunityOps.Storage;
using CommunityOps.Web.Hosting;
using CommunityOps.Web.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommunityOps.Web.Imports;

/// <summary>An upload saved to disk, waiting for its turn.</summary>
public sealed record PendingImport(long JobId, string Folder, IReadOnlyList<string> Paths, ImportOptions Options);

/// <summary>
/// Runs uploaded imports one at a time (a store has one writer at a time anyway) on this instance,
/// and keeps their rows in import_jobs current: progress every second, and a heartbeat on every job
/// it holds so that readers on any instance can tell a stopped server from a slow import.
/// </summary>
public sealed partial class ImportQueue(Store store, IOptions<WebOptions> options, TimeProvider time, Metrics.AnalyticsRefresher analytics, ILogger<ImportQueue> log,
    Inspection.InspectionPasses inspection) : BackgroundService
{
    /// <summary>A queued or running job whose heartbeat is older than this is reported as failed.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(1);

    private readonly Channel<PendingImport> _pending = Channel.CreateUnbounded<PendingImport>();
    private readonly ConcurrentDictionary<long, PendingImport> _held = new();
    private long _runningId;
    private long _readBytes;
    private long _totalBytes;

    public string UploadRoot => string.IsNullOrWhiteSpace(options.Value.UploadFolder)
        ? Path.Combine(Path.GetTempPath(), "communityops-uploads")
        : options.Value.UploadFolder;

    public async Task<ImportJob> EnqueueAsync(ImportJob job, PendingImportFiles files, ImportOptions importOptions, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        job.Status = ImportJobStatus.Queued;
        job.CreatedAt = now;
        job.HeartbeatAt = now;
        await using (var db = store.CreateDbContext())
        {
            db.ImportJobs.Add(job);
            await db.SaveChangesAsync(ct);
        }
        var pending = new PendingImport(job.Id, files.Folder, files.Paths, importOptions);
        _held[job.Id] = pending;
        await _pending.Writer.WriteAsync(pending, ct);
        return job;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var heartbeat = BeatAsync(stoppingToken);
        try
        {
            await foreach (var pending in _pending.Reader.ReadAllAsync(stoppingToken))
            {
                await RunAsync(pending, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is still held is marked below.
        }
        finally
        {
            foreach (var held in _held.Values)
            {
                await FinishAsync(held.JobId, ImportJobStatus.Failed, null, Strings.Problem("ImportShutDown"), CancellationToken.None);
                DeleteFolder(held.Folder);
            }
            await heartbeat.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task RunAsync(PendingImport pending, CancellationToken stoppingToken)
    {
        Interlocked.Exchange(ref _readBytes, 0);
        Interlocked.Exchange(ref _totalBytes, 0);
        Interlocked.Exchange(ref _runningId, pending.JobId);
        await using (var db = store.CreateDbContext())
        {
            var now = time.GetUtcNow();
            await db.ImportJobs.Where(j => j.Id == pending.JobId).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, ImportJobStatus.Running).SetProperty(j => j.StartedAt, now).SetProperty(j => j.HeartbeatAt, now), stoppingToken);
        }
        try
        {
            var progress = new LatestProgress(this);
            // ImportService is synchronous end to end (one transaction, prepared statements): give it its own thread.
            var summary = await Task.Factory.StartNew(
                () => new ImportService(store).Import(pending.Paths, pending.Options, progress, stoppingToken),
                stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            summary.Warnings = summary.Warnings.Select(w => Clean(w, pending.Folder)).ToList();
            // Folded before the job reports success: when the page says done, the metrics include it.
            await RefreshMetricsAsync(stoppingToken);
            // The inspection pass starts as the import has committed; it runs beside the next upload.
            inspection.Poke();
            await FinishAsync(pending.JobId, ImportJobStatus.Succeeded, ImportService.ToJson(summary), null, stoppingToken);
        }
        catch (CommunityOpsException ex)
        {
            await FinishAsync(pending.JobId, ImportJobStatus.Failed, null, Clean(ex.Text, pending.Folder), CancellationToken.None);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Import job {JobId} failed", pending.JobId);
            await FinishAsync(pending.JobId, ImportJobStatus.Failed, null, Strings.Problem("ImportFault"), CancellationToken.None);
        }
        finally
        {
            Interlocked.Exchange(ref _runningId, 0);
            _held.TryRemove(pending.JobId, out _);
            DeleteFolder(pending.Folder);
        }
    }

    private async Task RefreshMetricsAsync(CancellationToken ct)
    {
        try
        {
            await analytics.RefreshNowAsync(ct);
        }
        catch (Exception ex) when (ex is CommunityOpsException or System.Data.Common.DbException or InvalidOperationException)
        {
            // The import is stored; the periodic refresh picks it up.
            log.LogWarning(ex, "Refreshing the metrics after an import failed");
            analytics.Poke();
        }
    }

    private async Task FinishAsync(long jobId, string status, string? summary, ErrorText? error, CancellationToken ct)
    {
        await using var db = store.CreateDbContext();
        var now = time.GetUtcNow();
        var total = Interlocked.Read(ref _totalBytes);
        var (english, stored) = (error?.ToString(), error?.ToJson());
        await db.ImportJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s =>
        {
            s.SetProperty(j => j.Status, status)
                .SetProperty(j => j.FinishedAt, now)
                .SetProperty(j => j.HeartbeatAt, now)
                .SetProperty(j => j.Summary, summary)
                .SetProperty(j => j.Error, english)
                .SetProperty(j => j.ErrorText, stored);
            if (status == ImportJobStatus.Succeeded && total > 0)
            {
                s.SetProperty(j => j.ReadBytes, total).SetProperty(j => j.TotalBytes, total);
            }
            else if (status == ImportJobStatus.Succeeded)
            {
                s.SetProperty(j => j.ReadBytes, j => j.TotalBytes);
            }
        }, ct);
    }

    private async Task BeatAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        while (await timer.WaitForNextTickAsync(ct))
        {
            try
            {
                var now = time.GetUtcNow();
                await using var db = store.CreateDbContext();
                var running = Interlocked.Read(ref _runningId);
                var read = Interlocked.Read(ref _readBytes);
                var total = Interlocked.Read(ref _totalBytes);
                if (running != 0 && total > 0)
                {
                    await db.ImportJobs.Where(j => j.Id == running && j.Status == ImportJobStatus.Running).ExecuteUpdateAsync(s => s
                        .SetProperty(j => j.ReadBytes, read).SetProperty(j => j.TotalBytes, total), ct);
                }
                var held = _held.Keys.ToList();
                if (held.Count > 0)
                {
                    await db.ImportJobs.Where(j => held.Contains(j.Id)).ExecuteUpdateAsync(s => s.SetProperty(j => j.HeartbeatAt, now), ct);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A busy or briefly unreachable store: the next beat tries again.
                log.LogWarning(ex, "Import heartbeat failed");
            }
        }
    }

    /// <summary>Error messages name files by their path on this server; the user knows them by their own names.</summary>
    internal static ErrorText Clean(ErrorText message, string folder) => message.WithStrings(s => Clean(s, folder));

    internal static string Clean(string message, string folder) =>
        Regex.Replace(message, Regex.Escape(folder.TrimEnd('/', '\\')) + @"[/\\]\d+[/\\]", "");

    private void DeleteFolder(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, true);
            }
        }
        catch (IOException ex)
        {
            log.LogWarning(ex, "Could not delete the upload folder {Folder}", folder);
        }
    }

    private sealed class LatestProgress(ImportQueue queue) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            Interlocked.Exchange(ref queue._readBytes, value.BytesRead);
            Interlocked.Exchange(ref queue._totalBytes, value.TotalBytes);
        }
    }
}

public sealed record PendingImportFiles(string Folder, IReadOnlyList<string> Paths);
