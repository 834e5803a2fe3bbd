using CommunityOps.Inspection;
using CommunityOps.Inspection.RuleSets;

namespace CommunityOps.Benchmarks.Inspection;

/// <summary>
/// `ruleset`: the whole default rule set (every lexicon normalized, contact and link rules, the three
/// classifiers) over chat-length messages on one thread, through the session API the CLI uses: 500
/// members posting in 20 communities, one message a second. Options: --messages N (200000), --rounds N (5).
/// </summary>
internal static class RuleSetBenchmark
{
    public static int Run(string[] args)
    {
        int count = MatcherBenchmark.Option(args, "--messages", 200_000);
        int rounds = MatcherBenchmark.Option(args, "--rounds", 5);
        var datasets = ChatCorpus.Datasets();
        var texts = ChatCorpus.Build(datasets, count);
        var start = DateTimeOffset.UnixEpoch;
        var messages = texts.Select((text, i) => new InspectedMessage($"m{i}", $"c{i % 20}", null, $"u{i % 500}", false, start.AddSeconds(i), text)).ToArray();
        var inspector = Inspector.Create(RuleSet.Default, datasets);
        Console.WriteLine($"{messages.Length:N0} messages, mean {texts.Average(t => t.Length):F1} chars; {inspector.Rules.Count} rules; one thread");

        var findings = new List<Finding>();
        var session = inspector.StartSession();
        int next = 0;
        var results = Throughput.Compare(texts, rounds, new Throughput.Candidate("default rule set",
            _ =>
            {
                findings.Clear();
                session.Observe(messages[next++], findings);
                return findings.Count;
            },
            () => (session, next) = (inspector.StartSession(), 0)));
        Throughput.Print(results[0]);
        Console.WriteLine($"  findings per pass: {results[0].Checksum:N0} ({(double)results[0].Checksum / messages.Length:P1} of messages; the corpus is half offensive COLD text)");
        return 0;
    }
}
