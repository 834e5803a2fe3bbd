using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CommunityOps.Ingestion;
using CommunityOps.Ingestion.Common;
using CommunityOps.Resources;
using CommunityOps.Storage;

namespace CommunityOps.Benchmarks.Ingestion;

/// <summary>
/// Telegram JSON into a fresh SQLite store, end to end through ImportService, beside two floors measured
/// on the same file in the same run: reading its bytes, and streaming every message through the JSON
/// reader without storing anything. Prints messages per second, the ratios, and the process's peak
/// working set (the import must stay flat: well under 500 MB for a 2 GB file).
/// Usage: telegram-import [--messages N] [--file path] [--keep]
/// </summary>
internal static class TelegramImportBenchmark
{
    public static int Run(string[] args)
    {
        var messages = int.Parse(Option(args, "--messages") ?? "1000000", CultureInfo.InvariantCulture);
        var dir = Path.Combine(Path.GetTempPath(), "communityops-bench");
        Directory.CreateDirectory(dir);
        var file = Option(args, "--file") ?? Path.Combine(dir, $"telegram-{messages}.json");
        if (!File.Exists(file))
        {
            var generate = Stopwatch.StartNew();
            TelegramExportWriter.Write(file, messages);
            Console.WriteLine($"wrote {file} ({Mb(new FileInfo(file).Length)}) in {generate.Elapsed.TotalSeconds:F1} s");
        }
        var bytes = new FileInfo(file).Length;

        var read = Stopwatch.StartNew();
        using (var stream = File.OpenRead(file))
        {
            var buffer = new byte[1 << 16];
            while (stream.Read(buffer) > 0)
            {
            }
        }
        read.Stop();

        var parseCpu = Cpu();
        var parse = Stopwatch.StartNew();
        var parsed = ParseOnly(file);
        parse.Stop();
        parseCpu = Cpu() - parseCpu;

        var db = Path.Combine(dir, $"bench-{Guid.NewGuid():N}.db");
        var store = Store.OpenAsync(db).GetAwaiter().GetResult();
        ImportSummary summary;
        var importCpu = Cpu();
        var importKernel = Process.GetCurrentProcess().PrivilegedProcessorTime;
        var import = Stopwatch.StartNew();
        try
        {
            summary = new ImportService(store).Import([file], new ImportOptions());
            import.Stop();
            importCpu = Cpu() - importCpu;
            importKernel = Process.GetCurrentProcess().PrivilegedProcessorTime - importKernel;
        }
        finally
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;

        Console.WriteLine($"file: {Mb(bytes)}, {parsed:N0} message elements, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine($"  read bytes only     {read.Elapsed.TotalSeconds,7:F2} s  {bytes / read.Elapsed.TotalSeconds / (1 << 20),8:N0} MB/s");
        Console.WriteLine($"  stream-parse only   {parse.Elapsed.TotalSeconds,7:F2} s  {parsed / parse.Elapsed.TotalSeconds,10:N0} msg/s  ({parsed / parseCpu.TotalSeconds:N0} per CPU second)");
        Console.WriteLine($"  import into SQLite  {import.Elapsed.TotalSeconds,7:F2} s  {summary.Messages / import.Elapsed.TotalSeconds,10:N0} msg/s  ({summary.Messages / importCpu.TotalSeconds:N0} per CPU second, {importKernel.TotalSeconds / importCpu.TotalSeconds:P0} of it in the kernel)");
        Console.WriteLine($"  imported {summary.Messages:N0} messages, {summary.Joins:N0} joins, {summary.Reactions:N0} reactions, {summary.Members:N0} members; load average {LoadAverage()}");
        Console.WriteLine($"  import / parse time ratio {import.Elapsed.TotalSeconds / parse.Elapsed.TotalSeconds:F2}; peak working set {Mb(peak)}");
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(db + suffix);
        }
        if (!args.Contains("--keep") && Option(args, "--file") is null)
        {
            File.Delete(file);
        }
        return 0;
    }

    private static long ParseOnly(string file)
    {
        using var stream = new HexEscapeStream(File.OpenRead(file));
        var json = new StreamingJsonReader(stream, file);
        json.Expect(JsonTokenType.StartObject, Errors.ExpectedTelegramRoot());
        long count = 0;
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            if (!json.ValueTextEquals("messages"u8))
            {
                json.Skip();
                continue;
            }
            json.Expect(JsonTokenType.StartArray, Errors.ExpectedMessagesArray());
            var skipper = new Skipper();
            while (json.Read() && json.TokenType != JsonTokenType.EndArray)
            {
                json.ParseValue(skipper);
                count++;
            }
        }
        return count;
    }

    /// <summary>Tokenizes each message once, as the importer's one pass does, and keeps nothing: the parsing floor.</summary>
    private sealed class Skipper : IJsonValueParser
    {
        public bool Parse(ref Utf8JsonReader reader) => reader.TrySkip();
    }

    /// <summary>CPU time of the whole process: on a machine shared with other builds, wall time alone says little.</summary>
    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string Mb(long bytes) => $"{bytes / (double)(1 << 20):N0} MB";
}
