using System.Security.Cryptography;
using System.Text;
using CommunityOps.Resources;

namespace CommunityOps.Inspection.Classifiers;

/// <summary>
/// Trains a <see cref="TextClassifier"/> deterministically: fixed seeds, a fixed example order, scalar
/// float arithmetic. The threshold is chosen on out-of-fold scores (k-fold over the training examples
/// only), then the final model is trained on all of them, so no evaluation data is ever consulted.
/// </summary>
public static class ClassifierTrainer
{
    public static TextClassifier Train(string name, string version, IReadOnlyList<LabelledText> examples, TrainingSettings settings, string description)
    {
        if (examples.Count == 0 || examples.All(e => e.IsPositive) || examples.All(e => !e.IsPositive))
        {
            throw new CommunityOpsException(Errors.CannotTrain(name));
        }

        var features = Featurize(examples, settings.Features);
        double threshold = ChooseThreshold(examples, features, settings);
        var fit = Fit(examples, features, Enumerable.Range(0, examples.Count).ToArray(), settings);
        var info = new ClassifierInfo(name, version, settings.Algorithm, settings.Features, threshold,
            Sha256(examples), examples.Count, description);
        return new TextClassifier(info, fit.Bias, ClassifierModelFile.Quantized(fit.Counted), ClassifierModelFile.Quantized(fit.Normalized));
    }

    /// <summary>
    /// Nested cross-validation: every example is decided by a model trained, threshold choice included,
    /// without it (folds by a hash of the text, so copies of a message stay in one fold). For data that
    /// has no dev file and is too small to spare a fixed split: all of it is scored, and the shipped model
    /// may then learn from all of it.
    /// </summary>
    public static ClassificationMetrics CrossValidate(IReadOnlyList<LabelledText> examples, TrainingSettings settings, int folds)
    {
        var decisions = new List<(bool Predicted, bool Actual)>(examples.Count);
        var scratch = new ClassifierScratch();
        var foldOf = examples.Select(e => LabelledDatasets.Bucket(e.Text) % (uint)folds).ToArray();
        for (uint fold = 0; fold < folds; fold++)
        {
            var test = examples.Where((_, i) => foldOf[i] == fold).ToList();
            var train = examples.Where((_, i) => foldOf[i] != fold).ToList();
            var model = Train("fold", "cv", train, settings, "cross-validation fold");
            decisions.AddRange(test.Select(e => (model.IsPositive(e.Text, scratch), e.IsPositive)));
        }

        return ClassificationMetrics.From(decisions);
    }

    /// <summary>Scores from models that never saw the example (k-fold), for choosing thresholds and settings.</summary>
    public static double[] OutOfFoldScores(IReadOnlyList<LabelledText> examples, TrainingSettings settings) =>
        OutOfFoldScores(examples, Featurize(examples, settings.Features), settings);

