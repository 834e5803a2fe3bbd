using System.Globalization;
using System.Text.Json.Nodes;
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
        // A message older than the join is not after it: a later pass reading an older export.
        if (!joined.TryGetValue((message.Community, message.Member), out var entry) || message.Time < entry.Time)
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

    /// <summary>
    /// Members who joined within withinHours before the session's clock and have not yet posted firstMessages: a
    /// live feed imported in batches often brings the join in one import and the first message in the next.
    /// </summary>
    internal override JsonNode? SaveCarried(RuleState? state, DateTimeOffset now)
    {
        var list = new JsonArray();
        foreach (var ((community, member), (time, seen)) in ((State)state!).Joined)
        {
            if (now - time < _within && seen < _firstMessages)
            {
                list.Add(new JsonObject { ["community"] = community, ["member"] = member, ["time"] = time.ToUnixTimeMilliseconds(), ["seen"] = seen });
            }
        }

        return list.Count == 0 ? null : list;
    }

    internal override void LoadCarried(RuleState? state, JsonNode carried)
    {
        var joined = ((State)state!).Joined;
        foreach (var entry in carried as JsonArray ?? [])
        {
            if (entry?["community"]?.GetValue<string>() is { } community && entry["member"]?.GetValue<string>() is { } member
                && entry["time"]?.GetValue<long>() is { } ms)
            {
                joined[(community, member)] = (DateTimeOffset.FromUnixTimeMilliseconds(ms), entry["seen"]?.GetValue<int>() ?? 0);
            }
        }
    }

    private sealed class State : RuleState
    {
        public Dictionary<(string Community, string Member), (DateTimeOffset Time, int Seen)> Joined { get; } = [];
    }
}
