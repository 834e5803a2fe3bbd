using System.Globalization;
using System.Text;

namespace CommunityOps.Benchmarks.Ingestion;

/// <summary>
/// Writes a synthetic single-chat result.json shaped like Telegram Desktop's (1-space indentation, both
/// clocks, text as a string or a mixed array with text_entities, media, replies, service joins, a few
/// reactions and \xNN escapes), deterministic for a given message count.
/// </summary>
internal static class TelegramExportWriter
{
    private static readonly string[] Words = ["привет", "hello", "群里", "meeting", "tomorrow", "link", "thanks", "ok", "договорились", "please", "check", "the", "new", "release", "欢迎", "👍"];

    public static void Write(string path, int messages)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        var random = new Random(42);
        var text = new StringBuilder();
        writer.Write("{\n \"name\": \"Bench group\",\n \"type\": \"private_supergroup\",\n \"id\": 1234567890,\n \"messages\": [\n");
        const long start = 1_600_000_000;
        for (var i = 1; i <= messages; i++)
        {
            var unix = start + (i * 7L);
            var date = DateTimeOffset.FromUnixTimeSeconds(unix + (3 * 3600)).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
            var user = random.Next(1, 5000);
            writer.Write(i == 1 ? "  {\n" : ",\n  {\n");
            writer.Write($"   \"id\": {i},\n");
            if (random.Next(100) < 2)
            {
                writer.Write($"   \"type\": \"service\",\n   \"date\": \"{date}\",\n   \"date_unixtime\": \"{unix}\",\n   \"actor\": \"User {user}\",\n   \"actor_id\": \"user{user}\",\n");
                writer.Write(random.Next(2) == 0
                    ? "   \"action\": \"join_group_by_link\",\n   \"inviter\": \"User 1\",\n"
                    : $"   \"action\": \"invite_members\",\n   \"members\": [\n    \"User {random.Next(1, 5000)}\"\n   ],\n");
                writer.Write("   \"text\": \"\",\n   \"text_entities\": []\n  }");
                continue;
            }
            writer.Write($"   \"type\": \"message\",\n   \"date\": \"{date}\",\n   \"date_unixtime\": \"{unix}\",\n   \"from\": \"User {user}\",\n   \"from_id\": \"user{user}\",\n");
            if (random.Next(100) < 10 && i > 1)
            {
                writer.Write($"   \"reply_to_message_id\": {random.Next(1, i)},\n");
            }
            var kind = random.Next(100);
            if (kind < 5)
            {
                writer.Write("   \"photo\": \"photos/photo_1@05-06-2022_15-43-13.jpg\",\n   \"width\": 1280,\n   \"height\": 960,\n");
            }
            else if (kind < 9)
            {
                writer.Write("   \"file\": \"stickers/sticker.webp\",\n   \"thumbnail\": \"stickers/sticker.webp_thumb.jpg\",\n   \"media_type\": \"sticker\",\n   \"sticker_emoji\": \"😂\",\n   \"width\": 512,\n   \"height\": 512,\n");
            }
            text.Clear();
            for (var w = random.Next(3, 16); w > 0; w--)
            {
                text.Append(Words[random.Next(Words.Length)]).Append(' ');
            }
            if (random.Next(1000) == 0)
            {
                text.Append("\\x07");
            }
            var plain = text.ToString().TrimEnd();
            if (random.Next(100) < 15)
            {
                writer.Write($"   \"text\": [\n    \"{plain} \",\n    {{\n     \"type\": \"mention\",\n     \"text\": \"@user{user}\"\n    }}\n   ],\n");
                writer.Write($"   \"text_entities\": [\n    {{\n     \"type\": \"plain\",\n     \"text\": \"{plain} \"\n    }},\n    {{\n     \"type\": \"mention\",\n     \"text\": \"@user{user}\"\n    }}\n   ]");
            }
            else
            {
                writer.Write($"   \"text\": \"{plain}\",\n   \"text_entities\": [\n    {{\n     \"type\": \"plain\",\n     \"text\": \"{plain}\"\n    }}\n   ]");
            }
            if (random.Next(100) == 0)
            {
                writer.Write($",\n   \"reactions\": [\n    {{\n     \"type\": \"emoji\",\n     \"count\": 2,\n     \"emoji\": \"👍\",\n     \"recent\": [\n      {{\n       \"from\": \"User 7\",\n       \"from_id\": \"user7\",\n       \"date\": \"{date}\"\n      }},\n      {{\n       \"from\": \"User 8\",\n       \"from_id\": \"user8\",\n       \"date\": \"{date}\"\n      }}\n     ]\n    }}\n   ]");
            }
            writer.Write("\n  }");
        }
        writer.Write("\n ]\n}\n");
    }
}
