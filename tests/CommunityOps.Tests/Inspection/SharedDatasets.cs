using System.Globalization;
using CommunityOps.Inspection;

namespace CommunityOps.Tests.Inspection;

/// <summary>The real data in ../shared/datasets, read in place (never copied into the repository).</summary>
internal static class SharedDatasets
{
    private static readonly Lazy<string> Root = new(() => DatasetsDirectory.Find(AppContext.BaseDirectory));

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root.Value, .. parts]);

    public static IReadOnlyList<string> Houbb => HoubbWords.Value;

    /// <summary>Real chat-length texts: Chinese comments and group chat, Russian and English Telegram messages.</summary>
    public static IReadOnlyList<string> ChatTexts => Texts.Value;

    /// <summary>A deterministic sample of <paramref name="count"/> houbb words.</summary>
    public static IReadOnlyList<string> HoubbSample(int count) =>
        Houbb.Where((_, i) => i % (Houbb.Count / count) == 0).Take(count).ToArray();

    private static readonly Lazy<string[]> HoubbWords = new(() =>
        File.ReadAllLines(Path("lexicons", "houbb", "dict_v20240407.txt")).Where(w => w.Length > 0).ToArray());

    private static readonly Lazy<string[]> Texts = new(() =>
    {
        var cold = File.ReadLines(Path("offensive-cold", "dev.csv")).Skip(1)
            .Select(line => line.Split(',', 5)).Where(f => f.Length == 5).Select(f => f[4]).Take(3000);
        var ads = File.ReadLines(Path("ads-qqgroup", "train.txt")).Select(l => l[..Math.Max(0, l.LastIndexOf("==", StringComparison.Ordinal))]);
        var telegram = File.ReadLines(Path("spam-tgspam", "ham-samples.txt")).Concat(File.ReadLines(Path("spam-tgspam", "spam-samples.txt")));
        return [.. cold.Concat(ads).Concat(telegram).Where(t => t.Length > 0)];
    });

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
