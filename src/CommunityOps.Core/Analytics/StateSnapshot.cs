using System.Runtime.InteropServices;
using System.Text;

namespace CommunityOps.Analytics;

/// <summary>
/// The binary form of a <see cref="CommunityState"/>: the arrays as they are in memory (little-endian),
/// so that a restart reads the state back instead of folding the raw log again.
/// </summary>
internal static class StateSnapshot
{
    /// <summary>Bumped whenever the layout of the state changes; an older snapshot is rebuilt from the store.</summary>
    public const int Format = 3;

    private const uint Magic = 0x53414F43; // "COAS"

    public static void Write(Stream stream, CommunityState s)
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(Format);
        w.Write(s.CommunityId);
        w.Write(s.Name);
        w.Write(s.WorkspaceId);
        w.Write(s.Workspace);
        w.Write(s.Clock.Id);
        WriteStrings(w, s.MemberNames);
        WriteStrings(w, s.Links);
        WriteStrings(w, [.. s.Unresolved]);
        var scalars = s.GetScalars();
        w.Write(scalars.Length);
        foreach (var v in scalars)
        {
            w.Write(v);
        }
        w.Write(s.LastKey.Ms);
        w.Write(s.LastKey.Rank);
        w.Write(s.LastKey.SourceId);
        w.Write(s.HourOverflow.Count);
        foreach (var (key, value) in s.HourOverflow)
        {
            w.Write(key);
            w.Write(value);
        }
        w.Write(s.EngagementOverflow.Count);
        foreach (var (key, (replies, reactions)) in s.EngagementOverflow)
        {
            w.Write(key);
            w.Write(replies);
            w.Write(reactions);
        }
        WriteRows(w, s.Members);
        WriteRows(w, s.Channels);
        WriteRows(w, s.Days);
        WriteRows(w, s.Weekly);
        WriteRows(w, s.Monthly);
        WriteRows(w, s.MemberDays);
        WriteRows(w, s.Moves);
        WriteRows(w, s.AttributedJoins);
        WriteRows(w, s.Periods);
        WriteRows(w, s.Messages);
    }

    /// <summary>The state, or null when the bytes are of another format (the caller rebuilds).</summary>
    public static CommunityState? Read(Stream stream)
    {
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (r.ReadUInt32() != Magic || r.ReadInt32() != Format)
        {
            return null;
        }
        var id = r.ReadInt64();
        var name = r.ReadString();
        var workspaceId = r.ReadInt64();
        var workspace = r.ReadString();
        var zone = ZoneClock.For(r.ReadString());
        var names = ReadStrings(r);
        var links = ReadStrings(r);
        var unresolved = ReadStrings(r);
        var scalars = new long[r.ReadInt32()];
        for (var i = 0; i < scalars.Length; i++)
        {
            scalars[i] = r.ReadInt64();
        }
        var lastKey = (r.ReadInt64(), r.ReadByte(), r.ReadString());
        var hours = new Dictionary<int, int>();
        for (var n = r.ReadInt32(); n > 0; n--)
        {
            hours[r.ReadInt32()] = r.ReadInt32();
        }
        var engagement = new Dictionary<int, (int, int)>();
        for (var n = r.ReadInt32(); n > 0; n--)
        {
            engagement[r.ReadInt32()] = (r.ReadInt32(), r.ReadInt32());
        }
        var state = CommunityState.Restore(id, name, workspaceId, workspace, zone, names, links, unresolved, scalars, lastKey,
            ReadRows<MemberSlot>(r), ReadRows<ChannelSlot>(r), ReadRows<DayRow>(r), ReadRows<CohortRow>(r), ReadRows<CohortRow>(r),
            ReadRows<MemberDay>(r), ReadRows<Move>(r), ReadRows<AttributedJoin>(r), ReadRows<Period>(r), ReadRows<MessageSlot>(r));
        foreach (var (key, value) in hours)
        {
            state.HourOverflow[key] = value;
        }
        foreach (var (key, value) in engagement)
        {
            state.EngagementOverflow[key] = value;
        }
        return state;
    }

    private static void WriteStrings(BinaryWriter w, IReadOnlyCollection<string> values)
    {
        w.Write(values.Count);
        foreach (var v in values)
        {
            w.Write(v);
        }
    }

    private static List<string> ReadStrings(BinaryReader r)
    {
        var n = r.ReadInt32();
        var list = new List<string>(n);
        for (var i = 0; i < n; i++)
        {
            list.Add(r.ReadString());
        }
        return list;
    }

    private static void WriteRows<T>(BinaryWriter w, ValueList<T> rows)
        where T : struct
    {
        w.Write(rows.Count);
        w.Write(MemoryMarshal.AsBytes(rows.AsSpan()));
    }

    private static ValueList<T> ReadRows<T>(BinaryReader r)
        where T : struct
    {
        var n = r.ReadInt32();
        var items = new T[n];
        var bytes = MemoryMarshal.AsBytes(items.AsSpan());
        r.BaseStream.ReadExactly(bytes);
        return new ValueList<T>(items);
    }
}
