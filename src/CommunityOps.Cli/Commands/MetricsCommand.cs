using System.CommandLine;
using System.Globalization;
using CommunityOps.Analytics;

namespace CommunityOps.Cli.Commands;

internal static class MetricsCommand
{
    public static Command Create(CommandContext context)
    {
        var community = new Option<string?>("--community") { Description = CliText.Get("MetricsCommunityOption") };
        var workspace = new Option<string?>("--workspace") { Description = CliText.Get("WorkspaceOption") };
        var range = new RangeOptions();
        var json = new Option<bool>("--json") { Description = CliText.Get("JsonOption") };
        var command = new Command("metrics", CliText.Get("MetricsDescription")) { community, workspace, range.From, range.To, range.Tz, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse, ct);
            using var analytics = await AnalyticsStore.OpenAsync(store, ct);
            await analytics.SaveAsync(ct);
            var engine = new MetricsEngine(analytics);
            var query = range.Query(parse);
            if (parse.GetValue(community) is { } name)
            {
                var report = await engine.CommunityAsync(name, query, ct);
                await context.Out.WriteLineAsync(parse.GetValue(json) ? MetricsJson.Serialize(report) : Describe(report));
                return 0;
            }
            var all = await engine.WorkspaceAsync(parse.GetValue(workspace), query, ct);
            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(MetricsJson.Serialize(all));
                return 0;
            }
            foreach (var report in all.Communities)
            {
                await context.Out.WriteLineAsync(Describe(report));
            }
            await context.Out.WriteLineAsync(Describe(all.Totals with { Community = CliText.Get("WorkspaceTotals") }));
            return 0;
        });
        return command;
    }

    /// <summary>The headline figures in words; the full catalog is in --json.</summary>
    internal static string Describe(CommunityReport r)
    {
        var c = CliText.Culture;
        var last = r.Days.Count > 0 ? r.Days[^1] : default;
        var response = r.Response.MedianSeconds is { } median
            ? CliText.Format("MetricsResponse", r.Response.Answered, r.Response.Periods, Duration(median), Duration(r.Response.P90Seconds ?? median))
            : CliText.Format("MetricsNoResponse", r.Response.Periods);
        return string.Join(Environment.NewLine,
            $"{r.Community} ({r.Tz}) {r.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} … {r.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
            CliText.Format("MetricsGrowth", r.Summary.MembersStart.ToString("N0", c), r.Summary.MembersEnd.ToString("N0", c), r.Summary.Joined.ToString("N0", c), r.Summary.Left.ToString("N0", c)),
            CliText.Format("MetricsActivity", r.Summary.Messages.ToString("N0", c), last.Dau, last.Wau, last.Mau, last.Stickiness.ToString("P0", c)),
            CliText.Format("MetricsLayers", r.Layers.New, r.Layers.Active, r.Layers.Casual, r.Layers.Silent, r.Layers.Churned),
            "  " + response,
            "");
    }

    private static string Duration(int seconds) =>
        seconds < 60 ? $"{seconds}s" : seconds < 3600 ? $"{seconds / 60}m{seconds % 60:00}s" : $"{seconds / 3600}h{seconds % 3600 / 60:00}m";
}

/// <summary>--from, --to and --tz, shared by metrics and members.</summary>
internal sealed class RangeOptions
{
    public Option<string?> From { get; } = new("--from") { Description = CliText.Get("FromOption") };
    public Option<string?> To { get; } = new("--to") { Description = CliText.Get("ToOption") };
    public Option<string?> Tz { get; } = new("--tz") { Description = CliText.Get("TzOption") };

    public MetricsQuery Query(ParseResult parse) => new(Date(parse.GetValue(From), "--from"), Date(parse.GetValue(To), "--to"), parse.GetValue(Tz));

    private static DateOnly? Date(string? value, string option) =>
        value is null ? null
        : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new CommunityOpsException(CliText.Error("BadDate", option, value));
}
