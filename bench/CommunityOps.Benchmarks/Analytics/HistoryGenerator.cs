using CommunityOps.Analytics;
using CommunityOps.Messages;

namespace CommunityOps.Benchmarks.Analytics;

/// <summary>One generated community: its setup and its events in fold order (time, then kind rank).</summary>
internal sealed record GeneratedCommunity(int Index, string TimeZone, int Members, int Staff, FoldEvent[] Events);

/// <summary>
/// Deterministic synthetic histories for the benchmark: thousands of communities over one year,
/// sizes spread log-normally, members arriving through the year and most activity from a few of them,
/// staff answering in channels, replies and reactions to recent messages, leaves and rejoins. The same
/// seed and community index always give the same events, so every engine and baseline reads the same data.
/// </summary>
internal sealed class HistoryGenerator(long totalEvents, int communities, int seed)
{
    public static readonly string[] Zones =
        ["Asia/Shanghai", "Asia/Shanghai", "Asia/Shanghai", "America/New_York", "Europe/Berlin", "Europe/London", "Asia/Tokyo", "America/Los_Angeles", "UTC"];

    public static readonly long YearStartMs = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    public const long YearMs = 365L * 86_400_000;

    private readonly long[] _sizes = Sizes(totalEvents, communities, seed);

    public int Communities => communities;

    public int Seed => seed;

    public long TotalEvents => _sizes.Sum();

    public long SizeOf(int community) => _sizes[community];

