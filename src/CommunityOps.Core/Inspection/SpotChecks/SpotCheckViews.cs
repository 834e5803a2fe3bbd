using System.Text.Json.Serialization;

namespace CommunityOps.Inspection.SpotChecks;

/// <summary>What a new plan samples. <see cref="Seed"/> null draws a random seed, which the plan records.</summary>
public sealed record PlanRequest(
    string Workspace,
    string Name,
    DateTimeOffset From,
    DateTimeOffset To,
    SamplingMode Mode,
    double Amount,
    Rubric Rubric,
    string CreatedBy,
    SamplingStrata Strata = SamplingStrata.Operator,
    long? Seed = null,
    IReadOnlyList<long>? CommunityIds = null);

/// <summary>One rubric item the inspector marks: <see cref="Points"/> defaults to the item's, and may be less of the same sign.</summary>
public sealed record ItemScore(string Item, int? Points = null, string? Comment = null);

public sealed record PlanView(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("from")] DateTimeOffset From,
    [property: JsonPropertyName("to")] DateTimeOffset To,
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("amount")] double Amount,
    [property: JsonPropertyName("strata")] string Strata,
    [property: JsonPropertyName("seed")] long Seed,
    [property: JsonPropertyName("communities")] IReadOnlyList<long>? Communities,
    [property: JsonPropertyName("rubric")] string Rubric,
    [property: JsonPropertyName("created_by")] string CreatedBy,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("sampled_at")] DateTimeOffset? SampledAt);

public sealed record RubricItemView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("points")] int Points,
    [property: JsonPropertyName("fatal")] bool IsFatal);

public sealed record RubricView(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("base")] int BaseScore,
    [property: JsonPropertyName("pass_mark")] int PassMark,
    [property: JsonPropertyName("items")] IReadOnlyList<RubricItemView> Items);

public sealed record SampleView(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("plan_id")] long PlanId,
    [property: JsonPropertyName("community_id")] long CommunityId,
    [property: JsonPropertyName("community")] string Community,
    [property: JsonPropertyName("operator_id")] long OperatorId,
    [property: JsonPropertyName("operator")] string Operator,
    [property: JsonPropertyName("reply_activity_id")] long ReplyActivityId,
    [property: JsonPropertyName("question_activity_id")] long QuestionActivityId,
    [property: JsonPropertyName("replied_at")] DateTimeOffset RepliedAt,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("inspector")] string? Inspector,
    [property: JsonPropertyName("total")] int? Total,
    [property: JsonPropertyName("failed")] bool? IsFailed,
    [property: JsonPropertyName("decision")] string? Decision);

/// <summary>How one stratum's sample did: sampled, scored (scored, appealed or final), failed, average total of the scored.</summary>
public sealed record StratumSummary(
    [property: JsonPropertyName("community")] string Community,
    [property: JsonPropertyName("operator")] string? Operator,
    [property: JsonPropertyName("sampled")] int Sampled,
    [property: JsonPropertyName("scored")] int Scored,
    [property: JsonPropertyName("failed")] int Failed,
    [property: JsonPropertyName("average")] double? Average);

public sealed record PlanReport(
    [property: JsonPropertyName("plan")] PlanView Plan,
    [property: JsonPropertyName("rubric")] RubricView Rubric,
    [property: JsonPropertyName("strata")] IReadOnlyList<StratumSummary> Strata,
    [property: JsonPropertyName("samples")] IReadOnlyList<SampleView> Samples);

public sealed record MessageView(
    [property: JsonPropertyName("activity_id")] long ActivityId,
    [property: JsonPropertyName("member")] string Member,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("text")] string? Text);

public sealed record ScoreView(
    [property: JsonPropertyName("item")] string Item,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("points")] int Points,
    [property: JsonPropertyName("fatal")] bool IsFatal,
    [property: JsonPropertyName("comment")] string? Comment);

/// <summary>Everything about one sampled conversation, for scoring it, appealing it and deciding the appeal.</summary>
public sealed record SampleDetail(
    [property: JsonPropertyName("sample")] SampleView Sample,
    [property: JsonPropertyName("question")] MessageView Question,
    [property: JsonPropertyName("reply")] MessageView Reply,
    [property: JsonPropertyName("scores")] IReadOnlyList<ScoreView> Scores,
    [property: JsonPropertyName("comment")] string? Comment,
    [property: JsonPropertyName("appeal")] string? Appeal,
    [property: JsonPropertyName("appealed_by")] string? AppealedBy,
    [property: JsonPropertyName("decided_by")] string? DecidedBy,
    [property: JsonPropertyName("decision_comment")] string? DecisionComment,
    [property: JsonPropertyName("audit")] IReadOnlyList<Audit.AuditView> Audit);
