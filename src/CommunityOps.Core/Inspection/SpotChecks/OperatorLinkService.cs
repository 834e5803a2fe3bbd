using CommunityOps.Accounts;
using CommunityOps.Inspection.Audit;
using CommunityOps.Messages;
using CommunityOps.Resources;
using CommunityOps.Storage;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Inspection.SpotChecks;

/// <summary>
/// Which dashboard account is which operator (<see cref="OperatorLink"/>): an account linked to a staff
/// member may appeal that member's spot checks. Who may link is the host's call (docs/security.md); this
/// class keeps every link inside one workspace (the operator's community's) and audit-logs each change.
/// </summary>
public sealed class OperatorLinkService(Store store)
{
    /// <summary>
    /// Links the operator to the account with this e-mail, replacing an earlier link; linking it to the
    /// account it already has changes nothing. Null when no active account with that e-mail can open the
    /// operator's workspace (its members and, being admin everywhere, the owner).
    /// </summary>
    public async Task<OperatorLinkView?> LinkAsync(long memberId, string email, string actor, CancellationToken ct = default)
    {
        await using var db = store.CreateDbContext();
        var member = await db.Members.Where(m => m.Id == memberId)
            .Join(db.Communities, m => m.CommunityId, c => c.Id, (m, c) => new { m.IsStaff, c.WorkspaceId })
            .SingleOrDefaultAsync(ct) ?? throw new CommunityOpsException(Errors.NoMemberWithId(memberId));
        if (!member.IsStaff)
        {
            // A sample's operator is always a staff member, so a link to anyone else could never be used.
            throw new CommunityOpsException(Errors.MemberNotStaff(memberId));
        }
        var normalized = email.Trim().ToLowerInvariant();
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Email == normalized && u.DisabledAt == null
                && (u.IsOwner || db.WorkspaceMemberships.Any(m => m.UserId == u.Id && m.WorkspaceId == member.WorkspaceId)))
            .Select(u => new { u.Id, u.Email })
            .SingleOrDefaultAsync(ct);
        if (user is null)
        {
            return null;
        }
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var previous = await LinkedEmailAsync(db, memberId, ct);
            if (previous != user.Email)
            {
                var now = store.Time.GetUtcNow();
                // One statement whether a link exists or not: two admins linking the same operator at once
                // both succeed (the later wins) instead of one failing on the primary key.
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO inspection_operator_links (member_id, workspace_id, user_id, created_by, created_at)
                    VALUES ({memberId}, {member.WorkspaceId}, {user.Id}, {actor}, {now.ToUnixTimeMilliseconds()})
                    ON CONFLICT (member_id) DO UPDATE SET user_id = excluded.user_id, created_by = excluded.created_by, created_at = excluded.created_at
                    """, ct);
                InspectionAuditLog.Add(db, member.WorkspaceId, AuditSubjects.Operator, memberId, "linked", actor, now, previous, user.Email, null);
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
        return (await ListAsync(member.WorkspaceId, new OperatorFilter(MemberId: memberId), ct)).Items.Single().Link;
    }

    /// <summary>Removes the operator's link; false when it had none.</summary>
    public async Task<bool> UnlinkAsync(long memberId, string actor, CancellationToken ct = default)
    {
        await using var db = store.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var link = await db.OperatorLinks.AsNoTracking().Where(l => l.MemberId == memberId).Select(l => new { l.WorkspaceId }).SingleOrDefaultAsync(ct);
        var email = await LinkedEmailAsync(db, memberId, ct);
        // The delete's count, not the read, decides: of two removals at once, only one is recorded.
        if (link is null || await db.OperatorLinks.Where(l => l.MemberId == memberId).ExecuteDeleteAsync(ct) == 0)
        {
            return false;
        }
        InspectionAuditLog.Add(db, link.WorkspaceId, AuditSubjects.Operator, memberId, "unlinked", actor, store.Time.GetUtcNow(), email, null, null);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// The workspace's operators (staff members of its communities, and members linked before their flag
    /// was known) a page at a time, ordered by name, each with its message count and its link. Plain SQL,
    /// like the member search: the correlated counts read the member index alone.
    /// </summary>
    public async Task<OperatorList> ListAsync(long workspaceId, OperatorFilter filter, CancellationToken ct = default)
    {
        var page = Math.Max(1, filter.Page);
        var size = Math.Clamp(filter.PageSize, 1, OperatorFilter.MaxPageSize);
        var where = "c.workspace_id = @w AND (m.is_staff = @staff OR l.member_id IS NOT NULL)";
        var parameters = new List<(string, object?)> { ("@w", workspaceId), ("@staff", true) };
        if (!string.IsNullOrWhiteSpace(filter.Query))
        {
            where += $" AND ({SqlCommands.Contains(store.Provider, "m.display_name", "@q")} OR {SqlCommands.Contains(store.Provider, "c.name", "@q")})";
            parameters.Add(("@q", filter.Query.Trim().ToLowerInvariant()));
        }
        if (filter.CommunityId is { } community)
        {
            where += " AND m.community_id = @c";
            parameters.Add(("@c", community));
        }
        if (filter.IsLinked is { } linked)
        {
            where += linked ? " AND l.member_id IS NOT NULL" : " AND l.member_id IS NULL";
        }
        if (filter.UserId is { } user)
        {
            where += " AND l.user_id = @u";
            parameters.Add(("@u", user));
        }
        if (filter.MemberId is { } member)
        {
            where += " AND m.id = @m";
            parameters.Add(("@m", member));
        }
        const string from = "members m JOIN communities c ON c.id = m.community_id LEFT JOIN inspection_operator_links l ON l.member_id = m.id";
        await using var connection = await store.OpenConnectionAsync(ct);
        await using var cmd = connection.Command(
            $"SELECT count(*) FROM {from} WHERE {where}; " +
            "SELECT p.id, p.display_name, p.source_id, p.is_staff, p.community_id, p.community_name, p.platform, p.time_zone, " +
            $"(SELECT count(*) FROM activities a WHERE a.member_id = p.id AND a.kind = {(int)ActivityKind.Message}), " +
            "(SELECT max(a.occurred_at) FROM activities a WHERE a.member_id = p.id), " +
            "p.user_id, u.email, u.is_owner, u.disabled_at, wm.role, p.created_by, p.created_at, " +
            "(SELECT count(*) FROM inspection_operator_links o WHERE o.user_id = p.user_id AND o.workspace_id = @w) " +
            "FROM (SELECT m.id, m.display_name, m.source_id, m.is_staff, m.community_id, c.name AS community_name, c.platform, c.time_zone, " +
            $"l.user_id, l.created_by, l.created_at FROM {from} WHERE {where} ORDER BY m.display_name, c.name, m.id LIMIT @n OFFSET @o) p " +
            "LEFT JOIN users u ON u.id = p.user_id " +
            "LEFT JOIN workspace_members wm ON wm.user_id = p.user_id AND wm.workspace_id = @w " +
            "ORDER BY p.display_name, p.community_name, p.id",
            [.. parameters, ("@n", size), ("@o", (long)(page - 1) * size)]);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var total = reader.Long(0);
        await reader.NextResultAsync(ct);
        var items = new List<OperatorView>();
        while (await reader.ReadAsync(ct))
        {
            OperatorLinkView? link = null;
            if (reader.NullableLong(10) is { } userId)
            {
                var role = reader.Bool(12) ? Role.Admin : Roles.TryParse(reader.IsDBNull(14) ? null : reader.GetString(14), out var r) ? r : (Role?)null;
                var disabled = !reader.IsDBNull(13);
                link = new OperatorLinkView(reader.Long(0), userId, reader.GetString(11), role?.Name(), !disabled && role?.Allows(Permission.Appeal) == true, disabled,
                    (int)reader.Long(17), reader.GetString(15), reader.Instant(16)!.Value);
            }
            items.Add(new OperatorView(reader.Long(0), reader.GetString(1), reader.GetString(2), reader.Bool(3), reader.Long(4), reader.GetString(5), reader.GetString(6),
                reader.GetString(7), reader.Long(8), reader.Instant(9), link));
        }
        return new OperatorList(items, page, size, total);
    }

    /// <summary>The accounts an operator of the workspace can be linked to: its active members and the owner, by e-mail.</summary>
    public async Task<IReadOnlyList<LinkableAccount>> AccountsAsync(long workspaceId, CancellationToken ct = default)
    {
        await using var db = store.CreateDbContext();
        var members = await db.WorkspaceMemberships.AsNoTracking().Where(m => m.WorkspaceId == workspaceId)
            .Join(db.Users.Where(u => u.DisabledAt == null), m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.Email, u.IsOwner, m.Role })
            .ToListAsync(ct);
        var owners = await db.Users.AsNoTracking().Where(u => u.IsOwner && u.DisabledAt == null).Select(u => new { u.Id, u.Email }).ToListAsync(ct);
        var identities = await db.OperatorLinks.AsNoTracking().Where(l => l.WorkspaceId == workspaceId).GroupBy(l => l.UserId)
            .Select(g => new { UserId = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.UserId, x => x.Count, ct);
        return members.Select(m => (m.Id, m.Email, Role: m.IsOwner ? Role.Admin : m.Role))
            .Concat(owners.Where(o => members.All(m => m.Id != o.Id)).Select(o => (o.Id, o.Email, Role: Role.Admin)))
            .OrderBy(a => a.Email, StringComparer.Ordinal)
            .Select(a => new LinkableAccount(a.Id, a.Email, a.Role.Name(), identities.GetValueOrDefault(a.Id)))
            .ToList();
    }

    /// <summary>The workspace's latest link changes, newest first.</summary>
    public async Task<IReadOnlyList<OperatorLinkChange>> HistoryAsync(long workspaceId, int limit, CancellationToken ct = default)
    {
        await using var db = store.CreateDbContext();
        return await (
            from a in db.InspectionAudit
            where a.WorkspaceId == workspaceId && a.Subject == AuditSubjects.Operator
            join m in db.Members on a.SubjectId equals m.Id into ms
            from m in ms.DefaultIfEmpty()
            join c in db.Communities on m.CommunityId equals c.Id into cs
            from c in cs.DefaultIfEmpty()
            orderby a.Id descending
            select new OperatorLinkChange(a.At, a.Actor, a.Action, a.SubjectId, m == null ? null : m.DisplayName, c == null ? null : c.Name, a.FromState, a.ToState))
            .Take(limit).AsNoTracking().ToListAsync(ct);
    }

    private static Task<string?> LinkedEmailAsync(AppDbContext db, long memberId, CancellationToken ct) =>
        db.OperatorLinks.Where(l => l.MemberId == memberId).Join(db.Users, l => l.UserId, u => u.Id, (l, u) => u.Email).SingleOrDefaultAsync(ct);
}
