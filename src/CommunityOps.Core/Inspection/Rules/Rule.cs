using CommunityOps.Inspection.Matching;

namespace CommunityOps.Inspection.Rules;

/// <summary>
/// A compiled rule: immutable, shared by every session. The inspector checks scope and exemptions, then
/// hands the rule each message in stream order. Rules that remember (flood, reply timeout) keep that
/// memory in a <see cref="RuleState"/> the session owns, so one compiled rule set serves many sessions.
/// </summary>
public abstract class Rule
{
    private readonly KeywordMatcher? _allowWords;

    private readonly bool _everyone;
    private readonly HashSet<string> _exemptMembers;

    protected Rule(RuleDefinition definition)
    {
        Definition = definition;
        _exemptMembers = new HashSet<string>(definition.Exemptions.Members, StringComparer.Ordinal);
        _everyone = definition.Scope.Communities.Count == 0 && definition.Scope.Channels.Count == 0
            && definition.Scope.Members == MemberScope.All && !definition.Exemptions.Staff && _exemptMembers.Count == 0;
        _allowWords = definition.Exemptions.Words.Count > 0
            ? new KeywordMatcher(definition.Exemptions.Words, MatchMode.Normalized, wholeWordLatin: false)
            : null;
    }

    public RuleDefinition Definition { get; }

    public string Name => Definition.Name;

    internal virtual bool AppliesTo(InspectedMessage message) => _everyone
        || (Definition.Scope.Includes(message.Community, message.Channel, message.IsStaff)
            && !(Definition.Exemptions.Staff && message.IsStaff)
            && !_exemptMembers.Contains(message.Member));

    internal virtual RuleState? CreateState() => null;

    /// <summary>
    /// True for rules about one member across communities (duplicate posts): a stored pass, which reads
    /// community by community, gives all its sessions one shared state for such a rule.
    /// </summary>
    internal virtual bool SpansCommunities => false;

    internal abstract void Inspect(MessageContext context, RuleState? state, List<Finding> findings);

    internal virtual void Observe(InspectedJoin join, RuleState? state, List<Finding> findings)
    {
    }

    /// <summary>Time has reached <paramref name="now"/> (a later event, or the end of the stream): report what fell due.</summary>
    internal virtual void AdvanceTo(DateTimeOffset now, RuleState? state, List<Finding> findings)
    {
    }

    /// <summary>
    /// The part of this rule's memory that must outlive a pass over the store (members waiting for a reply,
    /// recent messages and joins inside a flood or join-wave window, new members yet to post): null when
    /// there is none, the default. <see cref="LoadCarried"/> reads it back into a new session.
    /// <paramref name="now"/> is the session's clock, the latest event time it has seen: what fell out of a
    /// window before it is not carried.
    /// </summary>
    internal virtual System.Text.Json.Nodes.JsonNode? SaveCarried(RuleState? state, DateTimeOffset now) => null;

    internal virtual void LoadCarried(RuleState? state, System.Text.Json.Nodes.JsonNode carried)
    {
    }

    /// <summary>Adds a finding for the context's message unless allow-list words clear it.</summary>
    private protected void Report(MessageContext context, List<Finding> findings, double score, List<FindingMatch>? matches,
        string? detail = null, Severity? severity = null)
    {
        var message = context.Message;
        if (_allowWords is not null && !SurvivesAllowWords(context, matches))
        {
            return;
        }

        findings.Add(new Finding(message.MessageId, message.Community, message.Member, message.Time, Definition.Name,
            Definition.Category, severity ?? Definition.Severity, score, matches ?? [], Definition.Version, detail));
    }

    private protected Finding NewFinding(string? messageId, string community, string member, DateTimeOffset time, double score,
        string? detail, Severity? severity = null) =>
        new(messageId, community, member, time, Definition.Name, Definition.Category, severity ?? Definition.Severity, score, [],
            Definition.Version, detail);

    private bool SurvivesAllowWords(MessageContext context, List<FindingMatch>? matches)
    {
        var allowed = context.AllowHits;
        allowed.Clear();
        _allowWords!.FindAll(context.Message.Text, context.Match, allowed);
        if (allowed.Count == 0)
        {
            return true;
        }

        if (matches is null || matches.Count == 0)
        {
            return false;
        }

        matches.RemoveAll(m =>
        {
            foreach (var a in allowed.Hits)
            {
                if (a.Start <= m.Start && m.Start + m.Length <= a.Start + a.Length)
                {
                    return true;
                }
            }

            return false;
        });
        return matches.Count > 0;
    }
}

/// <summary>What a stateful rule remembers within one session.</summary>
internal abstract class RuleState
{
    /// <summary>Shared by the sessions of a stored pass, which see time restart with each community.</summary>
    public bool IsShared { get; set; }
}
