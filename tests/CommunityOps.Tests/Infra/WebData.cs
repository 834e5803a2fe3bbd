using System.Text.Encodings.Web;
using System.Text.Json;

namespace CommunityOps.Tests.Infra;

/// <summary>
/// Chat histories for web tests, written as JSONL exports and imported like a user would. Names and
/// messages are hostile on purpose: markup, attribute breakouts, right-to-left overrides, zero-width
/// characters and spreadsheet formulas, as real chat exports can contain.
/// </summary>
public static class WebData
{
    // Plain JSON as exporters write it: '+' and '<' unescaped (the JSONL reader compares times raw).
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public const string Script = "<script>alert(1)</script>";
    public const string ImgOnError = "\"><img src=x onerror=alert(2)>";
    public const string RightToLeft = "\u202Eevil\u202C name";
    public const string ZeroWidth = "Z\u200Bero\u200D";
    public const string Formula = "=HYPERLINK(\"http://evil.example\",\"x\")";
    public const string HostileCommunity = "<b>Bold</b> 咖啡社群 \"quoted\"";

    /// <summary>Workspace alpha: "Coffee Club" with hostile members and messages, and a second community with a hostile name.</summary>
    public static string Alpha(TempFiles files) => files.Write("alpha.jsonl", Lines(
        Join("c1", "Coffee Club", "u1", "Ann", "2026-02-01T09:00:00+08:00", staff: true),
        Join("c1", "Coffee Club", "u2", "小明", "2026-02-01T10:00:00+08:00"),
        Join("c1", "Coffee Club", "u3", Script, "2026-02-02T10:00:00+08:00"),
        Join("c1", "Coffee Club", "u4", ImgOnError, "2026-02-02T11:00:00+08:00"),
        Join("c1", "Coffee Club", "u5", RightToLeft, "2026-02-03T11:00:00+08:00"),
        Join("c1", "Coffee Club", "u6", ZeroWidth, "2026-02-03T12:00:00+08:00"),
        Join("c1", "Coffee Club", "u7", Formula, "2026-02-04T12:00:00+08:00"),
        Message("c1", "m1", "u1", "2026-02-05T20:00:00+08:00", "欢迎大家 welcome"),
        Message("c1", "m2", "u2", "2026-02-05T20:01:00+08:00", "你好！"),
        Message("c1", "m3", "u3", "2026-02-05T20:02:00+08:00", Script),
        Message("c1", "m4", "u4", "2026-02-05T20:03:00+08:00", ImgOnError),
        Message("c1", "m5", "u5", "2026-02-05T20:04:00+08:00", RightToLeft),
        Message("c1", "m6", "u2", "2026-02-06T08:00:00+08:00", "早上好"),
        Leave("c1", "u6", "2026-02-07T08:00:00+08:00"),
        Join("c2", HostileCommunity, "v1", "Vee", "2026-02-01T09:00:00+08:00"),
        Message("c2", "n1", "v1", "2026-02-02T09:00:00+08:00", "hello")));

    /// <summary>Workspace beta: "Tea House", a community alpha must never see.</summary>
    public static string Beta(TempFiles files) => files.Write("beta.jsonl", Lines(
        Join("t1", "Tea House", "w1", "Wei", "2026-02-01T09:00:00+08:00"),
        Join("t1", "Tea House", "w2", "Secret Beta Member", "2026-02-01T09:30:00+08:00"),
        Message("t1", "b1", "w1", "2026-02-02T09:00:00+08:00", "beta secret message")));

    public static string Join(string community, string communityName, string member, string name, string time, bool staff = false) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["type"] = "join", ["community"] = community, ["community_name"] = communityName,
            ["member"] = member, ["member_name"] = name, ["is_staff"] = staff, ["time"] = time,
        }, Json);

    public static string Message(string community, string id, string member, string time, string text) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["type"] = "message", ["community"] = community, ["channel"] = "general", ["id"] = id, ["member"] = member, ["time"] = time, ["text"] = text,
        }, Json);

    public static string Leave(string community, string member, string time) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["type"] = "leave", ["community"] = community, ["member"] = member, ["time"] = time }, Json);

    private static string Lines(params string[] lines) => string.Join('\n', lines) + "\n";
}
