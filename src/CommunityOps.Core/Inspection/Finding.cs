using System.Text.Json.Serialization;

namespace CommunityOps.Inspection;

[JsonConverter(typeof(JsonStringEnumConverter<Severity>))]
public enum Severity
{
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>Where a finding is in the message text: UTF-16 offsets into the original text.</summary>
public sealed record FindingMatch(string Text, int Start, int Length);

/// <summary>
/// One rule firing on one message (or, for join waves, on one join: <see cref="MessageId"/> is null).
/// <see cref="Score"/> is 1 for deterministic rules and the model probability for classifiers.
/// <see cref="Detail"/> says what a behaviour or staff rule saw ("7 messages in 10 s", "tier supervisor").
/// </summary>
public sealed record Finding(
    string? MessageId,
    string Community,
    string Member,
    DateTimeOffset Time,
    string Rule,
    string Category,
    Severity Severity,
    double Score,
    IReadOnlyList<FindingMatch> Matches,
    string RuleVersion,
    string? Detail = null);

/// <summary>The categories a rule can have; a rule set names one per rule.</summary>
public static class RuleCategories
{
    public const string Sensitive = "sensitive";
    public const string Ads = "ads";
    public const string Spam = "spam";
    public const string Abuse = "abuse";
    public const string Contact = "contact";
    public const string Link = "link";
    public const string Flood = "flood";
    public const string Duplicate = "duplicate";
    public const string ReplyTimeout = "reply_timeout";
    public const string StaffPhrase = "staff_phrase";

    public static IReadOnlyList<string> All { get; } =
        [Sensitive, Ads, Spam, Abuse, Contact, Link, Flood, Duplicate, ReplyTimeout, StaffPhrase];
}
