using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommunityOps.Inspection.Matching;
using CommunityOps.Inspection.Rules;
using CommunityOps.Inspection.RuleSets;
using CommunityOps.Inspection.Text;
using CommunityOps.Resources;

namespace CommunityOps.Inspection.Staff;

/// <summary>
/// `reply_timeout`: a member's message that no staff answers within a tier's minutes of working time.
/// Any later staff message in the same community (and channel) answers every waiting member there; a
/// member's follow-ups before the answer wait with their first message. Messages made only of exemption
/// words or emoji (谢谢, 好的, OK, 👍) need no answer. Each tier reached is one finding on the member's
/// message, with the tier's severity and escalation target in <see cref="Finding.Detail"/>.
/// Working time comes from the community's operators' hours (their union), else the community's hours,
/// else the rule's hours, else always.
/// Parameters: tiers [{afterMinutes, severity, escalateTo}] (default 5 → operator, 30 → supervisor),
/// workingHours {timeZone, days, hours}, communities {id: {workingHours}}, operators {id: {communities, workingHours}},
/// exemptWords [..], perChannel (true).
/// </summary>
internal sealed class ReplyTimeoutRule : Rule
{
    private static readonly string[] DefaultExemptWords =
        ["谢谢", "多谢", "感谢", "好的", "好", "收到", "嗯", "嗯嗯", "哦", "ok", "okay", "thanks", "thank you", "thx", "明白", "了解", "知道了", "再见", "拜拜"];

    private readonly Tier[] _tiers;
    private readonly IReadOnlyList<WorkingHours> _defaultHours;
    private readonly Dictionary<string, IReadOnlyList<WorkingHours>> _communityHours = new(StringComparer.Ordinal);
    private readonly KeywordMatcher _exemptWords;
    private readonly bool _perChannel;

    public ReplyTimeoutRule(RuleDefinition definition, RuleParameters parameters) : base(definition)
    {
        _tiers = ParseTiers(parameters, definition);
        _defaultHours = parameters.Get("workingHours") is { } hours ? [WorkingHours.Parse(hours, definition.Name)] : [WorkingHours.Always];
        if (parameters.Get("communities") is { ValueKind: JsonValueKind.Object } communities)
        {
            foreach (var community in communities.EnumerateObject())
            {
                if (community.Value.TryGetProperty("workingHours", out var h))
                {
                    _communityHours[community.Name] = [WorkingHours.Parse(h, definition.Name)];
                }
            }
        }

        if (parameters.Get("operators") is { ValueKind: JsonValueKind.Object } operators)
        {
            var byCommunity = new Dictionary<string, List<WorkingHours>>(StringComparer.Ordinal);
            foreach (var op in operators.EnumerateObject())
            {
                var schedule = op.Value.TryGetProperty("workingHours", out var h) ? WorkingHours.Parse(h, definition.Name) : WorkingHours.Always;
                foreach (var community in op.Value.TryGetProperty("communities", out var c) ? c.EnumerateArray() : default)
                {
                    var id = community.GetString()!;
                    if (!byCommunity.TryGetValue(id, out var list))
                    {
                        byCommunity[id] = list = [];
                    }

                    list.Add(schedule);
                }
            }

            foreach (var (community, schedules) in byCommunity)
            {
                _communityHours[community] = schedules;
            }
        }

        var exempt = parameters.Get("exemptWords") is null ? DefaultExemptWords : parameters.Strings("exemptWords");
        _exemptWords = new KeywordMatcher([.. exempt], MatchMode.Normalized);
        _perChannel = parameters.Bool("perChannel", true);
    }

    private sealed record Tier(double AfterMinutes, Severity Severity, string EscalateTo);

    internal override RuleState CreateState() => new State();

    internal override void Inspect(MessageContext context, RuleState? state, List<Finding> findings)
    {
        var message = context.Message;
        var waiting = ((State)state!).Waiting;
        var place = (message.Community, _perChannel ? message.Channel : null);
        if (message.IsStaff)
        {
            waiting.Remove(place);
            return;
        }

        if (NeedsNoAnswer(context))
        {
            return;
        }

        if (!waiting.TryGetValue(place, out var members))
        {
            waiting[place] = members = new Dictionary<string, Waiting>(StringComparer.Ordinal);
        }

        members.TryAdd(message.Member, new Waiting(message));
    }

    /// <summary>Staff answers count wherever the rule applies, whatever its member scope and staff exemption say.</summary>
    internal override bool AppliesTo(InspectedMessage message) => message.IsStaff
        ? (Definition.Scope with { Members = MemberScope.All }).Includes(message.Community, message.Channel, true)
        : base.AppliesTo(message);

