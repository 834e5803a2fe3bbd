using System.Globalization;
using System.Text.Json;

namespace CommunityOps.Tests.Analytics;

/// <summary>
/// Seeded random community histories as JSONL lines, aimed at the corners of the definitions: rejoins,
/// members whose first event is a leave, staff, equal timestamps, events around DST changes and local
/// midnight, replies and reactions to unknown or later messages, and lines in shuffled order (so that
/// activity ids do not follow time).
/// </summary>
public sealed class RandomHistory
{
    private static readonly (string Zone, DateTimeOffset Start)[] Zones =
    [
        ("America/New_York", new DateTimeOffset(2026, 2, 20, 0, 0, 0, TimeSpan.Zero)),
        ("Europe/Berlin", new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero)),
        ("Asia/Shanghai", new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero)),
        ("America/New_York", new DateTimeOffset(2026, 10, 10, 0, 0, 0, TimeSpan.Zero)),
    ];

    // The importer reads times only when unescaped, as exporters write them (a '+' stays a '+').
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Random _random;

    public RandomHistory(int seed, int communities = 3, int eventsPerCommunity = 400, bool onlyBackwardReferences = false)
    {
        _random = new Random(seed);
        for (var c = 0; c < communities; c++)
        {
            Generate($"c{c}", Zones[(seed + c) % Zones.Length], eventsPerCommunity, onlyBackwardReferences);
        }
        Shuffle(Lines);
    }

    /// <summary>One JSON object per event, shuffled, each with the instant it describes.</summary>
    public List<(string Community, DateTimeOffset Time, string Json)> Lines { get; } = [];

    public string Jsonl(Func<(string Community, DateTimeOffset Time, string Json), bool>? where = null) =>
        string.Join('\n', Lines.Where(l => where is null || where(l)).Select(l => l.Json)) + "\n";

    /// <summary>Whether a line lies more than <paramref name="days"/> after its community's first event.</summary>
    public bool IsLate((string Community, DateTimeOffset Time, string Json) line, int days) =>
        line.Time >= Lines.Where(l => l.Community == line.Community).Min(l => l.Time).AddDays(days);

    private void Generate(string community, (string Zone, DateTimeOffset Start) setup, int count, bool onlyBackward)
    {
        var members = Enumerable.Range(0, _random.Next(10, 25)).Select(i => $"{community}u{i}").ToList();
        var staff = members.Take(_random.Next(1, 4)).ToHashSet();
        var channels = new[] { "ch1", "ch2", null };
        var messages = new List<(string Id, DateTimeOffset Time)>();
        var times = new List<DateTimeOffset>();
        var spanMinutes = _random.Next(60, 130) * 24 * 60;
        for (var i = 0; i < count; i++)
        {
            // Minute steps make ties common; some events repeat an earlier instant exactly.
            var time = times.Count > 0 && _random.Next(10) == 0
                ? times[_random.Next(times.Count)]
                : setup.Start.AddMinutes(_random.Next(spanMinutes));
            times.Add(time);
        }
        // Members whose first event is a leave: they were in before the history starts.
        foreach (var member in members.Skip(staff.Count).Take(2))
        {
            Add(community, setup.Zone, new { type = "leave", id = $"{community}-early-{member}" }, member, setup.Start.AddMinutes(-_random.Next(1, 600)), false);
        }
        for (var i = 0; i < count; i++)
        {
            var member = members[_random.Next(members.Count)];
            var time = times[i];
            var roll = _random.Next(100);
            var id = $"{community}e{i}";
            if (roll < 58)
            {
                string? replyTo = null;
                var candidates = onlyBackward ? messages.Where(m => m.Time < time).ToList() : messages;
                if (_random.Next(100) < 30 && candidates.Count > 0)
                {
                    replyTo = candidates[_random.Next(candidates.Count)].Id;
                }
                else if (!onlyBackward && _random.Next(100) < 4)
                {
                    replyTo = $"{community}e{_random.Next(count)}";
                }
                Add(community, setup.Zone, new
                {
                    type = "message",
                    id,
                    channel = channels[_random.Next(channels.Length)],
                    text = $"text {i} " + new string('x', _random.Next(0, 200)),
                    reply_to = replyTo,
                    mentions = _random.Next(4) == 0 ? _random.Next(1, 4) : 0,
                }, member, time, staff.Contains(member));
                messages.Add((id, time));
            }
            else if (roll < 72)
            {
                var candidates = onlyBackward ? messages.Where(m => m.Time <= time).ToList() : messages;
                var target = candidates.Count > 0 && _random.Next(20) > 0 ? candidates[_random.Next(candidates.Count)].Id : $"{community}ghost{i}";
                Add(community, setup.Zone, new { type = "reaction", id, message = target, emoji = "👍" }, member, time, staff.Contains(member));
            }
            else if (roll < 87)
            {
                Add(community, setup.Zone, new
                {
                    type = "join",
                    id,
                    inviter = _random.Next(3) == 0 ? members[_random.Next(members.Count)] : null,
                    invite_link = _random.Next(4) == 0 ? $"https://t.me/+L{_random.Next(3)}" : null,
                }, member, time, staff.Contains(member));
            }
            else
            {
                Add(community, setup.Zone, new { type = "leave", id, removed_by = _random.Next(8) == 0 ? members[0] : null }, member, time, staff.Contains(member));
            }
        }
    }

    private void Add(string community, string zone, object fields, string member, DateTimeOffset time, bool isStaff)
    {
        var json = JsonSerializer.SerializeToNode(fields)!.AsObject();
        foreach (var key in json.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            json.Remove(key);
        }
        json["community"] = community;
        json["community_name"] = $"Community {community}";
        json["time_zone"] = zone;
        json["member"] = member;
        json["member_name"] = $"Name {member}";
        json["is_staff"] = isStaff;
        // Half of the times are written with an offset other than UTC: the instant is what counts.
        var offset = _random.Next(2) == 0 ? TimeSpan.Zero : TimeSpan.FromHours(8);
        json["time"] = time.ToOffset(offset).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
        Lines.Add((community, time, json.ToJsonString(Relaxed)));
    }

    private void Shuffle<T>(List<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
