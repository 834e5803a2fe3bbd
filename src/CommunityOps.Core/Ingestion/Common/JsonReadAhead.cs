using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Text.Json;

namespace CommunityOps.Ingestion.Common;

/// <summary>
/// The elements of the array a <see cref="StreamingJsonReader"/> stands on, parsed on a second thread
/// while the caller maps and stores the ones before: on two cores, parsing then costs the import no
/// time. At most <c>Batches</c> x <c>BatchSize</c> parsed elements wait in memory. An error in the
/// file reaches the caller after the elements before it, as the same <see cref="ImportException"/>.
/// </summary>
internal static class JsonReadAhead
{
    private const int BatchSize = 128;
    private const int Batches = 32;

    /// <summary>
    /// Each element with the line it starts on; the caller disposes each document. When the enumeration
    /// ends, the reader stands on the array's end, as if the caller had read it.
    /// </summary>
    public static IEnumerable<(JsonDocument Document, long Line)> Elements(StreamingJsonReader json, CancellationToken ct)
    {
        if (json.TokenType != JsonTokenType.StartArray)
        {
            throw new InvalidOperationException("the reader must stand on the start of an array");
        }
        using var queue = new BlockingCollection<Batch>(Batches);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = new Thread(() => Produce(json, queue, stop.Token)) { IsBackground = true, Name = "json-read-ahead" };
        producer.Start();
        try
        {
            foreach (var batch in queue.GetConsumingEnumerable(ct))
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    var document = batch.Documents[i]!;
                    batch.Documents[i] = null;
                    yield return (document, batch.Lines[i]);
                }
                if (batch.Error is { } error)
                {
                    ExceptionDispatchInfo.Throw(error);
                }
            }
        }
        finally
        {
            stop.Cancel();
            producer.Join();
            while (queue.TryTake(out var left))
            {
                left.Dispose();
            }
        }
    }

    private static void Produce(StreamingJsonReader json, BlockingCollection<Batch> queue, CancellationToken ct)
    {
        var batch = new Batch();
        try
        {
            while (true)
            {
                if (!json.Read())
                {
                    throw ImportException.At(json.File, json.Line, "invalid JSON (the file ends inside an array (truncated?))");
                }
                if (json.TokenType == JsonTokenType.EndArray)
                {
                    break;
                }
                if (json.TokenType != JsonTokenType.StartObject)
                {
                    throw ImportException.At(json.File, json.Line, "expected an object in the array");
                }
                batch.Add(json.ReadValue(), json.Line);
                if (batch.Count == BatchSize)
                {
                    queue.Add(batch, ct);
                    batch = new Batch();
                }
            }
            queue.Add(batch, ct);
        }
        catch (OperationCanceledException)
        {
            batch.Dispose();
        }
        catch (Exception ex)
        {
            // Whatever stopped the reading, the caller rethrows it in order, after the elements before it.
            batch.Error = ex;
            try
            {
                queue.Add(batch, ct);
            }
            catch (OperationCanceledException)
            {
                batch.Dispose();
            }
        }
        finally
        {
            queue.CompleteAdding();
        }
    }

    private sealed class Batch : IDisposable
    {
        public JsonDocument?[] Documents { get; } = new JsonDocument?[BatchSize];
        public long[] Lines { get; } = new long[BatchSize];
        public int Count { get; private set; }
        public Exception? Error { get; set; }

        public void Add(JsonDocument document, long line)
        {
            Documents[Count] = document;
            Lines[Count++] = line;
        }

        public void Dispose()
        {
            for (var i = 0; i < Count; i++)
            {
                Documents[i]?.Dispose();
                Documents[i] = null;
            }
        }
    }
}
