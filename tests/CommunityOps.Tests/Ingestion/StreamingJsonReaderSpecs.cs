using System.Text;
using System.Text.Json;
using CommunityOps.Ingestion;
using CommunityOps.Ingestion.Common;

namespace CommunityOps.Tests.Ingestion;

public sealed class StreamingJsonReaderSpecs
{
    private const string Document = "\uFEFF{\n \"skip\": {\"a\": [1, 2, {\"b\": \"}\"}]},\n \"name\": \"caf\\u00e9\",\n \"items\": [\n  {\"n\": 1, \"s\": \"one\\x01\"},\n  {\"n\": 2, \"s\": \"a \\\\x41 b\"},\n  {\"n\": 3, \"s\": \"" + "long " + "ABCDEFGHIJ" + "\"}\n ]\n}\n";

    /// <summary>Hands out one byte per read, so every token and escape straddles a refill.</summary>
    private sealed class Trickle(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 1)]);
    }

    private static List<string> ReadItems(Stream stream, int bufferSize, out string? name, out List<long> lines)
    {
        var reader = new StreamingJsonReader(new HexEscapeStream(stream), "doc.json", bufferSize);
        var items = new List<string>();
        lines = [];
        name = null;
        reader.Expect(JsonTokenType.StartObject, "an object");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                name = reader.GetString();
            }
            else if (reader.ValueTextEquals("items"u8))
            {
                reader.Expect(JsonTokenType.StartArray, "an array");
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    using var item = reader.ReadValue();
                    lines.Add(reader.Line);
                    items.Add(item.RootElement.GetProperty("n").GetInt32() + "=" + item.RootElement.GetProperty("s").GetString());
                }
            }
            else
            {
                reader.Skip();
            }
        }
        return items;
    }

    [Theory]
    [InlineData(16)]
    [InlineData(64)]
    [InlineData(1 << 16)]
    public void Values_read_whole_are_the_same_whatever_the_buffer_and_however_the_stream_splits(int bufferSize)
    {
        var items = ReadItems(new Trickle(Encoding.UTF8.GetBytes(Document)), bufferSize, out var name, out var lines);

        name.ShouldBe("café");
        items.ShouldBe(["1=one\u0001", "2=a \\x41 b", "3=long ABCDEFGHIJ"]);
        lines.ShouldBe([5L, 6L, 7L]);
    }

    [Fact]
    public void A_syntax_error_after_many_refills_names_its_line_in_the_whole_file()
    {
        var text = "[\n" + string.Concat(Enumerable.Range(0, 500).Select(i => $" {{\"n\": {i}}},\n")) + " {\"n\": oops}\n]";
        var reader = new StreamingJsonReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "big.json", 64);
        reader.Expect(JsonTokenType.StartArray, "an array");

        var error = Should.Throw<ImportException>(() =>
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                reader.ReadValue().Dispose();
            }
        });

        error.Message.ShouldStartWith("big.json:502: invalid JSON (");
    }

    [Fact]
    public void Elements_read_ahead_arrive_in_order_and_a_bad_one_fails_after_those_before_it()
    {
        var text = "[\n" + string.Concat(Enumerable.Range(0, 1000).Select(i => $" {{\"n\": {i}}},\n")) + " {\"n\": oops}\n]";
        var reader = new StreamingJsonReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "big.json", 256);
        reader.Expect(JsonTokenType.StartArray, "an array");
        var seen = new List<int>();

        var error = Should.Throw<ImportException>(() =>
        {
            foreach (var (document, line) in JsonReadAhead.Elements(reader, CancellationToken.None))
            {
                using (document)
                {
                    seen.Add(document.RootElement.GetProperty("n").GetInt32());
                    line.ShouldBe(seen.Count + 1L);
                }
            }
        });

        seen.ShouldBe(Enumerable.Range(0, 1000));
        error.Message.ShouldStartWith("big.json:1002: invalid JSON (");
    }

    [Fact]
    public void A_caller_that_stops_early_stops_the_reading_thread_too()
    {
        var text = "[" + string.Join(",", Enumerable.Range(0, 100_000).Select(i => $"{{\"n\": {i}}}")) + "], \"after\"";
        var reader = new StreamingJsonReader(new MemoryStream(Encoding.UTF8.GetBytes("{\"a\": " + text + ": 1}")), "many.json");
        reader.Expect(JsonTokenType.StartObject, "an object");
        reader.Read();
        reader.Expect(JsonTokenType.StartArray, "an array");

        var taken = JsonReadAhead.Elements(reader, CancellationToken.None).Take(3).Select(e =>
        {
            using (e.Document)
            {
                return e.Document.RootElement.GetProperty("n").GetInt32();
            }
        }).ToList();

        taken.ShouldBe([0, 1, 2]);
    }
}
