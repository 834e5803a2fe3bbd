using CommunityOps.Inspection.Runs;
using CommunityOps.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommunityOps.Web.Inspection;

/// <summary>
/// The background inspection pass of the web host: at start (which resumes a pass a stopped server left
/// unfinished: the store keeps its checkpoint and the waiting members), right after each import through
/// this host commits, and every <see cref="InspectionOptions.PollEvery"/> for imports made elsewhere,
/// each workspace with something new is inspected with its own rule set.
/// </summary>
public sealed class InspectionPasses(Store store, Inspectors inspectors, IOptions<InspectionOptions> options, ILogger<InspectionPasses> log) : BackgroundService
{
    private readonly SemaphoreSlim _poke = new(0, 1);
    private long _passes;

    /// <summary>Completed rounds over the workspaces (for tests and health checks).</summary>
    public long Rounds => Interlocked.Read(ref _passes);

    /// <summary>Asks for a pass now (an import just committed).</summary>
    public void Poke()
    {
        if (_poke.CurrentCount == 0)
        {
            try
            {
                _poke.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller poked in between: one pass covers both.
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunInBackground)
        {
            return;
        }
        // Let the host finish starting before the first (possibly long) pass.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            await RunOnceAsync(stoppingToken);
            try
            {
                await _poke.WaitAsync(options.Value.PollEvery, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round: every workspace with pending activities gets a pass.</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        List<(long Id, string Name)> workspaces;
        await using (var db = store.CreateDbContext())
        {
            workspaces = (await db.Workspaces.AsNoTracking().OrderBy(w => w.Id).Select(w => new { w.Id, w.Name }).ToListAsync(ct))
                .Select(w => (w.Id, w.Name)).ToList();
        }
        foreach (var (id, name) in workspaces)
        {
            try
            {
                if (!await InspectionRunner.HasPendingAsync(store, name, ct))
                {
                    continue;
                }
                var inspector = await inspectors.ForAsync(id, ct);
                var summary = await new InspectionRunner(store, inspector).RunPendingAsync(name, null, null, ct);
                log.LogInformation("Inspected {Messages} messages of workspace {Workspace}: {Findings} findings", summary.Messages, name, summary.Findings);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is CommunityOpsException or System.Data.Common.DbException or InvalidOperationException or DbUpdateException)
            {
                // The activities stay pending (the watermark did not move); the next round tries again.
                log.LogWarning(ex, "The inspection pass of workspace {Workspace} failed", name);
            }
        }
        Interlocked.Increment(ref _passes);
    }
}
