using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommunityOps.Ingestion;
using CommunityOps.Inspection;
using CommunityOps.Inspection.RuleSets;
using CommunityOps.Tests.Infra;

namespace CommunityOps.Tests.Inspection;

/// <summary>Builders for the specs of inspection over the store: JSONL feeds, imports, small rule sets, a settable clock.</summary>
internal static class StoredInspectionKit
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A keyword rule set needing no datasets: "kw" flags 加v / 加微信 / 微信 (overlapping on purpose).</summary>
    public static Inspector Keywords(string version = "1", string words = "\"加v\", \"加微信\", \"微信\"") =>
        Inspector.Create(RuleSetParser.Parse(
            $$$"""{"name":"test","version":"{{{version}}}","rules":[{"name":"kw","type":"keywords","category":"ads","severity":"medium","parameters":{"words":[{{{words}}}]}}]}""",
            "test.json", baseDirectory: null));

    /// <summary>One JSONL message line of the import format, <paramref name="minute"/> minutes after <see cref="Start"/>.</summary>
    public static string Message(string id, string member, int minute, string text, bool staff = false, string community = "c1", string? replyTo = null,
        string? channel = null)
    {
        var line = new JsonObject
        {
            ["type"] = "message", ["community"] = community, ["id"] = id, ["member"] = member,
            ["time"] = Start.AddMinutes(minute).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture), ["text"] = text,
        };
        if (staff)
        {
            line["is_staff"] = true;
        }
        if (replyTo is not null)
        {
            line["reply_to"] = replyTo;
        }
        if (channel is not null)
        {
            line["channel"] = channel;
        }
        return line.ToJsonString(Json);
    }

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<ImportSummary> ImportAsync(this TestStore store, TempFiles files, IEnumerable<string> lines, string workspace = "default")
    {
        var path = files.Write($"{Guid.NewGuid():N}.jsonl", string.Join('\n', lines) + "\n");
        return await Task.Run(() => new ImportService(store.Store).Import([path], new ImportOptions { Workspace = workspace }));
    }
}

/// <summary>A clock the spec moves by hand.</summary>
internal sealed class SettableTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
