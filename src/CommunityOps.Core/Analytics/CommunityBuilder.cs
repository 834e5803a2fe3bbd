using CommunityOps.Messages;

namespace CommunityOps.Analytics;

/// <summary>
/// Turns activity rows into fold events: sorts them, maps ids to the state's indexes, resolves reply
/// and reaction targets to message ordinals, and folds. A full build is an append to an empty state.
/// </summary>
internal sealed class CommunityBuilder
{
    private readonly CommunityState _s;
    private readonly Dictionary<long, int> _members = [];
    private readonly Dictionary<long, int> _channels = [];
    private readonly Dictionary<string, int> _links = new(StringComparer.Ordinal);
    private int[]? _messageStarts;

    public CommunityBuilder(CommunityState state)
    {
        _s = state;
        for (var i = 0; i < state.Members.Count; i++)
        {
            _members[state.Members[i].Id] = i;
        }
        for (var i = 1; i < state.Channels.Count; i++)
        {
            _channels[state.Channels[i].Id] = i;
        }
        for (var i = 0; i < state.Links.Count; i++)
        {
            _links[state.Links[i]] = i;
        }
    }

    public static CommunityState Build(CommunityRow community, ZoneClock clock, List<MemberRowInfo> members, List<long> channels, List<ActivityRow> rows, long upTo)
    {
        var state = new CommunityState(community.Id, community.Name, community.WorkspaceId, community.Workspace, clock);
        foreach (var m in members)
        {
            state.AddMember(m.Id, m.Name, m.IsStaff);
        }
        foreach (var c in channels)
        {
            state.AddChannel(c);
        }
        if (!new CommunityBuilder(state).TryAppend(rows, upTo))
        {
            throw new InvalidOperationException($"community {community.Id}: a full build could not resolve its own rows");
        }
        state.TrimExcess();
        return state;
    }

    public bool Knows(long memberId) => _members.ContainsKey(memberId);

    public bool IsStaff(long memberId) => _s.Members[_members[memberId]].IsStaff;

    public void AddMember(MemberRowInfo member) => _members[member.Id] = _s.AddMember(member.Id, member.Name, member.IsStaff);

    /// <summary>
    /// Folds rows whose targets with id at most <paramref name="upTo"/> exist; false, with the state
    /// untouched, when the rows do not all sort after what is folded (history imported late) or when
    /// one of them resolves a reference the state holds as unresolved. The caller then rebuilds.
    /// </summary>
    public bool TryAppend(List<ActivityRow> rows, long upTo)
    {
        if (rows.Count == 0)
        {
            return true;
        }
        rows.Sort(ActivityRow.Compare);
        var (lastMs, lastRank, lastSource) = _s.LastKey;
        var first = rows[0];
        var order = first.Ms.CompareTo(lastMs);
        if (order == 0)
        {
            order = FoldEvent.Rank(first.Kind).CompareTo(lastRank);
        }
        if (order == 0)
        {
            order = string.CompareOrdinal(first.SourceId, lastSource);
        }
        if (order <= 0)
        {
            return false;
        }
        var ordinals = new Dictionary<long, int>();
        var next = _s.Messages.Count;
        foreach (var row in rows)
        {
            if (row.Kind == ActivityKind.Message)
            {
                if (_s.Unresolved.Contains(row.SourceId))
                {
                    return false;
                }
                ordinals[row.Id] = next++;
            }
        }
        var events = new FoldEvent[rows.Count];
        var unresolved = new List<string>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var target = -1;
            if (row.TargetSourceId is not null)
            {
                if (row.TargetId is { } id && id <= upTo)
                {
                    if (!ordinals.TryGetValue(id, out target))
                    {
                        target = FindMessage(id, row.TargetMs);
                        if (target < 0)
                        {
                            return false;
                        }
                    }
                }
                else
                {
                    unresolved.Add(row.TargetSourceId);
                }
            }
            if (!_members.TryGetValue(row.MemberId, out var member))
            {
                return false;
            }
            events[i] = new FoldEvent
            {
                Ms = row.Ms,
                Id = row.Id,
                Member = member,
                Channel = row.ChannelId is { } channel ? Channel(channel) : 0,
                Target = target,
                Related = row.Related is { } related && _members.TryGetValue(related, out var r) ? r : -1,
                Link = row.Link is { Length: > 0 } link ? Link(link) : -1,
                Mentions = row.Mentions,
                Kind = row.Kind,
                IsReply = row.IsReply,
            };
        }
        _s.Unresolved.UnionWith(unresolved);
        _s.Fold(events);
        var last = rows[^1];
        _s.LastKey = (last.Ms, FoldEvent.Rank(last.Kind), last.SourceId);
        return true;
    }

    private int Channel(long id)
    {
        if (!_channels.TryGetValue(id, out var index))
        {
            _channels[id] = index = _s.AddChannel(id);
        }
        return index;
    }

    private int Link(string link)
    {
        if (!_links.TryGetValue(link, out var index))
        {
            _links[link] = index = _s.AddLink(link);
        }
        return index;
    }

    /// <summary>A folded message by activity id: first among the messages of its local day, then anywhere.</summary>
    private int FindMessage(long id, long ms)
    {
        var messages = _s.Messages;
        if (!_s.IsEmpty)
        {
            _messageStarts ??= _s.MessageStarts();
            var day = LocalDays.DayOf(new ZoneCursor(_s.Clock).Local(ms)) - _s.BaseDay;
            if (day >= 0 && day < _s.Days.Count)
            {
                for (var o = _messageStarts[day]; o < _messageStarts[day + 1]; o++)
                {
                    if (messages[o].Id == id)
                    {
                        return o;
                    }
                }
            }
        }
        for (var o = 0; o < messages.Count; o++)
        {
            if (messages[o].Id == id)
            {
                return o;
            }
        }
        return -1;
    }
}
