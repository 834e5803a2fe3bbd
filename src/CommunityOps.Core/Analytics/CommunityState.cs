namespace CommunityOps.Analytics;

/// <summary>
/// Everything the metrics need for one community, folded from its events in time order: daily
/// rollups, cohort tables, and compact logs (member active days, membership moves, waiting periods,
/// messages with what they received). Appending later events continues the fold; see docs/metrics.md.
/// </summary>
internal sealed partial class CommunityState
{
    public const int NoDay = int.MinValue;

    /// <summary>How far past the last day the rollups reach: the last day's 30-day window closes there.</summary>
    public const int TailDays = 31;

    public CommunityState(long communityId, string name, long workspaceId, string workspace, ZoneClock clock)
    {
        CommunityId = communityId;
        Name = name;
        WorkspaceId = workspaceId;
        Workspace = workspace;
        Clock = clock;
        Channels.Add(new ChannelSlot(0, 0, -1));
    }

    public long CommunityId { get; }
    public string Name { get; set; }
    public long WorkspaceId { get; }
    public string Workspace { get; }
    public ZoneClock Clock { get; }

    public ValueList<MemberSlot> Members { get; private init; } = new();
    public List<string> MemberNames { get; } = [];
    public ValueList<ChannelSlot> Channels { get; private init; } = new();
    public List<string> Links { get; } = [];

    public int BaseDay { get; private set; } = NoDay;
    public ValueList<DayRow> Days { get; private init; } = new();
    public int FirstDay { get; private set; } = NoDay;
    public int LastDay { get; private set; } = NoDay;

    public int BaseWeek { get; private set; }
    public ValueList<CohortRow> Weekly { get; private init; } = new();
    public int BaseMonth { get; private set; }
    public ValueList<CohortRow> Monthly { get; private init; } = new();

    public ValueList<MemberDay> MemberDays { get; private init; } = new();
    public ValueList<Move> Moves { get; private init; } = new();
    public ValueList<AttributedJoin> AttributedJoins { get; private init; } = new();
    public ValueList<Period> Periods { get; private init; } = new();
    public ValueList<MessageSlot> Messages { get; private init; } = new();

    /// <summary>Hour counts past 65,535 by (day offset * 24 + hour); in practice empty.</summary>
    public Dictionary<int, int> HourOverflow { get; } = [];

    /// <summary>Replies and reactions past 65,535 by message ordinal; in practice empty.</summary>
    public Dictionary<int, (int Replies, int Reactions)> EngagementOverflow { get; } = [];

    /// <summary>Members whose first event is a leave: in before the history starts.</summary>
    public int InitialIn { get; private set; }

    public long EventCount { get; private set; }

    /// <summary>The order key of the last folded event; an event sorting after it can be appended.</summary>
    public (long Ms, byte Rank, string SourceId) LastKey { get; set; } = (long.MinValue, 0, "");

