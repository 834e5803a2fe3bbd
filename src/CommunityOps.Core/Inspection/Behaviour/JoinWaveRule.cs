using System.Globalization;
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

    private sealed class State : RuleState
    {
        public SlidingWindows<string> Windows { get; } = new();
    }
}
