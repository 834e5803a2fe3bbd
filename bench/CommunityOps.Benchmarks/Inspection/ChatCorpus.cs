using System.Text;
using CommunityOps.Inspection;

namespace CommunityOps.Benchmarks.Inspection;

/// <summary>
/// Chat-length messages (about 40 chars) made from real data: a Chinese fragment from the COLD and QQ group
/// texts followed, in most messages, by a few English words from the Telegram samples. Seeded, so every run
/// scans the same messages.
/// </summary>
internal static class ChatCorpus
{
    public static string[] Build(string datasets, int count, int seed = 42)
    {
        var chinese = File.ReadLines(Path.Combine(datasets, "offensive-cold", "dev.csv")).Skip(1)
            .Select(line => line.Split(',', 5)).Where(f => f.Length == 5).Select(f => f[4])
            .Concat(File.ReadLines(Path.Combine(datasets, "ads-qqgroup", "train.txt")).Select(l => l.Split("==")[0]))
            .Where(t => t.Length >= 10).ToArray();
        var english = File.ReadLines(Path.Combine(datasets, "spam-tgspam", "spam-samples.txt"))
            .Concat(File.ReadLines(Path.Combine(datasets, "spam-tgspam", "ham-samples.txt")))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.All(char.IsAscii)).ToArray();

        var random = new Random(seed);
        var messages = new string[count];
        var builder = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            builder.Clear();
            var source = chinese[random.Next(chinese.Length)];
            int length = Math.Min(source.Length, random.Next(18, 34));
            int start = random.Next(source.Length - length + 1);
            builder.Append(source, start, length);
            if (random.Next(4) != 0)
            {
                builder.Append(' ');
                while (builder.Length < 40)
                {
                    builder.Append(english[random.Next(english.Length)]).Append(' ');
                }
            }

            messages[i] = builder.ToString().TrimEnd();
        }

        return messages;
    }

    public static string Datasets() => DatasetsDirectory.Find();
}
