using System.Text;
using System.Text.Json;
using CommunityOps.Ingestion;
using CommunityOps.Ingestion.Common;
using CommunityOps.Resources;

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

    private static string ReadWhole(StreamingJsonReader reader)
    {
        using var item = reader.ReadValue();
        return item.RootElement.GetProperty("n").GetInt32() + "=" + item.RootElement.GetProperty("s").GetString();
    }

    /// <summary>The document's name and its items, each read by <paramref name="readItem"/> (by default whole, as a JsonDocument).</summary>
    private static List<string> ReadItems(Stream stream, int bufferSize, out string? name, out List<long> lines, Func<StreamingJsonReader, string>? readItem = null)
    {
        readItem ??= ReadWhole;
        var reader = new StreamingJsonReader(new HexEscapeStream(stream), "doc.json", bufferSize);
        var items = new List<string>();
        lines = [];
        name = null;
        reader.Expect(JsonTokenType.StartObject, Errors.JsonObjectWord());
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                name = reader.GetString();
            }
            else if (reader.ValueTextEquals("items"u8))
            {
                reader.Expect(JsonTokenType.StartArray, Errors.ExpectedMessagesArray());
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var item = readItem(reader);
                    lines.Add(reader.Line);
                    items.Add(item);
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

    /// <summary>Reads {"n": int, "s": string, ...} in one pass, as the Telegram importer reads a message.</summary>
    private sealed class ItemParser : IJsonValueParser
    {
        public int N { get; private set; }

        public string? S { get; private set; }

        public int Starts { get; private set; }

        public bool Parse(ref Utf8JsonReader reader)
        {
            Starts++;
            (N, S) = (0, null);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var isN = reader.ValueTextEquals("n"u8);
                var isS = reader.ValueTextEquals("s"u8);
                if (!reader.Read())
                {
                    return false;
                }
                if (isN)
                {
                    N = reader.GetInt32();
                }
                else if (isS)
                {
                    S = reader.GetString();
                }
                else if (!reader.TrySkip())
                {
                    return false;
                }
            }
            return reader.TokenType == JsonTokenType.EndObject;
        }
    }

    [Theory]
    [InlineData(16)]
    [InlineData(64)]
    [InlineData(1 << 16)]
    public void Values_read_in_one_pass_are_the_same_as_values_read_whole_whatever_the_buffer(int bufferSize)
    {
        var parser = new ItemParser();
        string OnePass(StreamingJsonReader reader)
        {
            var bytes = reader.ParseValue(parser);
            bytes.Span.TrimStart(" ,\n"u8)[0].ShouldBe((byte)'{');
            bytes.Span[^1].ShouldBe((byte)'}');
            return parser.N + "=" + parser.S;
        }

        var items = ReadItems(new Trickle(Encoding.UTF8.GetBytes(Document)), bufferSize, out var name, out var lines, OnePass);

        name.ShouldBe("café");
        items.ShouldBe(ReadItems(new MemoryStream(Encoding.UTF8.GetBytes(Document)), 1 << 16, out _, out var wholeLines));
        lines.ShouldBe(wholeLines);
        // A small buffer makes the parser start over after refills; a large one reads each item once.
        if (bufferSize == 1 << 16)
        {
            parser.Starts.ShouldBe(3);
        }
        else
        {
            parser.Starts.ShouldBeGreaterThan(3);
        }
    }

    [Fact]
    public void A_syntax_error_inside_a_value_read_in_one_pass_names_its_line_and_a_truncated_one_says_so()
    {
        var text = "[\n" + string.Concat(Enumerable.Range(0, 500).Select(i => $" {{\"n\": {i}}},\n")) + " {\"n\": 1, \"s\": oops}\n]";
        var reader = new StreamingJsonReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "big.json", 64);
        reader.Expect(JsonTokenType.StartArray, Errors.ExpectedMessagesArray());
        var parser = new ItemParser();

        var error = Should.Throw<ImportException>(() =>
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                reader.ParseValue(parser);
            }
        });
        error.Message.ShouldStartWith("big.json:502: invalid JSON (");

        var truncated = new StreamingJsonReader(new MemoryStream(Encoding.UTF8.GetBytes("[\n {\"n\": 1},\n {\"n\": 2, \"s\": \"cut")), "cut.json", 16);
        truncated.Expect(JsonTokenType.StartArray, Errors.ExpectedMessagesArray());
        truncated.Read();
        truncated.ParseValue(parser);
        truncated.Read();
        Should.Throw<ImportException>(() => truncated.ParseValue(parser)).Message.ShouldBe("cut.json:3: invalid JSON (the file ends inside an object or array (truncated?))");
    }

    [Theory]
    [InlineData(16)]
    [InlineData(64)]
    [InlineData(1 << 16)]
    public void The_line_of_every_value_is_right_when_asked_for_each_one_across_refills(int bufferSize)
    {
        // Values of one to three lines each, so the line count and the byte offset drift apart.
        var text = new StringBuilder("[\n");
        var expected = new List<long>();
        var line = 2L;
        for (var i = 0; i < 300; i++)
        {
            var breaks = i % 3;
            expected.Add(line);
            text.Append(" {\"n\":").Append(i).Append(string.Concat(Enumerable.Repeat(",\n \"x\": \"y\"", breaks))).Append("},\n");
            line += breaks + 1;
        }
        text.Append(" {\"n\": -1}\n]");
        expected.Add(line);
        var reader = new StreamingJsonReader(new Trickle(Encoding.UTF8.GetBytes(text.ToString())), "lines.json", bufferSize);
        reader.Expect(JsonTokenType.StartArray, Errors.ExpectedMessagesArray());
        var lines = new List<long>();

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            reader.ReadValue().Dispose();
            lines.Add(reader.Line);
            if (lines.Count % 7 == 0)
            {
                lines[^1].ShouldBe(reader.Line); // asking twice changes nothing
            }
        }

        lines.ShouldBe(expected);
    }

    [Fact]
    public void A_syntax_error_after_many_refills_names_its_line_in_the_whole_file()
    {
        var text = "[\n" + string.Concat(Enumerable.Range(0, 500).Select(i => $" {{\"n\": {i}}},\n")) + " {\"n\": oops}\n]";
        var reader = new StreamingJsonReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "big.json", 64);
        reader.Expect(JsonTokenType.StartArray, Errors.ExpectedMessagesArray());

        var error = Should.Throw<ImportException>(() =>
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                reader.ReadValue().Dispose();
            }
        });

        error.Message.ShouldStartWith("big.json:502: invalid JSON (");
    }
}
