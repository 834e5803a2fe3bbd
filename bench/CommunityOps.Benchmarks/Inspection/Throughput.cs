using System.Diagnostics;
using System.Globalization;

namespace CommunityOps.Benchmarks.Inspection;

/// <summary>
/// Messages per second of a scan over a message array on the calling thread. Candidates run in
/// alternating rounds so noise from other processes on the shared machine hits them alike. Each result
/// is the best round by CPU time of this process (what one core delivers, whatever else the machine is
/// doing) and the median round by wall-clock time, with the allocation per message alongside.
/// </summary>
internal static class Throughput
{
    public sealed record Candidate(string Name, Func<string, long> Scan, Action? BeforeRound = null);

    public sealed record Result(string Name, double PerCpuSecond, double PerWallSecond, double BytesPerMessage, long Checksum);

    public static List<Result> Compare(string[] messages, int rounds, params Candidate[] candidates)
    {
        var cpu = candidates.Select(_ => new List<double>()).ToArray();
        var wall = candidates.Select(_ => new List<double>()).ToArray();
        var bytes = new double[candidates.Length];
        var checksums = new long[candidates.Length];
        for (int c = 0; c < candidates.Length; c++)
        {
            // Warm-up round: JIT tiers settle, and the checksum proves every candidate found the same.
            checksums[c] = Run(messages, candidates[c]);
        }

        var process = Process.GetCurrentProcess();
        for (int round = 0; round < rounds; round++)
        {
            for (int c = 0; c < candidates.Length; c++)
            {
                long allocated = GC.GetAllocatedBytesForCurrentThread();
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                Run(messages, candidates[c]);
                watch.Stop();
                process.Refresh();
                var cpuTime = process.TotalProcessorTime - cpuBefore;
                bytes[c] = (double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / messages.Length;
                cpu[c].Add(messages.Length / Math.Max(cpuTime.TotalSeconds, 1e-9));
                wall[c].Add(messages.Length / watch.Elapsed.TotalSeconds);
            }
        }

        return [.. candidates.Select((candidate, c) => new Result(candidate.Name, cpu[c].Max(), Median(wall[c]), bytes[c], checksums[c]))];
    }

    public static string Format(double rate) => rate.ToString("N0", CultureInfo.InvariantCulture);

    public static void Print(Result r) =>
        Console.WriteLine($"  {r.Name,-28} {Format(r.PerCpuSecond),12} msg/s per CPU second  ({Format(r.PerWallSecond),12} wall)  {r.BytesPerMessage,6:F1} B/msg  checksum {r.Checksum}");

    private static long Run(string[] messages, Candidate candidate)
    {
        candidate.BeforeRound?.Invoke();
        long checksum = 0;
        foreach (var message in messages)
        {
            checksum += candidate.Scan(message);
        }

        return checksum;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
