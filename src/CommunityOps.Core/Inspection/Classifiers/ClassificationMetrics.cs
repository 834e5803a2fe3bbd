namespace CommunityOps.Inspection.Classifiers;

/// <summary>Counts of a binary decision against true labels, and the usual rates.</summary>
public sealed record ClassificationMetrics(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
{
    public int Total => TruePositives + FalsePositives + FalseNegatives + TrueNegatives;

    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public double Accuracy => Ratio(TruePositives + TrueNegatives, Total);

    /// <summary>Share of negatives flagged: for spam, the ordinary chat messages wrongly flagged.</summary>
    public double FalsePositiveRate => Ratio(FalsePositives, FalsePositives + TrueNegatives);

    public static ClassificationMetrics From(IEnumerable<(bool Predicted, bool Actual)> decisions)
    {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var (predicted, actual) in decisions)
        {
            _ = (predicted, actual) switch
            {
                (true, true) => tp++,
                (true, false) => fp++,
                (false, true) => fn++,
                _ => tn++,
            };
        }

        return new ClassificationMetrics(tp, fp, fn, tn);
    }

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"precision {Precision:F3} recall {Recall:F3} F1 {F1:F3} accuracy {Accuracy:F3} false-positive rate {FalsePositiveRate:F4} (tp {TruePositives}, fp {FalsePositives}, fn {FalseNegatives}, tn {TrueNegatives})");

    private static double Ratio(int a, int b) => b == 0 ? 0 : (double)a / b;
}
