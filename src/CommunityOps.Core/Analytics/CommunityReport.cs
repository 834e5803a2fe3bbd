using System.Text.Json.Serialization;

namespace CommunityOps.Analytics;

// The report model, serialized by MetricsJson with snake_case names. Definitions: docs/metrics.md.

/// <summary>One community over [From, To] in the zone Tz; also the shape of workspace totals (Community null).</summary>
public sealed record CommunityReport
{
    public long? CommunityId { get; init; }
    public string? Community { get; init; }
    public string? Workspace { get; init; }
    public string? Tz { get; init; }
    public required DateOnly From { get; init; }
    public required DateOnly To { get; init; }
    public required MetricsSummary Summary { get; init; }
    public required List<DayMetrics> Days { get; init; }
    public required CohortTables Cohorts { get; init; }
    public required Heatmap Heatmap { get; init; }
    public required LayerCounts Layers { get; init; }
    public required CoreContributors CoreContributors { get; init; }
    public required ResponseMetrics Response { get; init; }
    public required InteractionMetrics Interaction { get; init; }
    public required GrowthSources Growth { get; init; }
}

public sealed record MetricsSummary(
    int Joined, int Left, int MembersStart, int MembersEnd, int Messages, int StaffMessages, int ActiveMembers, int StaffMembers);

public readonly record struct DayMetrics(
    DateOnly Date, int Joined, int Left, int Members, int Messages, int StaffMessages, int Dau, int Wau, int Mau)
{
    /// <summary>dau / mau, 4 decimals; 0 without mau.</summary>
    public double Stickiness => ReportCalculator.Stickiness(Dau, Mau);
}

public sealed record CohortTables(List<Cohort> Weekly, List<Cohort> Monthly);

/// <summary>Week is the Monday of a weekly cohort; Month the first day of a monthly one.</summary>
public sealed record Cohort(DateOnly? Week, DateOnly? Month, int Size, int[] Active);

/// <summary>Messages[weekday][hour], weekday 0 = Monday.</summary>
public sealed record Heatmap(int[][] Messages);

public sealed record LayerCounts(int New, int Active, int Casual, int Silent, int Churned);

public sealed record CoreContributors(int Days, int Messages, int Count, double Share, List<ContributorCount> Members);

public sealed record ContributorCount(long MemberId, string Name, int Messages);

public sealed record ResponseMetrics(int Periods, int Answered, int? MedianSeconds, int? P90Seconds, List<OperatorResponse>? Operators);

public sealed record OperatorResponse(long MemberId, string Name, int Answered, int MedianSeconds, int P90Seconds);

public sealed record InteractionMetrics
{
    public required int Messages { get; init; }
    public required int ActiveMembers { get; init; }
    public required int Replies { get; init; }
    public required int ReactionsGiven { get; init; }
    public required int ReactionsReceived { get; init; }
    public required int Mentions { get; init; }
    public required double MessagesPerActiveMember { get; init; }
    public required int RepliedMessages { get; init; }
    public required double RepliedShare { get; init; }
    public List<ContributorCount>? TopContributors { get; init; }
    public List<TopMessage>? TopMessages { get; init; }
}

/// <summary>Id is the activity id; SourceId and Text are filled from the store by <see cref="MetricsEngine"/>.</summary>
public sealed record TopMessage(long Id, long MemberId, string Member, DateOnly Date, int Replies, int Reactions)
{
    public string? SourceId { get; set; }
    public string? Text { get; set; }
}

public sealed record GrowthSources(int Joins, List<InviterJoins>? ByInviter, List<LinkJoins>? ByLink, int WithInviter, int WithLink, int NoRecord);

public sealed record InviterJoins(long MemberId, string Name, int Joins);

public sealed record LinkJoins(string Link, int Joins);

/// <summary>Every community of a workspace over one range, and their totals (see docs/metrics.md for what adds up).</summary>
public sealed record WorkspaceReport(string Workspace, DateOnly From, DateOnly To, CommunityReport Totals, List<CommunityReport> Communities);

public enum MemberLayer
{
    [JsonStringEnumMemberName("new")]
    New,
    [JsonStringEnumMemberName("active")]
    Active,
    [JsonStringEnumMemberName("casual")]
    Casual,
    [JsonStringEnumMemberName("silent")]
    Silent,
    [JsonStringEnumMemberName("churned")]
    Churned,
}

public sealed record LayerMember(long MemberId, string Name, MemberLayer Layer, string Reason, DateOnly? FirstJoined, DateOnly? LastMessage)
{
    public string? SourceId { get; set; }
}

public sealed record MemberListing(string Community, string Tz, DateOnly To, MemberLayer? Layer, List<LayerMember> Members);
