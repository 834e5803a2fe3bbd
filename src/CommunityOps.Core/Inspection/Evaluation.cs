using CommunityOps.Inspection.Classifiers;

namespace CommunityOps.Inspection;

public enum EvaluationSplit
{
    /// <summary>
    /// The held-out part for text==label files (the shared ads file is also the ads model's training file);
    /// every example otherwise: CSV dev files are separate, and the spam model learns from all of the
    /// shared tg-spam folder (its dev figure is the cross-validation `inspect train` prints), so a spam/ham
    /// folder given here is taken to be new data.
    /// </summary>
    Auto,

    /// <summary>Every example: for data the models have never seen.</summary>
    All,

    /// <summary>Only the seeded held-out part (<see cref="LabelledDatasets.IsHeldOut"/>).</summary>
    HeldOut,
}

/// <summary>How a rule set did on one labelled file.</summary>
public sealed record EvaluationReport(
    string Source,
    DatasetFormat Format,
    IReadOnlyList<string> Categories,
    EvaluationSplit Split,
    ClassificationMetrics Metrics,
    int SkippedLines);

/// <summary>The static API behind `communityops inspect evaluate`.</summary>
public static class InspectionEvaluation
{
    /// <summary>The finding categories that mean "positive" for each dataset format: offensive → abuse, ads → ads, spam → spam.</summary>
    public static IReadOnlyList<string> CategoriesFor(DatasetFormat format) => format switch
    {
        DatasetFormat.OffensiveCsv => [RuleCategories.Abuse],
        DatasetFormat.TextEqualsLabel => [RuleCategories.Ads],
        _ => [RuleCategories.Spam],
    };

    /// <summary>
    /// Runs <paramref name="inspector"/> over every example of a labelled file (each as its own message from
    /// its own member, an hour apart, so behaviour rules stay quiet) and scores "has a finding in
    /// <paramref name="categories"/>" against the labels.
    /// </summary>
    public static EvaluationReport Evaluate(Inspector inspector, string path, EvaluationSplit split = EvaluationSplit.Auto, IReadOnlyList<string>? categories = null)
    {
        var dataset = LabelledDatasets.Read(path);
        var effective = split != EvaluationSplit.Auto ? split
            : dataset.Format == DatasetFormat.TextEqualsLabel ? EvaluationSplit.HeldOut : EvaluationSplit.All;
        var examples = effective == EvaluationSplit.HeldOut ? LabelledDatasets.SplitHeldOut(dataset.Examples).Dev : dataset.Examples;
        var wanted = new HashSet<string>(categories ?? CategoriesFor(dataset.Format), StringComparer.Ordinal);
        var session = inspector.StartSession();
        var findings = new List<Finding>();
        var decisions = new List<(bool Predicted, bool Actual)>(examples.Count);
        var start = DateTimeOffset.UnixEpoch;
        for (int i = 0; i < examples.Count; i++)
        {
            findings.Clear();
            var id = "e" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            session.Observe(new InspectedMessage(id, "evaluation", null, id, false, start.AddHours(i), examples[i].Text), findings);
            decisions.Add((findings.Exists(f => wanted.Contains(f.Category)), examples[i].IsPositive));
        }

        return new EvaluationReport(path, dataset.Format, [.. wanted], effective, ClassificationMetrics.From(decisions), dataset.SkippedLines);
    }
}
