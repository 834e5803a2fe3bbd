namespace CommunityOps.Inspection.Classifiers;

/// <summary>Picks a decision threshold from scores and true labels for a <see cref="ThresholdGoal"/>.</summary>
internal static class Thresholds
{
    public static double Choose(double[] scores, bool[] labels, TrainingSettings settings)
    {
        // Candidates sit halfway between consecutive distinct scores, so a threshold never lands on a score.
        var sorted = scores.Select((s, i) => (Score: s, Positive: labels[i])).OrderByDescending(x => x.Score).ToArray();
        int positives = labels.Count(l => l);
        int negatives = labels.Length - positives;
        double best = double.NegativeInfinity;
        double bestThreshold = 0.5;
        double bestFallback = double.NegativeInfinity;
        double fallbackThreshold = 0.5;
        int truePositives = 0, falsePositives = 0;
        for (int k = 0; k < sorted.Length; k++)
        {
            if (sorted[k].Positive)
            {
                truePositives++;
            }
            else
            {
                falsePositives++;
            }

            if (k + 1 < sorted.Length && sorted[k + 1].Score == sorted[k].Score)
            {
                continue;
            }

            double threshold = k + 1 < sorted.Length ? (sorted[k].Score + sorted[k + 1].Score) / 2 : sorted[k].Score / 2;
            var m = new ClassificationMetrics(truePositives, falsePositives, positives - truePositives, negatives - falsePositives);
            var (value, allowed) = settings.ThresholdGoal switch
            {
                ThresholdGoal.Accuracy => (m.Accuracy, true),
                ThresholdGoal.F1AtPrecision => (m.F1, m.Precision >= settings.MinPrecision),
                _ => (m.Recall, m.FalsePositiveRate <= settings.MaxFalsePositiveRate),
            };
            if (allowed && value > best)
            {
                (best, bestThreshold) = (value, threshold);
            }

            if (m.F1 > bestFallback)
            {
                (bestFallback, fallbackThreshold) = (m.F1, threshold);
            }
        }

        return double.IsNegativeInfinity(best) ? fallbackThreshold : bestThreshold;
    }
}
