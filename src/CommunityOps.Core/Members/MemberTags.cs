using System.Globalization;
using System.Text;
using CommunityOps.Resources;
using CommunityOps.Storage;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Members;

/// <summary>A workspace's tag with how many members carry it.</summary>
public sealed record TagSummary(long Id, string Name, long Members, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>
/// Tags per workspace and their assignment to members. Callers check who may do what; this checks
/// what must hold whoever asks: a tag is only ever put on a member of its own workspace.
/// </summary>
public static class MemberTags
{
    public const int MaxNameLength = 40;

    /// <summary>
    /// The name as stored: trimmed, inner whitespace collapsed to one space, NFC. Refused (as a
    /// <see cref="CommunityOpsException"/>) when empty, longer than <see cref="MaxNameLength"/>, or with
    /// control or invisible format characters (a zero-width space would make a second "VIP" that looks
    /// the same), or a comma (downloads list a member's tags separated by commas).
    /// </summary>
    public static string Normalize(string? name)
    {
        var parts = (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var value = string.Join(' ', parts).Normalize(NormalizationForm.FormC);
        if (value.Length == 0)
        {
            throw new CommunityOpsException(Errors.TagNeedsName());
        }
        if (value.Length > MaxNameLength)
        {
            throw new CommunityOpsException(Errors.TagNameTooLong(MaxNameLength));
        }
        foreach (var c in value)
        {
            if (c == ',' || char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format)
            {
                throw new CommunityOpsException(Errors.TagNameCharacters());
            }
        }
        return value;
    }

    /// <summary>What makes two names one tag: compatibility-folded (full-width ＶＩＰ is VIP) and lower-case.</summary>
    public static string KeyOf(string normalizedName) => normalizedName.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    public static Task<List<TagSummary>> TagsOfWorkspaceAsync(this AppDbContext db, long workspaceId, CancellationToken ct = default)
    {
        // A local, not db.MemberTags: extension properties cannot appear inside the query's expression tree.
        var assignments = db.MemberTags;
        return db.Tags.AsNoTracking().Where(t => t.WorkspaceId == workspaceId)
            .OrderBy(t => t.NameKey)
            .Select(t => new TagSummary(t.Id, t.Name, assignments.LongCount(m => m.TagId == t.Id), t.CreatedBy, t.CreatedAt))
            .ToListAsync(ct);
    }

    /// <summary>The workspace's tag of that name (any case), or null.</summary>
    public static Task<Tag?> FindTagAsync(this AppDbContext db, long workspaceId, string name, CancellationToken ct = default)
    {
        var key = KeyOf(Normalize(name));
        return db.Tags.AsNoTracking().SingleOrDefaultAsync(t => t.WorkspaceId == workspaceId && t.NameKey == key, ct);
    }

    /// <summary>The workspace's tag of that name, created if it does not exist yet.</summary>
    public static async Task<(Tag Tag, bool Created)> EnsureTagAsync(this AppDbContext db, long workspaceId, string name, string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        var normalized = Normalize(name);
        if (await db.FindTagAsync(workspaceId, normalized, ct) is { } existing)
        {
            return (existing, false);
        }
        var tag = new Tag { WorkspaceId = workspaceId, Name = normalized, NameKey = KeyOf(normalized), CreatedBy = actor, CreatedAt = now };
        db.Tags.Add(tag);
        try
        {
            await db.SaveChangesAsync(ct);
            return (tag, true);
        }
        catch (DbUpdateException)
        {
            // Another request (or instance) created it in between: the unique key refused ours, use theirs.
            db.Entry(tag).State = EntityState.Detached;
            return (await db.FindTagAsync(workspaceId, normalized, ct) ?? throw new CommunityOpsException(Errors.TagNotCreated(normalized)), false);
        }
    }

    /// <summary>Puts the tag on the member; false if it was already there.</summary>
    public static async Task<bool> AssignTagAsync(this AppDbContext db, long memberId, Tag tag, string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        var memberWorkspace = await db.Members.Where(m => m.Id == memberId)
            .Join(db.Communities, m => m.CommunityId, c => c.Id, (m, c) => (long?)c.WorkspaceId).SingleOrDefaultAsync(ct);
        if (memberWorkspace != tag.WorkspaceId)
        {
            throw new InvalidOperationException($"tag {tag.Id} and member {memberId} are not in the same workspace");
        }
        if (await db.MemberTags.AnyAsync(m => m.MemberId == memberId && m.TagId == tag.Id, ct))
        {
            return false;
        }
        var row = new MemberTag { MemberId = memberId, TagId = tag.Id, AssignedBy = actor, AssignedAt = now };
        db.MemberTags.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            db.Entry(row).State = EntityState.Detached;
            // Assigned by a concurrent request: the outcome asked for holds.
            if (await db.MemberTags.AsNoTracking().AnyAsync(m => m.MemberId == memberId && m.TagId == tag.Id, ct))
            {
                return false;
            }
            throw;
        }
    }

    /// <summary>Takes the tag off the member; false if it was not there.</summary>
    public static async Task<bool> UnassignTagAsync(this AppDbContext db, long memberId, long tagId, CancellationToken ct = default) =>
        await db.MemberTags.Where(m => m.MemberId == memberId && m.TagId == tagId).ExecuteDeleteAsync(ct) > 0;

    /// <summary>Deletes the tag and takes it off every member, in one transaction.</summary>
    public static async Task DeleteTagAsync(this AppDbContext db, long tagId, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.MemberTags.Where(m => m.TagId == tagId).ExecuteDeleteAsync(ct);
        await db.Tags.Where(t => t.Id == tagId).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The tags of each listed member (a page of a list), by name. Plain SQL like the list itself.</summary>
    public static async Task<Dictionary<long, List<TagRef>>> TagsOfMembersAsync(this Store store, IReadOnlyList<long> memberIds, CancellationToken ct = default)
    {
        var result = new Dictionary<long, List<TagRef>>();
        if (memberIds.Count == 0)
        {
            return result;
        }
        await using var connection = await store.OpenConnectionAsync(ct);
        await using var cmd = connection.CreateCommand();
        var list = cmd.InList("m", memberIds);
        cmd.CommandText = $"SELECT mt.member_id, t.id, t.name FROM member_tags mt JOIN tags t ON t.id = mt.tag_id WHERE mt.member_id {list} ORDER BY t.name_key, t.id";
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var memberId = reader.Long(0);
            (result.TryGetValue(memberId, out var tags) ? tags : result[memberId] = []).Add(new TagRef(reader.Long(1), reader.GetString(2)));
        }
        return result;
    }

    /// <summary>The ids of the members of one community that carry the tag.</summary>
    public static async Task<HashSet<long>> MembersWithTagAsync(this Store store, long communityId, long tagId, CancellationToken ct = default)
    {
        await using var connection = await store.OpenConnectionAsync(ct);
        await using var cmd = connection.Command(
            "SELECT mt.member_id FROM member_tags mt JOIN members m ON m.id = mt.member_id WHERE mt.tag_id = @t AND m.community_id = @c",
            ("@t", tagId), ("@c", communityId));
        var ids = new HashSet<long>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.Long(0));
        }
        return ids;
    }
}
