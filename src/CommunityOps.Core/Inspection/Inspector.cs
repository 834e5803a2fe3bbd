using System.Text.Json;
using System.Text.Json.Nodes;
using CommunityOps.Inspection.Rules;
using CommunityOps.Inspection.RuleSets;

namespace CommunityOps.Inspection;

/// <summary>
/// A compiled rule set: lexicons read and merged into shared automatons, models loaded, parameters
/// checked. Immutable and thread-safe; build it once and start one <see cref="InspectionSession"/> per
/// stream (or per thread).
/// </summary>
public sealed class Inspector
{
    private readonly Rule[] _rules;
    private readonly int _keywordIndexes;
    private readonly IReadOnlyList<int> _bankSizes;

    private Inspector(RuleSet ruleSet, Rule[] rules, int keywordIndexes, IReadOnlyList<int> bankSizes)
    {
        RuleSet = ruleSet;
        _rules = rules;
        _keywordIndexes = keywordIndexes;
        _bankSizes = bankSizes;
    }

    public RuleSet RuleSet { get; }

    public IReadOnlyList<Rule> Rules => _rules;

    /// <summary>
    /// Compiles <paramref name="ruleSet"/>. "datasets:" references resolve under
    /// <paramref name="datasetsDirectory"/>, or the shared/datasets folder found above the program.
    /// </summary>
    public static Inspector Create(RuleSet ruleSet, string? datasetsDirectory = null)
    {
        var compiler = new RuleCompiler(ruleSet.BaseDirectory, datasetsDirectory);
        var rules = ruleSet.Rules.Select(compiler.Compile).ToArray();
        int indexes = compiler.Keywords.Build();
        var banks = compiler.Classifiers.Build();
        return new Inspector(ruleSet, rules, indexes, banks);
    }

    public InspectionSession StartSession() => new(_rules, new MessageContext(_keywordIndexes, _bankSizes), null);

    /// <summary>
    /// A session for another community of the same pass: rules about one member across communities
    /// (duplicate) keep <paramref name="sharedWith"/>'s memory, so they see every community of the pass.
    /// </summary>
    public InspectionSession StartSession(InspectionSession? sharedWith) => new(_rules, new MessageContext(_keywordIndexes, _bankSizes), sharedWith);

    /// <summary>
    /// Inspects time-ordered messages (and joins, also time-ordered), merging the two streams by time,
    /// and finally lets pending duties (reply timeouts) fall due at <paramref name="endOfStream"/>
    /// (for a live check, the TimeProvider's now; default: the last event's time). Lazy: findings
    /// stream out as messages stream in.
    /// </summary>
    public IEnumerable<Finding> Inspect(IEnumerable<InspectedMessage> messages, IEnumerable<InspectedJoin>? joins = null, DateTimeOffset? endOfStream = null)
    {
        var session = StartSession();
        var findings = new List<Finding>();
        using var joinEnumerator = (joins ?? []).GetEnumerator();
        bool hasJoin = joinEnumerator.MoveNext();
        DateTimeOffset last = DateTimeOffset.MinValue;
        foreach (var message in messages)
        {
            while (hasJoin && joinEnumerator.Current.Time <= message.Time)
            {
                session.Observe(joinEnumerator.Current, findings);
                hasJoin = joinEnumerator.MoveNext();
            }

            session.Observe(message, findings);
            last = message.Time > last ? message.Time : last;
            foreach (var finding in findings)
            {
                yield return finding;
            }

            findings.Clear();
        }

        while (hasJoin)
        {
            session.Observe(joinEnumerator.Current, findings);
            last = joinEnumerator.Current.Time > last ? joinEnumerator.Current.Time : last;
            hasJoin = joinEnumerator.MoveNext();
        }

        session.AdvanceTo(endOfStream ?? last, findings);
        foreach (var finding in findings)
        {
            yield return finding;
        }
    }
}

/// <summary>
/// One stream under inspection: the memory of behaviour and staff rules (recent messages, waiting
/// members) and per-thread scratch buffers. Feed it events in time order; not thread-safe.
/// </summary>
public sealed class InspectionSession
{
    private readonly Rule[] _rules;
    private readonly RuleState?[] _states;
    private readonly MessageContext _context;
    private DateTimeOffset _now = DateTimeOffset.MinValue;

