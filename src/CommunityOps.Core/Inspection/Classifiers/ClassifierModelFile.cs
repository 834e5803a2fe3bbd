using System.IO.Compression;
using System.Text;
using CommunityOps.Resources;

namespace CommunityOps.Inspection.Classifiers;

/// <summary>
/// The model file: a small binary header (magic "COPSCLF1", format version, name, model version,
/// algorithm, feature options with the excluded words, threshold, SHA-256 of the training data, example count, description)
/// followed by up to two weight arrays (counted, normalized), each as 16-bit integers times one scale, zlib-compressed. Sixteen bits keep the
/// scores within 1e-4 of the float model while the files stay a few hundred kilobytes. Models are
/// quantized when trained, so a model in memory and the same model read back score identically.
/// </summary>
public static class ClassifierModelFile
{
    public const int FormatVersion = 1;
    private static readonly byte[] Magic = "COPSCLF1"u8.ToArray();

    public static void Write(TextClassifier model, Stream stream)
    {
        var info = model.Info;
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(info.Name);
        writer.Write(info.Version);
        writer.Write(info.Algorithm.ToString());
        writer.Write(info.Features.HashBits);
        writer.Write(info.Features.HanMaxGram);
        writer.Write(info.Features.WordMinGram);
        writer.Write(info.Features.WordMaxGram);
        writer.Write(info.Features.WordPairs);
        writer.Write(info.Features.Shapes);
        writer.Write(info.Features.ExcludedWords.Count);
        foreach (var word in info.Features.ExcludedWords)
        {
            writer.Write(word);
        }

        writer.Write(info.Threshold);
        writer.Write(info.TrainingDataSha256);
        writer.Write(info.TrainingExamples);
        writer.Write(info.TrainingDescription);
        writer.Write(model.Bias);
        foreach (var weights in new[] { model.Counted, model.Normalized })
        {
            writer.Write(weights is not null);
            if (weights is null)
            {
                continue;
            }

            var (scale, quantized) = Quantize(weights);
            writer.Write(scale);
            writer.Flush();
            var bytes = new byte[quantized.Length * 2];
            for (int i = 0; i < quantized.Length; i++)
            {
                bytes[2 * i] = (byte)quantized[i];
                bytes[(2 * i) + 1] = (byte)(quantized[i] >> 8);
            }

            using var buffer = new MemoryStream();
            using (var compressed = new ZLibStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                compressed.Write(bytes);
            }

            writer.Write((int)buffer.Length);
            writer.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
    }

    public static void Write(TextClassifier model, string path)
    {
        using var stream = File.Create(path);
        Write(model, stream);
    }

    public static TextClassifier Read(Stream stream, string source)
    {
        try
        {
            using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                throw new CommunityOpsException(Errors.NotAModel(source));
            }

            int format = reader.ReadInt32();
            if (format != FormatVersion)
            {
                throw new CommunityOpsException(Errors.ModelFormat(source, format, FormatVersion));
            }

            var name = reader.ReadString();
            var version = reader.ReadString();
            var algorithm = Enum.Parse<ClassifierAlgorithm>(reader.ReadString());
            var features = new FeatureOptions
            {
                HashBits = reader.ReadInt32(),
                HanMaxGram = reader.ReadInt32(),
                WordMinGram = reader.ReadInt32(),
                WordMaxGram = reader.ReadInt32(),
                WordPairs = reader.ReadBoolean(),
                Shapes = reader.ReadBoolean(),
                ExcludedWords = [.. Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadString())],
            };
            var info = new ClassifierInfo(name, version, algorithm, features, reader.ReadDouble(), reader.ReadString(),
                reader.ReadInt32(), reader.ReadString());
            float bias = reader.ReadSingle();
            if (features.HashBits is < 10 or > 24)
            {
                throw new CommunityOpsException(Errors.ModelHashBits(source, features.HashBits));
            }

            var counted = ReadWeights(reader, features.Buckets);
            var normalized = ReadWeights(reader, features.Buckets);
            return new TextClassifier(info, bias, counted, normalized);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or ArgumentException)
        {
            throw new CommunityOpsException(Errors.ModelNotReadable(source, e.Message), e);
        }
    }

    private static float[]? ReadWeights(BinaryReader reader, int buckets)
    {
        if (!reader.ReadBoolean())
        {
            return null;
        }

        float scale = reader.ReadSingle();
        var compressed = reader.ReadBytes(reader.ReadInt32());
        using var decompressed = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
        var bytes = new byte[buckets * 2];
        decompressed.ReadExactly(bytes);
        var weights = new float[buckets];
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = (short)(bytes[2 * i] | (bytes[(2 * i) + 1] << 8)) * scale;
        }

        return weights;
    }

    public static TextClassifier Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Rounds weights to the 16-bit grid the file stores, so a fresh model equals its file.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(weights))]
    internal static float[]? Quantized(float[]? weights)
    {
        if (weights is null)
        {
            return null;
        }

        var (scale, quantized) = Quantize(weights);
        return [.. quantized.Select(q => q * scale)];
    }

    internal static (float Scale, short[] Values) Quantize(float[] weights)
    {
        float max = 0;
        foreach (float w in weights)
        {
            max = Math.Max(max, Math.Abs(w));
        }

        // A power-of-two scale makes q × scale exact, so quantizing an already quantized model is a no-op.
        int exponent = max == 0 ? 0 : (int)Math.Ceiling(Math.Log2(max / short.MaxValue));
        while (max / (float)Math.ScaleB(1, exponent) > short.MaxValue)
        {
            exponent++;
        }

        float scale = (float)Math.ScaleB(1, exponent);
        return (scale, [.. weights.Select(w => (short)Math.Clamp(MathF.Round(w / scale), -short.MaxValue, short.MaxValue))]);
    }
}
