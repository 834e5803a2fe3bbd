namespace CommunityOps.Inspection.Classifiers;

/// <summary>How to pick the decision threshold from out-of-fold scores on the training data.</summary>
public enum ThresholdGoal
{
    /// <summary>Most correct decisions.</summary>
    Accuracy,

    /// <summary>Best F1 among thresholds whose precision is at least <see cref="TrainingSettings.MinPrecision"/> (best F1 overall if none).</summary>
    F1AtPrecision,

    /// <summary>Best recall among thresholds that flag at most <see cref="TrainingSettings.MaxFalsePositiveRate"/> of negatives.</summary>
    RecallAtFalsePositiveRate,
}

/// <summary>Everything that decides a trained model; with the same data, the same settings give the same weights.</summary>
public sealed record TrainingSettings
{
    public ClassifierAlgorithm Algorithm { get; init; } = ClassifierAlgorithm.LogisticRegression;

    public FeatureOptions Features { get; init; } = new();

    public int Epochs { get; init; } = 10;

    public double LearningRate { get; init; } = 0.5;

    public double L2 { get; init; } = 1e-6;

    /// <summary>Weight of a positive example's loss; above 1 when positives are rare.</summary>
    public double PositiveWeight { get; init; } = 1;

    public double NaiveBayesAlpha { get; init; } = 0.5;

    /// <summary>For <see cref="ClassifierAlgorithm.NaiveBayesPlusLogistic"/>: how much of the naive Bayes log-odds joins the logistic logit.</summary>
    public double NaiveBayesShare { get; init; } = 0.2;

    /// <summary>
    /// Reweigh examples so that, within each script (mostly Latin, mostly Cyrillic, other), spam and ham
    /// keep their overall proportions (Kamiran and Calders' reweighing). A dataset whose ordinary chat is
    /// Russian and whose English lines are mostly spam otherwise teaches that English is spam.
    /// </summary>
    public bool BalanceScripts { get; init; }

    public ThresholdGoal ThresholdGoal { get; init; } = ThresholdGoal.Accuracy;

    public double MinPrecision { get; init; } = 0.9;

    public double MaxFalsePositiveRate { get; init; } = 0.005;

    /// <summary>Folds for choosing the threshold on out-of-fold scores; the final model is trained on all examples.</summary>
    public int Folds { get; init; } = 5;

    public int Seed { get; init; } = 20240407;
}
