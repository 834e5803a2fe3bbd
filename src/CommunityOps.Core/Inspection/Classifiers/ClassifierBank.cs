namespace CommunityOps.Inspection.Classifiers;

/// <summary>
/// Models that share feature options, scored together in one pass. Their weights are interleaved per
/// hash bucket as the 16-bit integers of the model file, so a feature costs one cache line for all
/// models instead of one miss per model per weight array (five megabyte-sized float arrays for the
/// default three). Integer sums times the power-of-two scale equal the float sums exactly, so scores
/// equal each model's own <see cref="TextClassifier.Score(string, ClassifierScratch)"/>.
/// </summary>
internal sealed class ClassifierBank
{
    private readonly short[] _weights;
    private readonly double[] _scales;
    private readonly int _slots;
    private readonly (int Counted, int Normalized)[] _slotOf;
    private readonly float[] _bias;

    public ClassifierBank(int id, IReadOnlyList<TextClassifier> models)
    {
        Id = id;
        Models = models;
        Features = models[0].Info.Features;
        _slotOf = new (int, int)[models.Count];
        _bias = [.. models.Select(m => m.Bias)];
        int slots = 0;
        for (int m = 0; m < models.Count; m++)
        {
            _slotOf[m] = (models[m].Counted is null ? -1 : slots++, models[m].Normalized is null ? -1 : slots++);
        }

        _slots = slots;
        _weights = new short[Features.Buckets * slots];
        _scales = new double[slots];
        for (int m = 0; m < models.Count; m++)
        {
            Interleave(models[m].Counted, _slotOf[m].Counted);
            Interleave(models[m].Normalized, _slotOf[m].Normalized);
        }
    }

    public int Id { get; }

    public IReadOnlyList<TextClassifier> Models { get; }

    public FeatureOptions Features { get; }

    /// <summary>Fills <paramref name="probabilities"/>[m] with model m's probability for the text with these features.</summary>
    public void Score(List<int> features, double[] probabilities)
    {
        Span<long> sums = stackalloc long[_slots];
        var weights = _weights;
        int slots = _slots;
        foreach (int f in features)
        {
            int at = f * slots;
            for (int s = 0; s < slots; s++)
            {
                sums[s] += weights[at + s];
            }
        }

        double scale = features.Count > 0 ? 1 / Math.Sqrt(features.Count) : 0;
        for (int m = 0; m < _slotOf.Length; m++)
        {
            var (counted, normalized) = _slotOf[m];
            double logit = _bias[m];
            if (counted >= 0)
            {
                logit += sums[counted] * _scales[counted];
            }

            if (normalized >= 0 && features.Count > 0)
            {
                logit += sums[normalized] * _scales[normalized] * scale;
            }

            probabilities[m] = TextClassifier.Sigmoid(logit);
        }
    }

    private void Interleave(float[]? weights, int slot)
    {
        if (weights is null)
        {
            return;
        }

        var (scale, quantized) = ClassifierModelFile.Quantize(weights);
        _scales[slot] = scale;
        for (int b = 0; b < quantized.Length; b++)
        {
            _weights[(b * _slots) + slot] = quantized[b];
        }
    }

    /// <summary>Groups the models of classifier rules by feature options, one bank per group.</summary>
    internal sealed class Builder
    {
        private readonly List<(TextClassifier Model, Action<ClassifierBank, int> Bind)> _models = [];

        public void Add(TextClassifier model, Action<ClassifierBank, int> bind) => _models.Add((model, bind));

        /// <summary>Builds the banks and binds every rule; returns each bank's model count, by bank id.</summary>
        public IReadOnlyList<int> Build()
        {
            var sizes = new List<int>();
            foreach (var group in _models.GroupBy(m => m.Model.Info.Features))
            {
                var distinct = group.Select(m => m.Model).Distinct().ToList();
                var bank = new ClassifierBank(sizes.Count, distinct);
                sizes.Add(distinct.Count);
                foreach (var (model, bind) in group)
                {
                    bind(bank, distinct.IndexOf(model));
                }
            }

            return sizes;
        }
    }
}