    /// <summary>SHA-256 of the labelled examples in order, recorded in the model so a model names its data.</summary>
    public static string Sha256(IReadOnlyList<LabelledText> examples)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var example in examples)
        {
            hash.AppendData(Encoding.UTF8.GetBytes((example.IsPositive ? "1\t" : "0\t") + example.Text + "\n"));
        }

        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    private static int[][] Featurize(IReadOnlyList<LabelledText> examples, FeatureOptions options)
    {
        var extractor = new FeatureExtractor(options);
        var buffer = new List<int>();
        var result = new int[examples.Count][];
        for (int i = 0; i < examples.Count; i++)
        {
            extractor.Extract(examples[i].Text, buffer);
            result[i] = [.. buffer];
        }

        return result;
    }

    private static double[] OutOfFoldScores(IReadOnlyList<LabelledText> examples, int[][] features, TrainingSettings settings)
    {
        var fold = Enumerable.Range(0, examples.Count).Select(i => i % settings.Folds).ToArray();
        new Random(settings.Seed).Shuffle(fold);
        var scores = new double[examples.Count];
        for (int k = 0; k < settings.Folds; k++)
        {
            var train = Enumerable.Range(0, examples.Count).Where(i => fold[i] != k).ToArray();
            var fit = Fit(examples, features, train, settings);
            for (int i = 0; i < examples.Count; i++)
            {
                if (fold[i] == k)
                {
                    scores[i] = TextClassifier.Sigmoid(TextClassifier.Logit(fit.Bias, fit.Counted, fit.Normalized, features[i]));
                }
            }
        }

        return scores;
    }

    private static double ChooseThreshold(IReadOnlyList<LabelledText> examples, int[][] features, TrainingSettings settings)
    {
        var scores = OutOfFoldScores(examples, features, settings);
        var labels = examples.Select(e => e.IsPositive).ToArray();
        return Thresholds.Choose(scores, labels, settings);
    }

    /// <summary>Per-example weights for <see cref="TrainingSettings.BalanceScripts"/>: P(label) / P(label | script), from the fitted subset.</summary>
    private static double[]? ExampleWeights(IReadOnlyList<LabelledText> examples, int[] subset, TrainingSettings settings)
    {
        if (!settings.BalanceScripts)
        {
            return null;
        }

        var counts = new int[3, 2];
        var labels = new int[2];
        foreach (int i in subset)
        {
            counts[Script(examples[i].Text), examples[i].IsPositive ? 1 : 0]++;
            labels[examples[i].IsPositive ? 1 : 0]++;
        }

        var weights = new double[examples.Count];
        foreach (int i in subset)
        {
            int script = Script(examples[i].Text), label = examples[i].IsPositive ? 1 : 0;
            double inScript = counts[script, 0] + counts[script, 1];
            weights[i] = ((double)labels[label] / subset.Length) / (counts[script, label] / inScript);
        }

        return weights;
    }

    private static int Script(string text)
    {
        int latin = 0, cyrillic = 0;
        foreach (char c in text)
        {
            latin += char.IsAsciiLetter(c) ? 1 : 0;
            cyrillic += c is >= '\u0400' and <= '\u04FF' ? 1 : 0;
        }

        return latin > cyrillic ? 0 : cyrillic > 0 ? 1 : 2;
    }

    private sealed record Weights(float Bias, float[]? Counted, float[]? Normalized);

    private static Weights Fit(IReadOnlyList<LabelledText> examples, int[][] features, int[] subset, TrainingSettings settings)
    {
        var exampleWeights = ExampleWeights(examples, subset, settings);
        switch (settings.Algorithm)
        {
            case ClassifierAlgorithm.NaiveBayes:
                var (nbBias, ratios) = FitNaiveBayes(examples, features, subset, settings, exampleWeights);
                return new Weights(nbBias, ratios, null);
            case ClassifierAlgorithm.NaiveBayesLogistic:
                var nbRatios = FitNaiveBayes(examples, features, subset, settings, exampleWeights).Weights;
                var (bias, weights) = FitLogistic(examples, features, subset, settings, nbRatios, exampleWeights);
                return new Weights(bias, null, weights);
            case ClassifierAlgorithm.NaiveBayesPlusLogistic:
                var (lrBias, lrWeights) = FitLogistic(examples, features, subset, settings, null, exampleWeights);
                var (priorBias, priorRatios) = FitNaiveBayes(examples, features, subset, settings, exampleWeights);
                float share = (float)settings.NaiveBayesShare;
                return new Weights(lrBias + (share * priorBias), [.. priorRatios.Select(r => r * share)], lrWeights);
            default:
                var (plainBias, plainWeights) = FitLogistic(examples, features, subset, settings, null, exampleWeights);
                return new Weights(plainBias, null, plainWeights);
        }
    }

    /// <summary>
    /// SGD on the log loss. With <paramref name="ratios"/> (naive Bayes log-count ratios) each feature's input
    /// is scaled by its ratio (NBSVM, Wang and Manning 2012); the model stays linear with weight × ratio.
    /// </summary>
    private static (float Bias, float[] Weights) FitLogistic(IReadOnlyList<LabelledText> examples, int[][] features, int[] subset, TrainingSettings settings, float[]? ratios, double[]? exampleWeights)
    {
        var weights = new float[settings.Features.Buckets];
        double bias = 0;
        var order = (int[])subset.Clone();
        var random = new Random(settings.Seed);
        long step = 0;
        for (int epoch = 0; epoch < settings.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (int i in order)
            {
                var x = features[i];
                double scale = x.Length > 0 ? 1 / Math.Sqrt(x.Length) : 1;
                double sum = 0;
                foreach (int f in x)
                {
                    sum += ratios is null ? weights[f] : weights[f] * ratios[f];
                }

                double p = TextClassifier.Sigmoid(bias + (scale * sum));
                bool positive = examples[i].IsPositive;
                double gradient = (p - (positive ? 1 : 0)) * (positive ? settings.PositiveWeight : 1) * (exampleWeights?[i] ?? 1);
                double rate = settings.LearningRate / (1 + ((double)step++ / subset.Length));
                float delta = (float)(rate * gradient * scale);
                float decay = (float)(1 - (rate * settings.L2));
                foreach (int f in x)
                {
                    weights[f] = (weights[f] * decay) - (ratios is null ? delta : delta * ratios[f]);
                }

                bias -= rate * gradient;
            }
        }

        if (ratios is not null)
        {
            for (int f = 0; f < weights.Length; f++)
            {
                weights[f] *= ratios[f];
            }
        }

        return ((float)bias, weights);
    }

    private static (float Bias, float[] Weights) FitNaiveBayes(IReadOnlyList<LabelledText> examples, int[][] features, int[] subset, TrainingSettings settings, double[]? exampleWeights)
    {
        int buckets = settings.Features.Buckets;
        var counts = new[] { new double[buckets], new double[buckets] };
        var totals = new double[2];
        var documents = new double[2];
        foreach (int i in subset)
        {
            int label = examples[i].IsPositive ? 1 : 0;
            double weight = exampleWeights?[i] ?? 1;
            documents[label] += weight;
            foreach (int f in features[i])
            {
                counts[label][f] += weight;
                totals[label] += weight;
            }
        }

        double alpha = settings.NaiveBayesAlpha;
        var weights = new float[buckets];
        double denominator1 = totals[1] + (alpha * buckets);
        double denominator0 = totals[0] + (alpha * buckets);
        for (int f = 0; f < buckets; f++)
        {
            weights[f] = (float)(Math.Log((counts[1][f] + alpha) / denominator1) - Math.Log((counts[0][f] + alpha) / denominator0));
        }

        return ((float)Math.Log(documents[1] / documents[0]), weights);
    }
}