    /// <summary>Source ids that replies or reactions point to but no message has (yet); such a message arriving later needs a refold.</summary>
    public HashSet<string> Unresolved { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => LastDay == NoDay;

    public int AddMember(long id, string name, bool isStaff)
    {
        MemberNames.Add(name);
        return Members.Add(new MemberSlot
        {
            Id = id,
            FirstEventDay = NoDay,
            FirstJoinDay = NoDay,
            LastMove = -1,
            LastDayEntry = -1,
            LastMessageDay = NoDay,
            LastMoveDay = NoDay,
            Flags = isStaff ? MemberFlags.Staff : MemberFlags.None,
        });
    }

    public int AddChannel(long id) => Channels.Add(new ChannelSlot(id, 0, -1));

    public int AddLink(string link)
    {
        Links.Add(link);
        return Links.Count - 1;
    }

    public ref DayRow Day(int day) => ref Days[day - BaseDay];

    public bool HasDay(int day) => BaseDay != NoDay && day >= BaseDay && day < BaseDay + Days.Count;

    public int DayOf(in MemberDay entry) => BaseDay + entry.Offset;

    public int Hours(int day, int hour)
    {
        var n = (int)Day(day).Hours[hour];
        return n == ushort.MaxValue ? n + HourOverflow.GetValueOrDefault(((day - BaseDay) * 24) + hour) : n;
    }

    public int Replies(int ordinal)
    {
        var n = (int)Messages[ordinal].Replies;
        return n == ushort.MaxValue ? n + EngagementOverflow.GetValueOrDefault(ordinal).Replies : n;
    }

    public int Reactions(int ordinal)
    {
        var n = (int)Messages[ordinal].Reactions;
        return n == ushort.MaxValue ? n + EngagementOverflow.GetValueOrDefault(ordinal).Reactions : n;
    }

    /// <summary>Index of the first message ordinal of each day from BaseDay, plus the end.</summary>
    public int[] MessageStarts()
    {
        var starts = new int[Days.Count + 1];
        for (var i = 0; i < Days.Count; i++)
        {
            ref var row = ref Days[i];
            starts[i + 1] = starts[i] + row.Messages + row.StaffMessages;
        }
        return starts;
    }

    /// <summary>Bytes held by the state's arrays (names and small maps excluded), for the benchmark's report.</summary>
    public long AllocatedBytes =>
        Members.AllocatedBytes + Channels.AllocatedBytes + Days.AllocatedBytes + Weekly.AllocatedBytes + Monthly.AllocatedBytes
        + MemberDays.AllocatedBytes + Moves.AllocatedBytes + AttributedJoins.AllocatedBytes + Periods.AllocatedBytes + Messages.AllocatedBytes;

    public void TrimExcess()
    {
        Members.TrimExcess();
        Channels.TrimExcess();
        Days.TrimExcess();
        Weekly.TrimExcess();
        Monthly.TrimExcess();
        MemberDays.TrimExcess();
        Moves.TrimExcess();
        AttributedJoins.TrimExcess();
        Periods.TrimExcess();
        Messages.TrimExcess();
    }

    private void EnsureDays(int day)
    {
        if (BaseDay == NoDay)
        {
            BaseDay = day;
            BaseWeek = LocalDays.WeekOf(day);
            BaseMonth = LocalDays.MonthOf(day);
        }
        if (day < BaseDay)
        {
            // The fold never lets local dates run backwards, and member-day entries hold offsets from BaseDay.
            throw new InvalidOperationException($"community {CommunityId}: day {day} before the first folded day {BaseDay}");
        }
        var needed = day - BaseDay + TailDays;
        if (needed > Days.Count)
        {
            Days.Resize(Math.Max(needed, Days.Count + 32));
        }
    }

    private ref CohortRow Week(int week) => ref CohortFor(Weekly, week, BaseWeek, w => BaseWeek = w);

    private ref CohortRow Month(int month) => ref CohortFor(Monthly, month, BaseMonth, m => BaseMonth = m);

    private static ref CohortRow CohortFor(ValueList<CohortRow> rows, int key, int baseKey, Action<int> setBase)
    {
        if (key < baseKey)
        {
            rows.Prepend(baseKey - key);
            setBase(key);
            baseKey = key;
        }
        if (key - baseKey >= rows.Count)
        {
            rows.Resize(key - baseKey + 1);
        }
        return ref rows[key - baseKey];
    }
}

// Snapshot support: the scalar fields in a fixed order, and a constructor from saved parts.
internal sealed partial class CommunityState
{
    public long[] GetScalars() => [BaseDay, FirstDay, LastDay, BaseWeek, BaseMonth, InitialIn, EventCount, _lastFoldDay, _lastMessageDay];

    public static CommunityState Restore(long id, string name, long workspaceId, string workspace, ZoneClock clock,
        List<string> names, List<string> links, List<string> unresolved, long[] scalars, (long, byte, string) lastKey,
        ValueList<MemberSlot> members, ValueList<ChannelSlot> channels, ValueList<DayRow> days, ValueList<CohortRow> weekly, ValueList<CohortRow> monthly,
        ValueList<MemberDay> memberDays, ValueList<Move> moves, ValueList<AttributedJoin> attributed, ValueList<Period> periods, ValueList<MessageSlot> messages)
    {
        var s = new CommunityState(id, name, workspaceId, workspace, clock)
        {
            Members = members,
            Channels = channels,
            Days = days,
            Weekly = weekly,
            Monthly = monthly,
            MemberDays = memberDays,
            Moves = moves,
            AttributedJoins = attributed,
            Periods = periods,
            Messages = messages,
            BaseDay = (int)scalars[0],
            FirstDay = (int)scalars[1],
            LastDay = (int)scalars[2],
            BaseWeek = (int)scalars[3],
            BaseMonth = (int)scalars[4],
            InitialIn = (int)scalars[5],
            EventCount = scalars[6],
            LastKey = lastKey,
        };
        s._lastFoldDay = (int)scalars[7];
        s._lastMessageDay = (int)scalars[8];
        s.MemberNames.AddRange(names);
        s.Links.AddRange(links);
        s.Unresolved.UnionWith(unresolved);
        return s;
    }
}

internal sealed partial class CommunityState
{
    public int StaffCount()
    {
        var n = 0;
        foreach (ref readonly var m in Members.AsSpan())
        {
            if (m.IsStaff)
            {
                n++;
            }
        }
        return n;
    }
}
