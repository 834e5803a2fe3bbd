using System.Globalization;
using System.Text.Json;
using CommunityOps.Ingestion.Common;
using CommunityOps.Resources;
using CommunityOps.Storage;

namespace CommunityOps.Ingestion.Demo;

public sealed record DemoOptions(int Communities = 12, int Days = 120, int Seed = 42, string Workspace = "demo");

/// <summary>
/// Simulates realistic communities and imports them through the JSONL importer, so the demo
/// exercises the same path as real data. Deterministic for a seed and an end date: running it twice
/// adds nothing the second time.
/// </summary>
public sealed class DemoGenerator(TimeProvider time)
{
    public ImportSummary Create(Store store, DemoOptions options, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        if (options.Communities is < 1 or > 5000)
        {
            throw new CommunityOpsException(Errors.OptionBetween("--communities", 1, 5000));
        }
        if (options.Days is < 7 or > 3650)
        {
            throw new CommunityOpsException(Errors.OptionBetween("--days", 7, 3650));
        }
        var path = Path.Combine(Path.GetTempPath(), $"communityops-demo-{Guid.NewGuid():N}.jsonl");
        try
        {
            using (var file = File.Create(path))
            {
                Write(file, options);
            }
            return new ImportService(store).Import([path], new ImportOptions { Workspace = options.Workspace, Format = ImportFormat.Jsonl }, progress, ct);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Writes the demo history as CommunityOps JSONL.</summary>
    public void Write(Stream output, DemoOptions options)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var end = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var start = end.AddDays(-(options.Days - 1));
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var newline = "\n"u8.ToArray();
        for (var c = 0; c < options.Communities; c++)
        {
            // HashCode.Combine is randomized per process; the demo must be the same on every run.
            var random = new Random(unchecked((options.Seed * 7919) + c));
            var events = new DemoCommunity(c, random, start, end).Simulate();
            events.Sort((a, b) => a.Time.CompareTo(b.Time));
            foreach (var e in events)
            {
                if (e.Time > now)
                {
                    break; // the simulated last day runs ahead of the clock in zones west of UTC
                }
                e.WriteTo(writer);
                writer.Flush();
                writer.Reset();
                output.Write(newline);
            }
        }
    }
}

internal sealed record DemoEvent(string Type, string Community, string CommunityName, string Platform, string TimeZone, string? Channel,
    string? Id, string Member, string MemberName, bool IsStaff, long Time, string? Text = null, string? ReplyTo = null,
    string? Message = null, string? Emoji = null, string? Inviter = null, string? InviteLink = null, int Mentions = 0)
{
    public void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("type", Type);
        w.WriteString("community", Community);
        w.WriteString("community_name", CommunityName);
        w.WriteString("platform", Platform);
        w.WriteString("time_zone", TimeZone);
        if (Channel is not null)
        {
            w.WriteString("channel", Channel);
        }
        if (Id is not null)
        {
            w.WriteString("id", Id);
        }
        w.WriteString("member", Member);
        w.WriteString("member_name", MemberName);
        if (IsStaff)
        {
            w.WriteBoolean("is_staff", true);
        }
        w.WriteString("time", DateTimeOffset.FromUnixTimeMilliseconds(Time).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        if (Text is not null)
        {
            w.WriteString("text", Text);
        }
        if (ReplyTo is not null)
        {
            w.WriteString("reply_to", ReplyTo);
        }
        if (Message is not null)
        {
            w.WriteString("message", Message);
        }
        if (Emoji is not null)
        {
            w.WriteString("emoji", Emoji);
        }
        if (Inviter is not null)
        {
            w.WriteString("inviter", Inviter);
        }
        if (InviteLink is not null)
        {
            w.WriteString("invite_link", InviteLink);
        }
        if (Mentions > 0)
        {
            w.WriteNumber("mentions", Mentions);
        }
        w.WriteEndObject();
    }

    public static long ToMs(DateOnly day, double hour, TimeZoneInfo zone) =>
        TimeParsing.LocalToUnixMs(day.ToDateTime(TimeOnly.MinValue).AddHours(hour), zone);
}
