using System.Globalization;
using System.Text.Json.Nodes;
using CommunityOps.Inspection.Rules;

namespace CommunityOps.Inspection.Behaviour;

/// <summary>
/// `duplicate`: the same text (after normalization, so spacing and emoji tricks do not help) from one
/// member in at least minCommunities different communities within windowSeconds: the mark of a
/// spammer working through groups. Parameters: minCommunities (2), windowSeconds (3600), minLength (6
/// normalized chars; "好的" everywhere is not spam).
/// </summary>
internal sealed class DuplicateRule : Rule
{
    private readonly int _minCommunities;
    private readonly TimeSpan _window;
    private readonly int _minLength;

    public DuplicateRule(RuleDefinition definition, RuleParameters parameters) : base(definition)
    {
        _minCommunities = parameters.Int("minCommunities", 2, 2);
        _window = TimeSpan.FromSeconds(parameters.Int("windowSeconds", 3600, 1));
        _minLength = parameters.Int("minLength", 6, 1);
    }

    internal override RuleState CreateState() => new State();

    internal override bool SpansCommunities => true;

    internal override void Inspect(MessageContext context, RuleState? state, List<Finding> findings)
    {
        var normalized = context.Normalized;
        if (normalized.Length < _minLength)
        {
            return;
        }

        var message = context.Message;
        var seen = ((State)state!).Seen;
        var key = (message.Member, normalized.ToString());
        if (!seen.TryGetValue(key, out var posts))
        {
            posts = [];
            seen[key] = posts;
        }

        // A stream in time order forgets what fell out of the window. A stored pass reads community by
        // community, so time restarts with each one: it keeps everything (for one pass) and counts what
        // lies within the window on either side of this message.
        var shared = state!.IsShared;
        if (!shared)
        {
            posts.RemoveAll(p => p.Time <= message.Time - _window);
        }

        posts.Add((message.Community, message.Time));
        int communities = posts.Where(p => (p.Time - message.Time).Duration() < _window).Select(p => p.Community).Distinct(StringComparer.Ordinal).Count();
        if (communities >= _minCommunities)
        {
            Report(context, findings, 1.0, null,
                string.Create(CultureInfo.InvariantCulture, $"same text in {communities} communities within {_window.TotalMinutes:0} min"));
        }

        if (!shared)
        {
            ((State)state).PruneNowAndThen(message.Time - _window);
        }
    }

    /// <summary>
    /// Posts within the window of the newest message seen, the only ones a later message can still pair
    /// with (a pass reads its communities one after another, so the newest time is over all of them). The
    /// normalized text is the key, so it is carried too; it is already in the log it was read from.
    /// </summary>
    internal override JsonNode? SaveCarried(RuleState? state, DateTimeOffset now)
    {
        var s = (State)state!;
        // The newest post is never pruned (only posts a window older than a later one are), so the newest
        // post still held is the newest one seen.
        if (s.Seen.Values.SelectMany(p => p).Select(p => (DateTimeOffset?)p.Time).Max() is not { } newest)
        {
            return null;
        }

        var horizon = newest - _window;
        var list = new JsonArray();
        foreach (var ((member, text), posts) in s.Seen)
        {
            // A stored pass keeps every post it read, so most are behind the horizon: look before allocating.
            if (posts.Exists(p => p.Time > horizon))
            {
                var recent = posts.FindAll(p => p.Time > horizon);
                list.Add(new JsonObject
                {
                    ["member"] = member,
                    ["text"] = text,
                    ["communities"] = new JsonArray([.. recent.Select(p => JsonValue.Create(p.Community))]),
                    ["times"] = SlidingWindows.ToJson(recent.Select(p => p.Time)),
                });
            }
        }

        return list.Count == 0 ? null : list;
    }

    internal override void LoadCarried(RuleState? state, JsonNode carried)
    {
        var s = (State)state!;
        foreach (var entry in carried as JsonArray ?? [])
        {
            if (entry?["member"]?.GetValue<string>() is not { } member || entry["text"]?.GetValue<string>() is not { } text
                || entry["communities"] is not JsonArray communities)
            {
                continue;
            }

            var times = SlidingWindows.FromJson(entry["times"]).ToList();
            if (times.Count != communities.Count)
            {
                continue;
            }

            if (!s.Seen.TryGetValue((member, text), out var posts))
            {
                posts = [];
                s.Seen[(member, text)] = posts;
            }

            for (int i = 0; i < times.Count; i++)
            {
                if (communities[i]?.GetValue<string>() is { } community)
                {
                    posts.Add((community, times[i]));
                }
            }
        }
    }

    private sealed class State : RuleState
    {
        private int _sincePrune;

        public Dictionary<(string Member, string Text), List<(string Community, DateTimeOffset Time)>> Seen { get; } = [];

        public void PruneNowAndThen(DateTimeOffset horizon)
        {
            if (++_sincePrune < 4096)
            {
                return;
            }

            _sincePrune = 0;
            foreach (var stale in Seen.Where(s => s.Value.All(p => p.Time <= horizon)).Select(s => s.Key).ToList())
            {
                Seen.Remove(stale);
            }
        }
    }
}
