using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CommunityOps.Benchmarks.Ingestion;

/// <summary>Writes the same synthetic history as JSONL, as a Telegram result.json, and as the baseline's CSV.</summary>
internal static class ExportFiles
{
    private static readonly string[] Texts =
    [
        "大家好，今天的活动几点开始？有没有人一起去", "Thanks for the update, see you at the meetup tonight!",
        "这个产品用了一周，感觉还不错 👍 推荐给大家", "Does anyone know how to reset the password in the app?",
        "收到，明天上午十点前会把资料发到群里", "lol same here, my order arrived two days late too",
    ];

    public static (int Communities, int Members) Shape(int messages) => (Math.Max(1, messages / 100_000), 2_000);

    public static void WriteJsonl(string path, int messages)
    {
        var (communities, members) = Shape(messages);
        using var file = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        var t0 = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
        for (var i = 0; i < messages; i++)
        {
            var c = i % communities;
            var m = (i * 7919) % members;
            var time = t0.AddSeconds(i * 3L).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
            file.Write("{\"type\":\"message\",\"community\":\"c");
            file.Write(c);
            file.Write("\",\"id\":\"m");
            file.Write(i);
            file.Write("\",\"member\":\"u");
            file.Write(m);
            file.Write("\",\"member_name\":\"Member ");
            file.Write(m);
            file.Write("\",\"time\":\"");
            file.Write(time);
            file.Write("\",\"text\":");
            file.Write(JsonSerializer.Serialize(Texts[i % Texts.Length]));
            file.Write("}\n");
        }
    }

    /// <summary>A single-chat Telegram Desktop export as its writer formats it (1-space indent, date_unixtime).</summary>
    public static void WriteTelegram(string path, int messages)
    {
        var (_, members) = Shape(messages);
        using var file = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        file.Write("{\n \"name\": \"Bench Group\",\n \"type\": \"private_supergroup\",\n \"id\": 1234567,\n \"messages\": [\n");
        var t0 = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < messages; i++)
        {
            var m = (i * 7919) % members;
            var t = t0.AddSeconds(i * 3L);
            file.Write(i == 0 ? "  {\n" : ",\n  {\n");
            file.Write($"   \"id\": {i + 1},\n   \"type\": \"message\",\n   \"date\": \"{t:yyyy-MM-dd'T'HH:mm:ss}\",\n   \"date_unixtime\": \"{t.ToUnixTimeSeconds()}\",\n");
            file.Write($"   \"from\": \"Member {m}\",\n   \"from_id\": \"user{m + 1000}\",\n");
            var text = JsonSerializer.Serialize(Texts[i % Texts.Length], new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            file.Write($"   \"text\": {text},\n   \"text_entities\": [\n    {{\n     \"type\": \"plain\",\n     \"text\": {text}\n    }}\n   ]\n  }}");
        }
        file.Write("\n ]\n}\n");
    }

    /// <summary>The rows our import stores, pre-extracted for the sqlite3 shell (the ceiling we compare with).</summary>
    public static void WriteBaselineCsv(string path, int messages)
    {
        var (communities, members) = Shape(messages);
        using var file = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        var t0 = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();
        for (var i = 0; i < messages; i++)
        {
            var c = i % communities;
            var m = (i * 7919) % members;
            // community_id, channel_id, member_id, kind, source_id, occurred_at, text, ... (the same 16 columns)
            file.Write($"{c + 1},,{c * members + m + 1},1,m{i},{t0 + i * 3000L},\"{Texts[i % Texts.Length].Replace("\"", "\"\"", StringComparison.Ordinal)}\",,,,,,,0,0,1\n");
        }
    }
}
