using System.Data.Common;
using System.Runtime.CompilerServices;

namespace CommunityOps.Ingestion;

/// <summary>
/// New members of a PostgreSQL import get ids reserved from the members sequence up front, so an
/// activity can name its member while the connection is busy streaming COPY data; the rows themselves
/// are inserted (and display-name or flag changes applied) in one statement each at a segment's end.
/// A member that a concurrent import inserted first keeps that import's id: the reserved id is then
/// mapped to it, both for rows already written (one UPDATE) and for rows still to come.
/// </summary>
internal sealed class PostgresMembers(Func<string, DbCommand> command, bool largeBlocks = false)
{
    private const int FirstBlock = 256;
    private const int LargestBlock = 16_384;

    private readonly Queue<long> _reserved = [];
    private readonly Dictionary<long, PendingMember> _pending = [];
    private readonly Dictionary<long, (string DisplayName, bool IsStaff, bool IsBot)> _updates = [];
    private readonly Dictionary<long, long> _remapped = [];
    private int _block = largeBlocks ? LargestBlock : FirstBlock;

    private sealed record PendingMember(long CommunityId, string SourceId, string DisplayName, bool IsStaff, bool IsBot);

    /// <summary>False when the next new member needs a round trip for more ids.</summary>
    public bool HasReservedId => _reserved.Count > 0;

    public void Reserve()
    {
        using var cmd = command("SELECT nextval(pg_get_serial_sequence('members', 'id')) FROM generate_series(1, @n)");
        ActivityWriter.AddParameter(cmd, "@n", _block);
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                _reserved.Enqueue(reader.GetInt64(0));
            }
        }
        // Small imports should not burn thousands of ids; big ones should not stop often.
        _block = Math.Min(_block * 4, LargestBlock);
    }

    // Per row: compiled optimized at the first call, for the reason PostgresCopyRows gives.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Add(long communityId, string sourceId, string displayName, bool isStaff, bool isBot)
    {
        var id = _reserved.Dequeue();
        _pending[id] = new PendingMember(communityId, sourceId, displayName, isStaff, isBot);
        return id;
    }

    public void Update(long id, string displayName, bool isStaff, bool isBot)
    {
        if (_pending.TryGetValue(id, out var pending))
        {
            _pending[id] = pending with { DisplayName = displayName, IsStaff = isStaff, IsBot = isBot };
        }
        else
        {
            _updates[Real(id)] = (displayName, isStaff, isBot);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Real(long id) => _remapped.Count == 0 ? id : _remapped.GetValueOrDefault(id, id);

    /// <summary>Runs with no COPY in progress, after the rows that name these members are written.</summary>
    public void Flush()
    {
        if (_pending.Count > 0)
        {
            InsertPending();
        }
        if (_updates.Count > 0)
        {
            using var cmd = command(
                "UPDATE members m SET display_name = u.n, is_staff = u.s, is_bot = u.b FROM unnest(@id, @n, @s, @b) AS u(id, n, s, b) WHERE m.id = u.id");
            ActivityWriter.AddParameter(cmd, "@id", _updates.Keys.ToArray());
            ActivityWriter.AddParameter(cmd, "@n", _updates.Values.Select(u => u.DisplayName).ToArray());
            ActivityWriter.AddParameter(cmd, "@s", _updates.Values.Select(u => u.IsStaff).ToArray());
            ActivityWriter.AddParameter(cmd, "@b", _updates.Values.Select(u => u.IsBot).ToArray());
            cmd.ExecuteNonQuery();
            _updates.Clear();
        }
    }

    private void InsertPending()
    {
        var ids = _pending.Keys.ToArray();
        var rows = _pending.Values.ToArray();
        using (var cmd = command(
            "INSERT INTO members (id, community_id, source_id, display_name, is_staff, is_bot) " +
            "SELECT * FROM unnest(@id, @c, @s, @n, @st, @b) " +
            "ON CONFLICT (community_id, source_id) DO UPDATE SET display_name = excluded.display_name, " +
            "is_staff = members.is_staff OR excluded.is_staff, is_bot = members.is_bot OR excluded.is_bot RETURNING id, community_id, source_id"))
        {
            ActivityWriter.AddParameter(cmd, "@id", ids);
            ActivityWriter.AddParameter(cmd, "@c", rows.Select(p => p.CommunityId).ToArray());
            ActivityWriter.AddParameter(cmd, "@s", rows.Select(p => p.SourceId).ToArray());
            ActivityWriter.AddParameter(cmd, "@n", rows.Select(p => p.DisplayName).ToArray());
            ActivityWriter.AddParameter(cmd, "@st", rows.Select(p => p.IsStaff).ToArray());
            ActivityWriter.AddParameter(cmd, "@b", rows.Select(p => p.IsBot).ToArray());
            var stored = new Dictionary<(long, string), long>();
            using (var reader = cmd.ExecuteReader())
            {
                while (reader.Read())
                {
                    stored[(reader.GetInt64(1), reader.GetString(2))] = reader.GetInt64(0);
                }
            }
            for (var i = 0; i < ids.Length; i++)
            {
                var real = stored[(rows[i].CommunityId, rows[i].SourceId)];
                if (real != ids[i])
                {
                    _remapped[ids[i]] = real;
                    Repoint(ids[i], real);
                }
            }
        }
        _pending.Clear();
    }

    private void Repoint(long reserved, long real)
    {
        using var cmd = command(
            "UPDATE activities SET member_id = CASE WHEN member_id = @r THEN @real ELSE member_id END, " +
            "related_member_id = CASE WHEN related_member_id = @r THEN @real ELSE related_member_id END " +
            "WHERE member_id = @r OR related_member_id = @r");
        ActivityWriter.AddParameter(cmd, "@r", reserved);
        ActivityWriter.AddParameter(cmd, "@real", real);
        cmd.ExecuteNonQuery();
    }
}