    /// <summary>Sizes from a log-normal spread (sigma 1), scaled to the total; no community below 200 events.</summary>
    private static long[] Sizes(long total, int n, int seed)
    {
        var random = new Random(seed);
        var weights = new double[n];
        for (var i = 0; i < n; i++)
        {
            var u1 = 1 - random.NextDouble();
            var u2 = random.NextDouble();
            weights[i] = Math.Exp(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
        var sum = weights.Sum();
        var sizes = weights.Select(w => Math.Max(200, (long)(total * w / sum))).ToArray();
        var excess = sizes.Sum() - total;
        for (var i = 0; excess > 0; i = (i + 1) % n)
        {
            if (sizes[i] > 400)
            {
                sizes[i]--;
                excess--;
            }
        }
        return sizes;
    }

    /// <summary>A per-community seed that is the same in every process (HashCode is randomized per process).</summary>
    private static int CommunitySeed(int seed, int index) => unchecked((seed * 1_000_003) + (index * 7_919) + 17);

    /// <summary>A community's zone, members and staff without its events (the first draws of <see cref="Generate"/>).</summary>
    public (string Zone, int Members, int Staff) Setup(int index)
    {
        var random = new Random(CommunitySeed(seed, index));
        return (Zones[random.Next(Zones.Length)], Math.Max(20, (int)_sizes[index] / 25), random.Next(2, 6));
    }

    public GeneratedCommunity Generate(int index)
    {
        var random = new Random(CommunitySeed(seed, index));
        var count = (int)_sizes[index];
        var zone = Zones[random.Next(Zones.Length)];
        var members = Math.Max(20, count / 25);
        var staff = random.Next(2, 6);
        var channels = random.Next(1, 5);
        var founders = Math.Max(staff + 1, members / 5);
        var events = new FoldEvent[count + members];
        var n = 0;
        var isIn = new bool[members];
        var arrived = 0;
        // Exponential gaps with a daily rhythm: quiet nights in the community's rough local time.
        var meanGap = YearMs / (double)count;
        var ms = (double)YearStartMs;
        var offsetHours = zone switch { "America/New_York" => -5, "America/Los_Angeles" => -8, "Europe/Berlin" => 1, "Asia/Tokyo" => 9, "Asia/Shanghai" => 8, _ => 0 };
        while (n < count)
        {
            var hour = (int)(((((long)ms / 3_600_000) + offsetHours) % 24 + 24) % 24);
            ms += -Math.Log(1 - random.NextDouble()) * meanGap * (hour < 7 ? 3.0 : 0.8);
            if (ms >= YearStartMs + YearMs)
            {
                ms = YearStartMs + YearMs - 1 - random.Next(1000);
            }
            var t = (long)(ms / 1000) * 1000;
            var due = founders + (int)((members - founders) * (t - YearStartMs) / (double)YearMs);
            if (arrived < Math.Min(members, due))
            {
                // A new member arrives: a join, often with an inviter or an invite link.
                var inviter = random.Next(10) < 3 ? random.Next(Math.Max(1, arrived)) : -1;
                var link = random.Next(10) < 2 ? random.Next(3) : -1;
                events[n++] = new FoldEvent { Ms = t, Member = arrived, Kind = ActivityKind.Join, Related = inviter, Link = link, Target = -1 };
                isIn[arrived++] = true;
                continue;
            }
            var roll = random.Next(100);
            int member;
            if (roll < 12)
            {
                member = random.Next(staff);
            }
            else
            {
                // Activity is concentrated: the square of a uniform number favours low (older) indexes.
                var u = random.NextDouble();
                member = staff + (int)(Math.Max(1, arrived - staff) * u * u);
                member = Math.Min(member, Math.Max(staff, arrived - 1));
            }
            ActivityKind kind;
            if (roll >= 12 && roll < 16 && member >= staff)
            {
                kind = isIn[member] ? ActivityKind.Leave : ActivityKind.Join;
                isIn[member] = !isIn[member];
            }
            else
            {
                kind = random.Next(100) < 86 ? ActivityKind.Message : ActivityKind.Reaction;
                isIn[member] |= member >= staff;
            }
            events[n++] = new FoldEvent
            {
                Ms = t,
                Member = member,
                Kind = kind,
                Channel = kind == ActivityKind.Message ? 1 + random.Next(channels) : 0,
                // Targets are filled after sorting; here the sign says whether one is wanted.
                Target = (kind == ActivityKind.Message && random.Next(4) == 0) || kind == ActivityKind.Reaction ? 1 : -1,
                IsReply = false,
                Related = -1,
                Link = -1,
                Mentions = kind == ActivityKind.Message && random.Next(10) == 0 ? 1 + random.Next(2) : 0,
            };
        }
        Array.Resize(ref events, n);
        SortByRank(events);
        ResolveTargets(events, random);
        return new GeneratedCommunity(index, zone, members, staff, events);
    }

    /// <summary>Times never decrease here, so only runs of equal times need ordering by kind (insertion sort, stable).</summary>
    private static void SortByRank(FoldEvent[] events)
    {
        for (var i = 1; i < events.Length; i++)
        {
            var e = events[i];
            var j = i - 1;
            while (j >= 0 && events[j].Ms == e.Ms && FoldEvent.Rank(events[j].Kind) > FoldEvent.Rank(e.Kind))
            {
                events[j + 1] = events[j];
                j--;
            }
            events[j + 1] = e;
        }
    }

    private static void ResolveTargets(FoldEvent[] events, Random random)
    {
        var messages = 0;
        for (var i = 0; i < events.Length; i++)
        {
            ref var e = ref events[i];
            e.Id = i;
            var wants = e.Target > 0;
            e.Target = -1;
            if (wants && messages > 0)
            {
                e.Target = messages - 1 - random.Next(Math.Min(messages, e.Kind == ActivityKind.Reaction ? 100 : 50));
                e.IsReply = e.Kind == ActivityKind.Message;
            }
            if (e.Kind == ActivityKind.Message)
            {
                messages++;
            }
        }
    }

    /// <summary>The folded state of one community, as the engine holds it after loading.</summary>
    public static CommunityState Fold(GeneratedCommunity g)
    {
        var state = new CommunityState(g.Index + 1, $"community {g.Index + 1}", 1, "bench", ZoneClock.For(g.TimeZone));
        for (var m = 0; m < g.Members; m++)
        {
            state.AddMember(m + 1, $"m{m}", m < g.Staff);
        }
        for (var c = 1; c <= 4; c++)
        {
            state.AddChannel(c);
        }
        state.AddLink("https://t.me/+a");
        state.AddLink("https://t.me/+b");
        state.AddLink("https://t.me/+c");
        state.Fold(g.Events);
        state.TrimExcess();
        return state;
    }
}
