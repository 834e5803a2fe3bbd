using System.Globalization;
using System.Text.Json.Nodes;
using CommunityOps.Inspection.Rules;

namespace CommunityOps.Inspection.Behaviour;

/// <summary>
/// `join_wave`: more than maxJoins members joining one community within windowSeconds, the sign of a
/// bot raid. Each join beyond the limit is a finding with no message. Parameters: maxJoins (10), windowSeconds (60).
/// </summary>
internal sealed class JoinWaveRule : Rule
{
    private readonly int _max;
    private readonly TimeSpan _window;

    public JoinWaveRule(RuleDefinition definition, RuleParameters parameters) : base(definition)
    {
        _max = parameters.Int("maxJoins", 10, 1);
        _window = TimeSpan.FromSeconds(parameters.Int("windowSeconds", 60, 1));
    }

    internal override RuleState CreateState() => new State();

    internal override void Inspect(MessageContext context, RuleState? state, List<Finding> findings)
    {
    }

    internal override void Observe(InspectedJoin join, RuleState? state, List<Finding> findings)
    {
        if (!Definition.Scope.Includes(join.Community, null, isStaff: false) || Definition.Exemptions.Members.Contains(join.Member))
        {
            return;
        }

        var recent = ((State)state!).Windows.For(join.Community, join.Time, _window);
        recent.Enqueue(join.Time);
        if (recent.Count > _max)
        {
            findings.Add(NewFinding(null, join.Community, join.Member, join.Time, 1.0,
                string.Create(CultureInfo.InvariantCulture, $"{recent.Count} joins in {_window.TotalSeconds:0} s")));
        }
    }

    /// <summary>The community's joins still inside the window when the pass stopped: a raid split across imports is one raid.</summary>
    internal override JsonNode? SaveCarried(RuleState? state, DateTimeOffset now)
    {
        var list = new JsonArray();
        foreach (var (community, times) in ((State)state!).Windows.Recent(_window, now))
        {
            list.Add(new JsonObject { ["community"] = community, ["times"] = SlidingWindows.ToJson(times) });
        }

        return list.Count == 0 ? null : list;
    }

    internal override void LoadCarried(RuleState? state, JsonNode carried)
    {
        foreach (var entry in carried as JsonArray ?? [])
        {
            if (entry?["community"]?.GetValue<string>() is { } community)
            {
                ((State)state!).Windows.Restore(community, SlidingWindows.FromJson(entry["times"]));
            }
        }
    }

    private sealed class State : RuleState
    {
        public SlidingWindows<string> Windows { get; } = new();
    }
}
