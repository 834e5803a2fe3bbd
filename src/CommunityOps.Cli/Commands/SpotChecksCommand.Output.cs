using System.Globalization;
using System.Text.Json;
using CommunityOps.Inspection.SpotChecks;

namespace CommunityOps.Cli.Commands;

/// <summary>How spot checks print as text; --json prints the Core views as they are.</summary>
internal static partial class SpotChecksCommand
{
    private static async Task WriteDetailAsync(CommandContext context, SampleDetail detail, bool json)
    {
        if (json)
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(detail, InspectionCliJson.Options));
            return;
        }
        await context.Out.WriteLineAsync(SampleLine(detail.Sample));
        await context.Out.WriteLineAsync(MessageLine(detail.Question));
        await context.Out.WriteLineAsync(MessageLine(detail.Reply));
        foreach (var score in detail.Scores)
        {
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {(score.IsFatal ? "!" : " ")} {score.Item} {score.Points:+0;-0;0} {score.Title}{(score.Comment is null ? "" : " — " + score.Comment)}"));
        }
        if (detail.Comment is not null)
        {
            await context.Out.WriteLineAsync($"  {CliText.Get("Comment")}: {detail.Comment}");
        }
        if (detail.Appeal is not null)
        {
            await context.Out.WriteLineAsync($"  {CliText.Get("Appeal")} ({detail.AppealedBy}): {detail.Appeal}");
        }
        foreach (var entry in detail.Audit)
        {
            await context.Out.WriteLineAsync(FindingsCommand.AuditLine(entry));
        }
    }

    private static async Task WriteReportAsync(CommandContext context, PlanReport report, bool json)
    {
        if (json)
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(report, InspectionCliJson.Options));
            return;
        }
        await context.Out.WriteLineAsync(PlanLine(report.Plan));
        foreach (var stratum in report.Strata)
        {
            await context.Out.WriteLineAsync(CliText.Format("StratumLine", stratum.Community, stratum.Operator ?? "*", stratum.Sampled, stratum.Scored,
                stratum.Failed, stratum.Average?.ToString("0.0", CultureInfo.InvariantCulture) ?? "-"));
        }
        foreach (var sample in report.Samples)
        {
            await context.Out.WriteLineAsync(SampleLine(sample));
        }
    }

    private static string PlanLine(PlanView p) => CliText.Format("PlanLine", p.Id, p.Name, p.From.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture),
        p.To.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture),
        p.Mode == "percent" ? p.Amount.ToString("0.##", CultureInfo.InvariantCulture) + "%" : p.Amount.ToString("0", CultureInfo.InvariantCulture),
        p.Strata, p.Seed, p.Rubric, CliText.Get(p.SampledAt is null ? "NotSampled" : "Sampled"));

    private static string SampleLine(SampleView s) => CliText.Format("SampleLine", s.Id, s.Status, s.Community, s.Operator,
        s.RepliedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        s.Total is { } t ? $"{t} {CliText.Get(s.IsFailed == true ? "Failed" : "Passed")}" : "-", s.Decision is null ? "" : "\t" + s.Decision);

    private static string MessageLine(MessageView m) => string.Create(CultureInfo.InvariantCulture,
        $"  [{m.Time.UtcDateTime:yyyy-MM-dd HH:mm}] {m.Member}: {m.Text}");
}
