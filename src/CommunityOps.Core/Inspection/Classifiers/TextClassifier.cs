using System.Security.Cryptography;

namespace CommunityOps.Inspection.Classifiers;

public enum ClassifierAlgorithm
{
    /// <summary>Logistic regression trained by SGD; features scaled by 1/sqrt(count).</summary>
    LogisticRegression,

    /// <summary>Multinomial naive Bayes; weights are per-feature log-likelihood ratios.</summary>
    NaiveBayes,

    /// <summary>Logistic regression over features scaled by their naive Bayes ratios (NBSVM-style).</summary>
    NaiveBayesLogistic,

    /// <summary>Logistic regression plus a fixed share of naive Bayes log-odds; best on small, noisy data.</summary>
    NaiveBayesPlusLogistic,
}

/// <summary>
/// A trained linear model over hashed text features:
/// p = sigmoid(bias + Σ counted[f] + Σ normalized[f] / sqrt(n)) over the n features of the text (with
/// repeats). Naive Bayes fills the counted weights, logistic regression the normalized ones, the ensemble
/// both. Immutable and thread-safe; scoring needs a per-thread <see cref="ClassifierScratch"/>.
/// Saved and loaded by <see cref="ClassifierModelFile"/>.
/// </summary>
public sealed class TextClassifier
{
    internal TextClassifier(ClassifierInfo info, float bias, float[]? counted, float[]? normalized)
    {
        if ((counted ?? normalized)?.Length != info.Features.Buckets || (counted is not null && normalized is not null && counted.Length != normalized.Length))
        {
            throw new ArgumentException("Weights and hash size disagree.", nameof(counted));
        }

        Info = info;
        Bias = bias;
        Counted = counted;
        Normalized = normalized;
    }

    public ClassifierInfo Info { get; }

    internal float Bias { get; }

    internal float[]? Counted { get; }

    internal float[]? Normalized { get; }

    /// <summary>Probability that the text is positive (ad, spam, offensive), from 0 to 1.</summary>
    public double Score(string text, ClassifierScratch scratch) => Score(scratch.FeaturesFor(Info.Features, text));

    public bool IsPositive(string text, ClassifierScratch scratch) => Score(text, scratch) >= Info.Threshold;

    internal double Score(List<int> features) => Sigmoid(Logit(Bias, Counted, Normalized, features));

    internal static double Logit(float bias, float[]? counted, float[]? normalized, IReadOnlyList<int> features)
    {
        double logit = bias;
        if (counted is not null)
        {
            double sum = 0;
            foreach (int f in features)
            {
                sum += counted[f];
            }

            logit += sum;
        }

        if (normalized is not null && features.Count > 0)
        {
            double sum = 0;
            foreach (int f in features)
            {
                sum += normalized[f];
            }

            logit += sum * (1 / Math.Sqrt(features.Count));
        }

        return logit;
    }

    internal static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    /// <summary>A short stable fingerprint of bias and weights: equal fingerprints, equal models.</summary>
    public string WeightsFingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(BitConverter.GetBytes(Bias));
        foreach (var weights in new[] { Counted, Normalized })
        {
            hash.AppendData(BitConverter.GetBytes(weights?.Length ?? -1));
            foreach (float w in weights ?? [])
            {
                hash.AppendData(BitConverter.GetBytes(w));
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset())[..16].ToLowerInvariant();
    }
}

/// <summary>What a model is, where it came from and how to use it; the header of a model file.</summary>
public sealed record ClassifierInfo(
    string Name,
    string Version,
    ClassifierAlgorithm Algorithm,
    FeatureOptions Features,
    double Threshold,
    string TrainingDataSha256,
    int TrainingExamples,
    string TrainingDescription);

/// <summary>Per-thread buffers for scoring; remembers the features of the last text so that several models with the same options share one extraction.</summary>
public sealed class ClassifierScratch
{
    private readonly List<int> _features = new(256);
    private FeatureExtractor? _extractor;
    private string? _lastText;

    internal List<int> FeaturesFor(FeatureOptions options, string text)
    {
        bool sameOptions = _extractor is not null && (ReferenceEquals(_extractor.Options, options) || _extractor.Options == options);
        if (sameOptions && ReferenceEquals(_lastText, text))
        {
            return _features;
        }

        if (!sameOptions)
        {
            _extractor = new FeatureExtractor(options);
        }

        _extractor!.Extract(text, _features);
        _lastText = text;
        return _features;
    }
}
