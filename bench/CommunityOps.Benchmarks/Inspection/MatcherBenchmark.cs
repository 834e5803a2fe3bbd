using CommunityOps.Inspection.Matching;

namespace CommunityOps.Benchmarks.Inspection;

/// <summary>
/// `matcher`: every occurrence of every word over chat-length messages, our automaton beside a
/// SearchValues&lt;string&gt; loop in the same run, with a 5,000-word sample of houbb and all 65,000 words.
/// The checksums (sum over hits of word and position) must agree or the comparison is void.
/// Options: --messages N (default 200000), --rounds N (default 7).
/// </summary>
internal static class MatcherBenchmark
{
    public static int Run(string[] args)
    {
        int count = Option(args, "--messages", 200_000);
        int rounds = Option(args, "--rounds", 7);
        var datasets = ChatCorpus.Datasets();
        var messages = ChatCorpus.Build(datasets, count);
        var houbb = File.ReadAllLines(Path.Combine(datasets, "lexicons", "houbb", "dict_v20240407.txt")).Where(w => w.Length > 0).ToArray();
        Console.WriteLine($"{messages.Length:N0} messages, mean {messages.Average(m => m.Length):F1} chars; one thread; median of {rounds} rounds");

        bool allAgree = true;
        foreach (int size in new[] { 5000, houbb.Length })
        {
            var words = size == houbb.Length ? houbb : houbb.Where((_, i) => i % (houbb.Length / size) == 0).Take(size).ToArray();
            allAgree &= Compare(words, messages, rounds);
        }

        return allAgree ? 0 : 1;
    }

    private static bool Compare(string[] words, string[] messages, int rounds)
    {
        var automaton = new AhoCorasickAutomaton(words);
        var baseline = new SearchValuesBaseline(words);
        var normalized = new KeywordMatcher(words, MatchMode.Normalized);
        var hits = new HitBuffer();
        var scratch = new MatchScratch();

        var results = Throughput.Compare(messages, rounds,
            new("SearchValues<string> loop", text => { hits.Clear(); baseline.FindAll(text, hits); return Checksum(hits); }),
            new("Aho-Corasick (exact)", text => { hits.Clear(); automaton.FindAll(text, hits); return Checksum(hits); }),
            new("normalized + whole words", text => { hits.Clear(); normalized.FindAll(text, scratch, hits); return Checksum(hits); }));

        Console.WriteLine();
        Console.WriteLine($"{words.Length:N0} words, {automaton.StateCount:N0} states");
        results.ForEach(Throughput.Print);
        bool agree = results[0].Checksum == results[1].Checksum;
        Console.WriteLine($"  ratio Aho-Corasick / SearchValues: {results[1].PerCpuSecond / results[0].PerCpuSecond:F2}x by CPU time, "
            + $"{results[1].PerWallSecond / results[0].PerWallSecond:F2}x by wall time; identical hits: {(agree ? "yes" : "NO")}");
        return agree;
    }

    private static long Checksum(HitBuffer hits)
    {
        long sum = hits.Count;
        foreach (var hit in hits.Hits)
        {
            sum += (hit.Pattern * 131L) + hit.Start;
        }

        return sum;
    }

    internal static int Option(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out int value) ? value : fallback;
    }
}