    internal InspectionSession(Rule[] rules, MessageContext context, InspectionSession? sharedWith)
    {
        _rules = rules;
        _states = [.. rules.Select(r => r.CreateState())];
        _context = context;
        for (int i = 0; sharedWith is not null && i < rules.Length; i++)
        {
            if (rules[i].SpansCommunities && sharedWith._states[i] is { } shared)
            {
                shared.IsShared = true;
                _states[i] = shared;
            }
        }
    }

    /// <summary>Inspects one message, appending its findings (and any duty that fell due by its time).</summary>
    public void Observe(InspectedMessage message, List<Finding> findings)
    {
        AdvanceTo(message.Time, findings);
        _context.Reset(message);
        for (int i = 0; i < _rules.Length; i++)
        {
            if (_rules[i].AppliesTo(message))
            {
                _rules[i].Inspect(_context, _states[i], findings);
            }
        }
    }

    public void Observe(InspectedJoin join, List<Finding> findings)
    {
        AdvanceTo(join.Time, findings);
        for (int i = 0; i < _rules.Length; i++)
        {
            _rules[i].Observe(join, _states[i], findings);
        }
    }

    /// <summary>
    /// The rules' memory that a later session over the same community must start from (members still
    /// waiting for a staff reply, flood and join-wave windows, new members yet to post), as JSON by rule
    /// name; null when there is nothing. Stored passes keep
    /// it between passes, so splitting a history into two imports changes no finding.
    /// </summary>
    public string? SaveCarried() => Save(spanning: false);

    /// <summary>
    /// Starts from what <see cref="SaveCarried"/> wrote (call before the first event). Rules the JSON does
    /// not name start empty; entries of rules no longer in the set are ignored; unreadable JSON is ignored
    /// too, since losing a waiting question is better than stopping every later pass.
    /// </summary>
    public void LoadCarried(string? json) => Load(json, spanning: false);

    /// <summary>
    /// The memory of rules about one member across communities (<see cref="Rule.SpansCommunities"/>: a
    /// member's recent posts for the duplicate rule), which every session of a stored pass shares; a
    /// workspace has one, where <see cref="SaveCarried"/> is per community.
    /// </summary>
    public string? SaveShared() => Save(spanning: true);

    /// <summary>Starts the shared memory from what <see cref="SaveShared"/> wrote: on the pass's first session, before its first event.</summary>
    public void LoadShared(string? json) => Load(json, spanning: true);

    private string? Save(bool spanning)
    {
        var carried = new JsonObject();
        for (int i = 0; i < _rules.Length; i++)
        {
            if (_rules[i].SpansCommunities == spanning && _rules[i].SaveCarried(_states[i], _now) is { } node)
            {
                carried[_rules[i].Name] = node;
            }
        }

        return carried.Count == 0 ? null : carried.ToJsonString();
    }

    private void Load(string? json, bool spanning)
    {
        if (string.IsNullOrEmpty(json))
        {
            return;
        }

        JsonObject? carried;
        try
        {
            carried = JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return;
        }

        for (int i = 0; carried is not null && i < _rules.Length; i++)
        {
            if (_rules[i].SpansCommunities == spanning && carried[_rules[i].Name] is { } node && _states[i] is not null)
            {
                try
                {
                    _rules[i].LoadCarried(_states[i], node);
                }
                catch (InvalidOperationException) when (!_states[i]!.IsShared)
                {
                    // A value of the wrong JSON kind (GetValue): this rule starts afresh; the others keep theirs.
                    // A state other sessions already hold cannot be swapped, so shared memory loads only first.
                    _states[i] = _rules[i].CreateState();
                }
            }
        }
    }

    /// <summary>Lets time pass without an event (end of stream, a periodic tick): reply timeouts due by <paramref name="now"/> are reported.</summary>
    public void AdvanceTo(DateTimeOffset now, List<Finding> findings)
    {
        if (now <= _now)
        {
            return;
        }

        _now = now;
        for (int i = 0; i < _rules.Length; i++)
        {
            if (_states[i] is not null)
            {
                _rules[i].AdvanceTo(now, _states[i], findings);
            }
        }
    }
}