    internal override void AdvanceTo(DateTimeOffset now, RuleState? state, List<Finding> findings)
    {
        foreach (var members in ((State)state!).Waiting.Values)
        {
            foreach (var waiting in members.Values)
            {
                if (waiting.TiersReported == _tiers.Length || now < waiting.NextCheck)
                {
                    continue;
                }

                var message = waiting.Message;
                double minutes = WorkingHours.MinutesOnDuty(Hours(message.Community), message.Time, now);
                while (waiting.TiersReported < _tiers.Length && minutes >= _tiers[waiting.TiersReported].AfterMinutes)
                {
                    var tier = _tiers[waiting.TiersReported++];
                    findings.Add(NewFinding(message.MessageId, message.Community, message.Member, message.Time, 1.0,
                        string.Create(CultureInfo.InvariantCulture,
                            $"unanswered for {Math.Floor(minutes):0} working minutes (limit {tier.AfterMinutes:0}); escalate to {tier.EscalateTo}"),
                        tier.Severity));
                }

                // Working time grows no faster than the clock, so nothing can fall due before this.
                if (waiting.TiersReported < _tiers.Length)
                {
                    waiting.NextCheck = now + TimeSpan.FromMinutes(_tiers[waiting.TiersReported].AfterMinutes - minutes);
                }
            }
        }
    }

    /// <summary>
    /// Every waiting member: place, member, message id and time, tiers reported, next check. The text is
    /// not kept (findings do not need it, and the store has it).
    /// </summary>
    internal override JsonNode? SaveCarried(RuleState? state, DateTimeOffset now)
    {
        var list = new JsonArray();
        foreach (var ((community, channel), members) in ((State)state!).Waiting)
        {
            foreach (var (member, waiting) in members)
            {
                list.Add(new JsonObject
                {
                    ["community"] = community,
                    ["channel"] = channel,
                    ["member"] = member,
                    ["message"] = waiting.Message.MessageId,
                    ["time"] = waiting.Message.Time.ToUnixTimeMilliseconds(),
                    ["tiers"] = waiting.TiersReported,
                    ["next"] = waiting.NextCheck.ToUnixTimeMilliseconds(),
                });
            }
        }

        return list.Count == 0 ? null : list;
    }

    internal override void LoadCarried(RuleState? state, JsonNode carried)
    {
        var waiting = ((State)state!).Waiting;
        foreach (var entry in carried as JsonArray ?? [])
        {
            if (entry?["community"]?.GetValue<string>() is not { } community || entry["member"]?.GetValue<string>() is not { } member
                || entry["message"]?.GetValue<string>() is not { } messageId)
            {
                continue;
            }

            var channel = entry["channel"]?.GetValue<string>();
            var time = DateTimeOffset.FromUnixTimeMilliseconds(entry["time"]?.GetValue<long>() ?? 0);
            var place = (community, _perChannel ? channel : null);
            if (!waiting.TryGetValue(place, out var members))
            {
                waiting[place] = members = new Dictionary<string, Waiting>(StringComparer.Ordinal);
            }

            members[member] = new Waiting(new InspectedMessage(messageId, community, channel, member, false, time, ""))
            {
                TiersReported = Math.Min(entry["tiers"]?.GetValue<int>() ?? 0, _tiers.Length),
                NextCheck = DateTimeOffset.FromUnixTimeMilliseconds(entry["next"]?.GetValue<long>() ?? time.ToUnixTimeMilliseconds()),
            };
        }
    }

    private IReadOnlyList<WorkingHours> Hours(string community) =>
        _communityHours.TryGetValue(community, out var hours) ? hours : _defaultHours;

    private bool NeedsNoAnswer(MessageContext context)
    {
        var text = context.Message.Text;
        var hits = context.AllowHits;
        hits.Clear();
        _exemptWords.FindAll(text, context.Match, hits);
        for (int i = 0; i < text.Length; i++)
        {
            if (CharFolding.Kind(text[i]) is not (CharKind.Ideograph or CharKind.WordLetter or CharKind.Digit))
            {
                continue;
            }

            bool covered = false;
            foreach (var hit in hits.Hits)
            {
                if (hit.Start <= i && i < hit.Start + hit.Length)
                {
                    covered = true;
                    break;
                }
            }

            if (!covered)
            {
                return false;
            }
        }

        return true;
    }

    private static Tier[] ParseTiers(RuleParameters parameters, RuleDefinition definition)
    {
        if (parameters.Get("tiers") is not { } json)
        {
            return [new Tier(5, Severity.Medium, "operator"), new Tier(30, Severity.High, "supervisor")];
        }

        try
        {
            var tiers = json.EnumerateArray().Select(t => new Tier(
                t.GetProperty("afterMinutes").GetDouble(),
                t.TryGetProperty("severity", out var s) ? RuleSetParser.ParseSeverity(s.GetString(), definition.Name) : definition.Severity,
                t.TryGetProperty("escalateTo", out var e) ? e.GetString() ?? "operator" : "operator")).OrderBy(t => t.AfterMinutes).ToArray();
            return tiers.Length > 0 && tiers.All(t => t.AfterMinutes > 0) ? tiers : throw parameters.Invalid("tiers", Errors.TiersNotEmpty());
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw parameters.Invalid("tiers", Errors.TiersList());
        }
    }

    private sealed class Waiting(InspectedMessage message)
    {
        public InspectedMessage Message { get; } = message;

        public int TiersReported { get; set; }

        public DateTimeOffset NextCheck { get; set; } = message.Time;
    }

    private sealed class State : RuleState
    {
        public Dictionary<(string Community, string? Channel), Dictionary<string, Waiting>> Waiting { get; } = [];
    }
}
