using System.Text;
using CommunityOps.Resources;

namespace CommunityOps.Inspection.Classifiers;

public enum DatasetFormat
{
    /// <summary>COLD: CSV with a UTF-8 BOM, header <c>,split,topic,label,TEXT</c>; label 1 = offensive.</summary>
    OffensiveCsv,

    /// <summary>QQ group chat: <c>text==label</c> per line, split on the last <c>==</c>; label 1 = ad.</summary>
    TextEqualsLabel,

    /// <summary>tg-spam: a folder with spam-samples.txt and ham-samples.txt, one message per line.</summary>
    SpamHamFolder,
}

/// <summary>A labelled dataset read from one of the formats in ../shared/datasets; malformed lines are counted, not fatal.</summary>
public sealed record LabelledDataset(DatasetFormat Format, IReadOnlyList<LabelledText> Examples, int SkippedLines);

/// <summary>Readers for the labelled datasets, and the seeded held-out split used where a dataset has no dev file.</summary>
public static class LabelledDatasets
{
    /// <summary>Reads <paramref name="path"/> in the format its shape implies (folder, .csv, else text==label).</summary>
    public static LabelledDataset Read(string path)
    {
        if (Directory.Exists(path))
        {
            return ReadSpamHam(path);
        }

        if (!File.Exists(path))
        {
            throw new CommunityOpsException(Errors.LabelledDataNotFound(path));
        }

        return path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ReadOffensiveCsv(path) : ReadTextEqualsLabel(path);
    }

    public static LabelledDataset ReadOffensiveCsv(string path)
    {
        var examples = new List<LabelledText>();
        int skipped = 0;
        bool header = true;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            if (header)
            {
                header = false;
                continue;
            }

            var fields = SplitCsvLine(line);
            if (fields.Count < 5 || fields[3] is not ("0" or "1") || fields[4].Length == 0)
            {
                skipped++;
                continue;
            }

            examples.Add(new LabelledText(fields[4], fields[3] == "1"));
        }

        return new LabelledDataset(DatasetFormat.OffensiveCsv, examples, skipped);
    }

    public static LabelledDataset ReadTextEqualsLabel(string path)
    {
        var examples = new List<LabelledText>();
        int skipped = 0;
        foreach (var raw in File.ReadLines(path, Encoding.UTF8))
        {
            var line = raw.TrimEnd('\r');
            int at = line.LastIndexOf("==", StringComparison.Ordinal);
            var label = at < 0 ? "" : line[(at + 2)..].Trim();
            var text = at < 0 ? "" : line[..at].Trim();
            if (label is not ("0" or "1") || text.Length == 0)
            {
                skipped++;
                continue;
            }

            examples.Add(new LabelledText(text, label == "1"));
        }

        return new LabelledDataset(DatasetFormat.TextEqualsLabel, examples, skipped);
    }

    public static LabelledDataset ReadSpamHam(string folder)
    {
        var spam = Path.Combine(folder, "spam-samples.txt");
        var ham = Path.Combine(folder, "ham-samples.txt");
        if (!File.Exists(spam) || !File.Exists(ham))
        {
            throw new CommunityOpsException(Errors.FolderNeedsSpamAndHam(folder));
        }

        int skipped = 0;
        var examples = new List<LabelledText>();
        foreach (var (file, positive) in new[] { (spam, true), (ham, false) })
        {
            foreach (var raw in File.ReadLines(file, Encoding.UTF8))
            {
                var text = raw.Trim();
                if (text.Length == 0)
                {
                    skipped++;
                    continue;
                }

                examples.Add(new LabelledText(text, positive));
            }
        }

        return new LabelledDataset(DatasetFormat.SpamHamFolder, examples, skipped);
    }

    /// <summary>
    /// Reads tg-spam's word list format: quoted words separated by commas over several lines
    /// (<c>"and", "the", "is",</c>). Lower-cased, de-duplicated, in file order.
    /// </summary>
    public static IReadOnlyList<string> ReadQuotedWordList(string path) =>
        [.. File.ReadAllText(path, Encoding.UTF8).Split([',', '\n', '\r'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('"').Trim().ToLowerInvariant()).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The deterministic held-out split for datasets without a dev file: an example is held out when a
    /// seeded hash of its text falls in the first <paramref name="percent"/> of 100 buckets. Hashing the
    /// text (not the line number) keeps every copy of a duplicated message on the same side.
    /// </summary>
    public static bool IsHeldOut(string text, int percent = HeldOutPercent, uint seed = HeldOutSeed) => Bucket(text, seed) % 100 < percent;

    /// <summary>A seeded hash of the text: equal texts always fall in the same bucket, split or fold.</summary>
    public static uint Bucket(string text, uint seed = HeldOutSeed)
    {
        uint h = 2166136261 ^ seed;
        foreach (char c in text)
        {
            h = (h ^ c) * 16777619;
        }

        h ^= h >> 15;
        h *= 0x2C1B3C6D;
        h ^= h >> 12;
        return h;
    }

    public const int HeldOutPercent = 20;

    public const uint HeldOutSeed = 20240407;

    /// <summary>Splits <paramref name="examples"/> into (train, dev) with <see cref="IsHeldOut"/>.</summary>
    public static (IReadOnlyList<LabelledText> Train, IReadOnlyList<LabelledText> Dev) SplitHeldOut(IReadOnlyList<LabelledText> examples) =>
        ([.. examples.Where(e => !IsHeldOut(e.Text))], [.. examples.Where(e => IsHeldOut(e.Text))]);

    private static List<string> SplitCsvLine(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
