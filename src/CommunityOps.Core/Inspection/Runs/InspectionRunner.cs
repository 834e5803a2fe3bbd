using System.Globalization;
using CommunityOps.Inspection.Audit;
using CommunityOps.Inspection.Findings;
using CommunityOps.Messages;
using CommunityOps.Resources;
using CommunityOps.Storage;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Inspection.Runs;

/// <summary>
/// Inspects stored activities with one compiled rule set and stores the findings (docs/inspection.md,
/// "Runs over the store"). A pending pass takes everything imported since the workspace's watermark and
/// checkpoints as it goes, so a pass that is stopped or crashes resumes where it stopped; a re-scan
/// takes a community's whole history again, for a new rule set or rule version. Each community is one
/// inspection session in time order, so behaviour rules (flood, reply timeouts) see its stream.
/// </summary>
public sealed class InspectionRunner(Store store, Inspector inspector)
{
    /// <summary>Events per transaction: findings and the checkpoint commit together every this many.</summary>
    public int BatchSize { get; init; } = 5000;

    public Inspector Inspector => inspector;

    /// <summary>
    /// Inspects what is new in <paramref name="workspace"/> since its watermark (first finishing a pass
    /// that stopped, then taking whatever arrived meanwhile), at most <paramref name="maxEvents"/>
    /// messages and joins when given.
    /// </summary>
    public async Task<InspectionRunSummary> RunPendingAsync(string workspace, long? maxEvents = null, IProgress<long>? progress = null,
        CancellationToken ct = default)
    {
        var workspaceId = await WorkspaceIdAsync(workspace, ct);
        var summary = new InspectionRunSummary { RuleSet = inspector.RuleSet.Name };
        while (true)
        {
            var done = summary.Messages + summary.Joins;
            var range = await RunRangeAsync(workspaceId, summary, maxEvents - done,
                progress is null ? null : new Progress(seen => progress.Report(done + seen)), ct);
            if (range is not true)
            {
                summary.IsComplete = range is null;
                break;
            }
        }
        await using var db = store.CreateDbContext();
        summary.Watermark = (await db.InspectionProgress.SingleOrDefaultAsync(p => p.WorkspaceId == workspaceId, ct))?.Watermark ?? 0;
        return summary;
    }

    /// <summary>One range (watermark, max id]: null when there was nothing new, else whether it was finished.</summary>
    private async Task<bool?> RunRangeAsync(long workspaceId, InspectionRunSummary summary, long? maxEvents, IProgress<long>? progress, CancellationToken ct)
    {
        InspectionProgress state;
        await using (var db = store.CreateDbContext())
        {
            state = await db.InspectionProgress.FindAsync([workspaceId], ct) ?? db.InspectionProgress.Add(new InspectionProgress
            {
                WorkspaceId = workspaceId, RuleSet = RuleSetLabel,
            }).Entity;
            if (state.PassUpTo is null)
            {
                var max = await db.Activities.MaxAsync(a => (long?)a.Id, ct) ?? 0;
                if (max <= state.Watermark)
                {
                    return null;
                }
                (state.PassUpTo, state.PassCommunityId, state.PassOccurredAt, state.PassActivityId) = (max, null, null, null);
            }
            state.RuleSet = RuleSetLabel;
            state.UpdatedAt = store.Time.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }

        var upTo = state.PassUpTo.Value;
        PassCheckpoint? resumeAfter = state.PassCommunityId is { } c
            ? new PassCheckpoint(c, state.PassOccurredAt!.Value.ToUnixTimeMilliseconds(), state.PassActivityId!.Value)
            : null;
        var writer = new FindingWriter(store, workspaceId, inspector.RuleSet.Name, summary);
        var events = StoredEvents.RangeAsync(store, workspaceId, state.Watermark, upTo, resumeAfter, ct);
        var carry = await CarriedState.LoadAsync(store, workspaceId, ct);
        return await InspectAsync(events, await CommunitySourceIdsAsync(workspaceId, ct), writer, maxEvents, progress,
            (last, isComplete) => async (db, token) =>
            {
                await carry.SaveAsync(db, store.Time.GetUtcNow(), token);
                var row = await db.InspectionProgress.SingleAsync(p => p.WorkspaceId == workspaceId, token);
                row.Carry = carry.Shared;
                if (isComplete)
                {
                    (row.Watermark, row.PassUpTo, row.PassCommunityId, row.PassOccurredAt, row.PassActivityId) = (upTo, null, null, null, null);
                }
                else if (last is { } at)
                {
                    (row.PassCommunityId, row.PassOccurredAt, row.PassActivityId) =
                        (at.CommunityId, DateTimeOffset.FromUnixTimeMilliseconds(at.OccurredAtMs), at.ActivityId);
                }
                row.UpdatedAt = store.Time.GetUtcNow();
            }, ct, carry);
    }

