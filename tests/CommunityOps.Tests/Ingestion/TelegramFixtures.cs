namespace CommunityOps.Tests.Ingestion;

/// <summary>Small Telegram Desktop exports written the way tdesktop writes them (formats.md 1).</summary>
internal static class TelegramFixtures
{
    /// <summary>A single-chat export: name, type, id, then the given message objects.</summary>
    public static string Chat(string messages, string type = "private_supergroup", long id = 777, string name = "Coffee Club") => $$"""
        {
         "name": "{{name}}",
         "type": "{{type}}",
         "id": {{id}},
         "messages": [
        {{messages}}
         ]
        }
        """;

    /// <summary>A plain text message with both clocks.</summary>
    public static string Message(long id, string from, string fromId, long unix, string text = "hi", string extra = "") => $$"""
          {
           "id": {{id}},
           "type": "message",
           "date": "{{DateTimeOffset.FromUnixTimeSeconds(unix).UtcDateTime:yyyy-MM-ddTHH:mm:ss}}",
           "date_unixtime": "{{unix}}",
           "from": "{{from}}",
           "from_id": "{{fromId}}",{{extra}}
           "text": "{{text}}",
           "text_entities": []
          }
        """;

    public const long T0 = 1_700_000_000; // 2023-11-14T22:13:20Z
}
