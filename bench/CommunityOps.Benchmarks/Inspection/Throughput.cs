using System.Diagnostics;
using System.Globalization;

namespace CommunityOps.Benchmarks.Inspection;

/// <summary>
/// Messages per second of a scan over a message array on the calling thread. Candidates are measured in
/// alternating rounds so that noise from other processes on the shared machine hits them alike; each
/// result is the median round, with the allocation per message alongside.
/// </summary>
internal static class Throughput
{
    public sealed record Result(string Name, double MessagesPerSecond, double BytesPerMessage, long Checksum);

    public static List<Result> Compare(string[] messages, int rounds, params (string Name, Func<string, long> Scan)[] candidates)
    {
        var rates = candidates.Select(_ => new List<double>()).ToArray();
        var bytes = new double[candidates.Length];
        var checksums = new long[candidates.Length];
        for (int c = 0; c < candidates.Length; c++)
        {
            checksums[c] = Run(messages, candidates[c].Scan);
        }

        for (int round = 0; round < rounds; round++)
        {
            for (int c = 0; c < candidates.Length; c++)
            {
                long allocated = GC.GetAllocatedBytesForCurrentThread();
                var watch = Stopwatch.StartNew();
                Run(messages, candidates[c].Scan);
                watch.Stop();
                bytes[c] = (double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / messages.Length;
                rates[c].Add(messages.Length / watch.Elapsed.TotalSeconds);
            }
        }

        return [.. candidates.Select((candidate, c) => new Result(candidate.Name, Median(rates[c]), bytes[c], checksums[c]))];
    }

    public static string Format(double rate) => rate.ToString("N0", CultureInfo.InvariantCulture);

    private static long Run(string[] messages, Func<string, long> scan)
    {
        long checksum = 0;
        foreach (var message in messages)
        {
            checksum += scan(message);
        }

        return checksum;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
