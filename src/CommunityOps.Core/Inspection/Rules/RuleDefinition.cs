using System.Text.Json;

namespace CommunityOps.Inspection.Rules;

public enum MemberScope
{
    /// <summary>Everyone who posts.</summary>
    All,

    /// <summary>Members who are not staff.</summary>
    Members,

    /// <summary>Staff only (operators): forbidden phrases, reply duties.</summary>
    Staff,
}

/// <summary>Where a rule applies. Empty lists mean every community or channel.</summary>
public sealed record RuleScope(IReadOnlyList<string> Communities, IReadOnlyList<string> Channels, MemberScope Members)
{
    public static RuleScope Everywhere { get; } = new([], [], MemberScope.All);

    public bool Includes(string community, string? channel, bool isStaff) =>
        (Communities.Count == 0 || Communities.Contains(community, StringComparer.Ordinal))
        && (Channels.Count == 0 || (channel is not null && Channels.Contains(channel, StringComparer.Ordinal)))
        && Members switch
        {
            MemberScope.Members => !isStaff,
            MemberScope.Staff => isStaff,
            _ => true,
        };
}

/// <summary>
/// Who and what a rule leaves alone: staff (when <see cref="Staff"/>), allow-listed members, and
/// allow-list words: a match that lies inside an occurrence of an allow word is dropped (so "sussex"
/// can clear "sex"), and a finding without matches (classifier, behaviour) is dropped when the message
/// contains an allow word.
/// </summary>
public sealed record RuleExemptions(bool Staff, IReadOnlyList<string> Members, IReadOnlyList<string> Words)
{
    public static RuleExemptions None { get; } = new(false, [], []);
}

/// <summary>One rule as written in a rule set file; <see cref="Parameters"/> are read by the rule's type.</summary>
public sealed record RuleDefinition(
    string Name,
    string Type,
    string Category,
    Severity Severity,
    string Version,
    RuleScope Scope,
    RuleExemptions Exemptions,
    JsonElement Parameters);