    /// <summary>
    /// Inspects every message and join of one community again and stores the findings as
    /// <see cref="FindingWriter"/> describes; at the end, open findings of an older version of a rule in
    /// this rule set that the current version no longer raises are withdrawn (deleted, audit-logged).
    /// The workspace's watermark is not moved.
    /// </summary>
    public async Task<InspectionRunSummary> RescanAsync(long communityId, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        long workspaceId;
        await using (var db = store.CreateDbContext())
        {
            workspaceId = await db.Communities.Where(c => c.Id == communityId).Select(c => (long?)c.WorkspaceId).SingleOrDefaultAsync(ct)
                ?? throw new CommunityOpsException(Errors.NoCommunityWithId(communityId));
        }
        var summary = new InspectionRunSummary { RuleSet = inspector.RuleSet.Name };
        var writer = new FindingWriter(store, workspaceId, inspector.RuleSet.Name, summary);
        await InspectAsync(StoredEvents.CommunityAsync(store, communityId, ct), await CommunitySourceIdsAsync(workspaceId, ct), writer, null, progress,
            (_, isComplete) => isComplete ? (db, token) => WithdrawStaleAsync(db, workspaceId, communityId, summary, token) : null, ct);
        return summary;
    }

    /// <summary>Whether the workspace has messages or joins not inspected yet, or a pass to finish: cheap, so hosts can skip compiling a rule set.</summary>
    public static async Task<bool> HasPendingAsync(Store store, string workspace, CancellationToken ct = default)
    {
        await using var db = store.CreateDbContext();
        var workspaceId = await db.Workspaces.Where(w => w.Name == workspace).Select(w => (long?)w.Id).SingleOrDefaultAsync(ct);
        if (workspaceId is null)
        {
            return false;
        }
        var state = await db.InspectionProgress.AsNoTracking().SingleOrDefaultAsync(p => p.WorkspaceId == workspaceId, ct);
        if (state?.PassUpTo is not null)
        {
            return true;
        }
        var watermark = state?.Watermark ?? 0;
        return await db.Activities.AnyAsync(a => a.Id > watermark && (a.Kind == ActivityKind.Message || a.Kind == ActivityKind.Join)
            && db.Communities.Any(c => c.Id == a.CommunityId && c.WorkspaceId == workspaceId), ct);
    }

    private string RuleSetLabel => $"{inspector.RuleSet.Name}@{inspector.RuleSet.Version}";

