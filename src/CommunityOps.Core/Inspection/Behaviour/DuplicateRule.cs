using System.Globalization;
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
