using CommunityOps.Storage;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Inspection.Runs;

/// <summary>
/// The <see cref="InspectionCarry"/> rows of one pending pass: read when the pass starts, updated in
/// memory as community sessions end (or reach a checkpoint), and written in the checkpoint's transaction,
/// so the stored memory always matches the stored checkpoint.
/// </summary>
internal sealed class CarriedState
{
    private readonly Dictionary<long, string> _loaded;
    private readonly long _workspaceId;
    private readonly Dictionary<long, string?> _changed = [];

    private CarriedState(long workspaceId, Dictionary<long, string> loaded, string? shared)
    {
        _workspaceId = workspaceId;
        _loaded = loaded;
        Shared = shared;
    }

    /// <summary>
    /// The memory the pass's sessions share (<see cref="InspectionSession.SaveShared"/>), stored with the
    /// workspace's progress. It changes only when a pass ends or stops at its budget, not at each checkpoint:
    /// it holds a window's worth of posts from every community, too much to write every few thousand events.
    /// So a pass that crashes resumes with the memory the previous pass ended with, and a post the crashed
    /// pass had read before its checkpoint pairs only with posts read after it.
    /// </summary>
    public string? Shared { get; private set; }

    public static async Task<CarriedState> LoadAsync(Store store, long workspaceId, CancellationToken ct)
    {
        await using var db = store.CreateDbContext();
        var rows = await db.InspectionCarry.AsNoTracking().Where(c => c.WorkspaceId == workspaceId).ToDictionaryAsync(c => c.CommunityId, c => c.State, ct);
        var shared = await db.InspectionProgress.AsNoTracking().Where(p => p.WorkspaceId == workspaceId).Select(p => p.Carry).SingleOrDefaultAsync(ct);
        return new CarriedState(workspaceId, rows, shared);
    }

    public void KeepShared(InspectionSession session) => Shared = session.SaveShared();

    /// <summary>What the community's previous pass left, for a new session to start from.</summary>
    public string? For(long communityId) =>
        _changed.TryGetValue(communityId, out var changed) ? changed : _loaded.GetValueOrDefault(communityId);

    public void Keep(long communityId, InspectionSession session) => _changed[communityId] = session.SaveCarried();

    public async Task SaveAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        if (_changed.Count == 0)
        {
            return;
        }
        var ids = _changed.Keys.ToList();
        var rows = await db.InspectionCarry.Where(c => ids.Contains(c.CommunityId)).ToDictionaryAsync(c => c.CommunityId, ct);
        foreach (var (communityId, state) in _changed)
        {
            var row = rows.GetValueOrDefault(communityId);
            if (state is null)
            {
                if (row is not null)
                {
                    db.InspectionCarry.Remove(row);
                }
                _loaded.Remove(communityId);
                continue;
            }
            if (row is null)
            {
                db.InspectionCarry.Add(new InspectionCarry { CommunityId = communityId, WorkspaceId = _workspaceId, State = state, UpdatedAt = now });
            }
            else
            {
                (row.State, row.UpdatedAt) = (state, now);
            }
            _loaded[communityId] = state;
        }
        _changed.Clear();
    }
}
