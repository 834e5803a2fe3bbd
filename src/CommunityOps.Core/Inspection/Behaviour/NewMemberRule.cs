using System.Globalization;
using CommunityOps.Inspection.Contacts;
using CommunityOps.Inspection.Rules;

namespace CommunityOps.Inspection.Behaviour;

/// <summary>
/// `new_member`: the first firstMessages messages of a member who joined (a join seen in the stream)
/// at most withinHours ago are held to a strict standard: any contact or link in them is a finding, the
/// classic pattern of accounts that join only to advertise. Parameters: firstMessages (1), withinHours
/// (72), detect [contact kinds, as for `contact`; default all].
/// </summary>
internal sealed class NewMemberRule : Rule
{
    private readonly int _firstMessages;
    private readonly TimeSpan _within;
    private readonly ContactRule _contacts;

    public NewMemberRule(RuleDefinition definition, RuleParameters parameters, RuleCompiler compiler) : base(definition)
    {
        _firstMessages = parameters.Int("firstMessages", 1, 1);
        _within = TimeSpan.FromHours(parameters.Int("withinHours", 72, 1));
        var detect = parameters.Strings("detect");
        var contactParameters = System.Text.Json.JsonSerializer.SerializeToElement(new { detect });
        _contacts = new ContactRule(definition with { Parameters = contactParameters, Exemptions = RuleExemptions.None },
            new RuleParameters(definition with { Parameters = contactParameters }), compiler);
    }

    internal override RuleState CreateState() => new State();

    internal override void Observe(InspectedJoin join, RuleState? state, List<Finding> findings) =>
        ((State)state!).Joined[(join.Community, join.Member)] = (join.Time, 0);

    internal override void Inspect(MessageContext context, RuleState? state, List<Finding> findings)
    {
        var message = context.Message;
        var joined = ((State)state!).Joined;
        if (!joined.TryGetValue((message.Community, message.Member), out var entry))
        {
            return;
        }

        if (entry.Seen >= _firstMessages || message.Time - entry.Time > _within)
        {
            joined.Remove((message.Community, message.Member));
            return;
        }

        joined[(message.Community, message.Member)] = (entry.Time, entry.Seen + 1);
        var found = new List<Finding>();
        _contacts.Inspect(context, null, found);
        if (found.Count > 0)
        {
            Report(context, findings, 1.0, [.. found[0].Matches],
                string.Create(CultureInfo.InvariantCulture, $"message {entry.Seen + 1} after joining; {found[0].Detail}"));
        }
    }

    private sealed class State : RuleState
    {
        public Dictionary<(string Community, string Member), (DateTimeOffset Time, int Seen)> Joined { get; } = [];
    }
}