    /// <summary>
    /// The loop both runs share. Returns false when it stopped at <paramref name="maxEvents"/>. The
    /// <paramref name="alongside"/> factory gives the work to commit with each batch: the last event
    /// whose findings are in it, and whether the run has finished.
    /// </summary>
    private async Task<bool> InspectAsync(IAsyncEnumerable<StoredEvent> events, Dictionary<long, string> communities, FindingWriter writer,
        long? maxEvents, IProgress<long>? progress,
        Func<PassCheckpoint?, bool, Func<AppDbContext, CancellationToken, Task>?> alongside, CancellationToken ct, CarriedState? carry = null)
    {
        var emitted = new List<Finding>();
        var batch = new List<PendingFinding>();
        var members = new Dictionary<string, long>(StringComparer.Ordinal);
        InspectionSession? session = null;
        long sessionCommunity = 0;
        string community = "";
        PassCheckpoint? last = null;
        StoredEvent current = default;
        DateTimeOffset lastTime = default;
        long seen = 0;
        int sinceWrite = 0;
        bool stopped = false;
        await foreach (var e in events.WithCancellation(ct))
        {
            // Drivers may serve buffered rows without looking at the token.
            ct.ThrowIfCancellationRequested();
            if (session is null || e.CommunityId != current.CommunityId)
            {
                // A community's stream ended: duties still waiting fall due at its last event; what still
                // waits after that is carried to the next pass.
                session?.AdvanceTo(lastTime, emitted);
                Collect(emitted, current, members, batch);
                if (session is not null)
                {
                    carry?.Keep(current.CommunityId, session);
                }
                var first = session is null;
                session = inspector.StartSession(sharedWith: session);
                if (first)
                {
                    session.LoadShared(carry?.Shared);
                }
                session.LoadCarried(carry?.For(e.CommunityId));
                sessionCommunity = e.CommunityId;
                community = communities[e.CommunityId];
                members.Clear();
            }
            if (seen == maxEvents)
            {
                stopped = true;
                break;
            }
            current = e;
            members[e.MemberSourceId] = e.MemberId;
            lastTime = DateTimeOffset.FromUnixTimeMilliseconds(e.OccurredAtMs);
            if (e.Kind == ActivityKind.Message)
            {
                session.Observe(new InspectedMessage(e.Id.ToString(CultureInfo.InvariantCulture), community, e.ChannelSourceId, e.MemberSourceId,
                    e.IsStaff, lastTime, e.Text ?? "", e.Mentions), emitted);
                writer.Summary.Messages++;
            }
            else
            {
                session.Observe(new InspectedJoin(community, e.MemberSourceId, lastTime), emitted);
                writer.Summary.Joins++;
            }
            Collect(emitted, e, members, batch);
            last = new PassCheckpoint(e.CommunityId, e.OccurredAtMs, e.Id);
            seen++;
            if (++sinceWrite >= BatchSize)
            {
                // The session's memory as of the checkpoint commits with it: a resumed pass starts from both.
                carry?.Keep(e.CommunityId, session);
                await writer.WriteAsync(batch, alongside(last, false), ct);
                batch.Clear();
                sinceWrite = 0;
                progress?.Report(seen);
            }
        }
        if (!stopped && session is not null)
        {
            session.AdvanceTo(lastTime, emitted);
            Collect(emitted, current, members, batch);
        }
        if (session is not null)
        {
            carry?.Keep(sessionCommunity, session);
            carry?.KeepShared(session);
        }
        await writer.WriteAsync(batch, alongside(last, !stopped), ct);
        progress?.Report(seen);
        return !stopped;
    }

    /// <summary>
    /// Store ids for the engine's findings: the message id we gave it is the activity id; a finding without
    /// one (a join wave) is about the event just observed; members are known from the stream.
    /// </summary>
    private static void Collect(List<Finding> emitted, StoredEvent current, Dictionary<string, long> members, List<PendingFinding> batch)
    {
        foreach (var f in emitted)
        {
            var activityId = f.MessageId is { } id ? long.Parse(id, CultureInfo.InvariantCulture) : current.Id;
            batch.Add(new PendingFinding(activityId, current.CommunityId, members.GetValueOrDefault(f.Member, current.MemberId), f));
        }
        emitted.Clear();
    }

    private async Task WithdrawStaleAsync(AppDbContext db, long workspaceId, long communityId, InspectionRunSummary summary, CancellationToken ct)
    {
        var now = store.Time.GetUtcNow();
        foreach (var rule in inspector.Rules)
        {
            var (name, version) = (rule.Name, rule.Definition.Version);
            var stale = await db.Findings
                .Where(f => f.CommunityId == communityId && f.Rule == name && f.RuleVersion != version && f.Status == FindingStatus.Open)
                .ToListAsync(ct);
            foreach (var f in stale)
            {
                InspectionAuditLog.Add(db, workspaceId, AuditSubjects.Finding, f.Id, "withdrawn", AuditActors.Inspection, now, "open", null,
                    $"rule {name} version {f.RuleVersion} -> {version} no longer raises it");
            }
            db.Findings.RemoveRange(stale);
            summary.Withdrawn += stale.Count;
        }
    }

    private sealed class Progress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    private async Task<long> WorkspaceIdAsync(string workspace, CancellationToken ct)
    {
        await using var db = store.CreateDbContext();
        return await db.Workspaces.Where(w => w.Name == workspace).Select(w => (long?)w.Id).SingleOrDefaultAsync(ct)
            ?? throw new CommunityOpsException(Errors.NoWorkspaceNamed(workspace));
    }

    private async Task<Dictionary<long, string>> CommunitySourceIdsAsync(long workspaceId, CancellationToken ct)
    {
        await using var db = store.CreateDbContext();
        return await db.Communities.Where(c => c.WorkspaceId == workspaceId).ToDictionaryAsync(c => c.Id, c => c.SourceId, ct);
    }
}
