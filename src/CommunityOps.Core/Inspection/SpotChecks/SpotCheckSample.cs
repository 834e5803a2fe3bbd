namespace CommunityOps.Inspection.SpotChecks;

/// <summary>pending → scored → (appealed →) final. A scored sample may be re-scored until it is appealed or final.</summary>
public enum SampleStatus
{
    Pending,
    Scored,
    Appealed,
    Final,
}

public enum SampleDecision
{
    /// <summary>The inspector's score stands.</summary>
    Upheld,

    /// <summary>The decider replaced the item scores; the total and the result were recomputed.</summary>
    Amended,
}

/// <summary>
/// One sampled conversation (the operator's reply and the member message it answered) and its
/// scoring: the inspector's score, the operator's appeal, the final decision.
/// </summary>
public sealed class SpotCheckSample
{
    public long Id { get; set; }
    public long PlanId { get; set; }
    public long CommunityId { get; set; }

    /// <summary>The staff member who replied.</summary>
    public long OperatorId { get; set; }

    public long ReplyActivityId { get; set; }
    public long QuestionActivityId { get; set; }

    /// <summary>The seeded hash the draw ranked by: the smallest keys of each stratum were taken.</summary>
    public long DrawKey { get; set; }

    public SampleStatus Status { get; set; }
    public string? Inspector { get; set; }
    public DateTimeOffset? ScoredAt { get; set; }
    public int? Total { get; set; }
    public bool? IsFailed { get; set; }
    public string? Comment { get; set; }
    public string? Appeal { get; set; }
    public string? AppealedBy { get; set; }
    public DateTimeOffset? AppealedAt { get; set; }
    public SampleDecision? Decision { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionComment { get; set; }
}

/// <summary>One marked rubric item of a sample, with the points given and the inspector's comment.</summary>
public sealed class SpotCheckScore
{
    public long Id { get; set; }
    public long SampleId { get; set; }
    public long ItemId { get; set; }
    public int Points { get; set; }
    public string? Comment { get; set; }
}
