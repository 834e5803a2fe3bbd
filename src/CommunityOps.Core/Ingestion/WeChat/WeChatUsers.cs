using System.Text.Json;
using CommunityOps.Resources;

namespace CommunityOps.Ingestion.WeChat;

/// <summary>
/// PyWxDump's <c>users.json</c>, written beside a chat's CSV files (db/export/exportCSV.py, 2024-08): one
/// object keyed by wxid, each value the contact as MicroMsg.db knows it,
/// <c>{"wxid", "nickname", "remark", "account", "describe", "headImgUrl", "ExtraBuf", "LabelIDList"}</c>.
/// Only wxid, remark and nickname are read.
/// </summary>
internal static class WeChatUsers
{
    public const string FileName = "users.json";

    /// <summary>A users.json as PyWxDump writes it: a root object whose first value is a user object starting with "wxid".</summary>
    public static bool Looks(ImportEntry entry, ReadOnlySpan<byte> head)
    {
        if (entry.FileName != FileName)
        {
            return false;
        }
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }
        var reader = new Utf8JsonReader(head, isFinalBlock: false, default);
        try
        {
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject
                && reader.Read() && reader.TokenType == JsonTokenType.PropertyName
                && reader.Read() && reader.TokenType == JsonTokenType.StartObject
                && reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("wxid"u8);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Teaches <paramref name="people"/> every user's name (remark, else nickname) and the names notices may use.</summary>
    public static void Load(ImportEntry file, WeChatPeople people)
    {
        using var stream = file.Open();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw ImportException.At(file.DisplayPath, (ex.LineNumber ?? 0) + 1, Errors.InvalidJson(ex.Message.Split(" LineNumber:", 2)[0].TrimEnd('.', ' ')), ex);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw ImportException.At(file.DisplayPath, 1, Errors.WeChatUsersNotObject());
            }
            foreach (var user in document.RootElement.EnumerateObject())
            {
                if (user.Value.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }
                var wxid = Text(user.Value, "wxid") ?? user.Name;
                if (wxid.Length == 0)
                {
                    continue;
                }
                var remark = Text(user.Value, "remark");
                var nickname = Text(user.Value, "nickname");
                people.Name(wxid, remark ?? nickname);
                people.Learn(remark ?? "", wxid);
                people.Learn(nickname ?? "", wxid);
            }
        }
    }

    private static string? Text(JsonElement user, string property) =>
        user.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;
}
