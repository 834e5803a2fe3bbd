using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CommunityOps.Inspection;
using CommunityOps.Inspection.Audit;
using CommunityOps.Inspection.Findings;
using CommunityOps.Inspection.Reviews;

namespace CommunityOps.Cli.Commands;

/// <summary>`findings list|show|confirm|dismiss|reopen|export`: the review workflow over stored findings.</summary>
internal static class FindingsCommand
{
    public static Command Create(CommandContext context)
    {
        var command = new Command("findings", CliText.Get("FindingsDescription"));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Show(context));
        command.Subcommands.Add(Decide(context, "confirm", ReviewAction.Confirm));
        command.Subcommands.Add(Decide(context, "dismiss", ReviewAction.Dismiss));
        command.Subcommands.Add(Decide(context, "reopen", ReviewAction.Reopen));
        command.Subcommands.Add(Export(context));
        return command;
    }

    private static Command List(CommandContext context)
    {
        var workspace = new Option<string>("--workspace") { Description = CliText.Get("WorkspaceExistingOption"), DefaultValueFactory = _ => "default" };
        var status = new Option<string?>("--status") { Description = CliText.Get("FindingStatusOption") };
        var category = new Option<string?>("--category") { Description = CliText.Format("FindingCategoryOption", string.Join(", ", RuleCategories.All)) };
        var community = new Option<string?>("--community") { Description = CliText.Get("InspectCommunityOption") };
        var member = new Option<string?>("--member") { Description = CliText.Get("FindingMemberOption") };
        var severity = new Option<string?>("--severity") { Description = CliText.Get("FindingSeverityOption") };
        var rule = new Option<string?>("--rule") { Description = CliText.Get("FindingRuleOption") };
        var limit = new Option<int>("--limit") { Description = CliText.Get("LimitOption"), DefaultValueFactory = _ => 50 };
        var offset = new Option<int>("--offset") { Description = CliText.Get("OffsetOption") };
        var json = new Option<bool>("--json") { Description = CliText.Get("JsonLinesOption") };
        var command = new Command("list", CliText.Get("FindingsListDescription")) { workspace, status, category, community, member, severity, rule, limit, offset, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse, ct);
            var name = parse.GetValue(workspace)!;
            var filter = new FindingFilter
            {
                Workspace = name,
                Status = parse.GetValue(status) is { } s ? ParseStatus(s) : null,
                Category = parse.GetValue(category) is { } k
                    ? RuleCategories.All.Contains(k) ? k : throw new CommunityOpsException(CliText.Error("BadCategory", k, string.Join(", ", RuleCategories.All)))
                    : null,
                CommunityId = parse.GetValue(community) is { } c ? await CommunityLookup.ResolveAsync(store, name, c, ct) : null,
                Member = parse.GetValue(member),
                MinSeverity = parse.GetValue(severity) is { } v ? ParseSeverity(v) : null,
                Rule = parse.GetValue(rule),
                Limit = Math.Clamp(parse.GetValue(limit), 1, 10_000),
                Offset = Math.Max(0, parse.GetValue(offset)),
            };
            var findings = await new FindingReviews(store).ListAsync(filter, ct);
            foreach (var f in findings)
            {
                await context.Out.WriteLineAsync(parse.GetValue(json) ? JsonSerializer.Serialize(f, InspectionCliJson.Options) : Line(f));
            }
            if (!parse.GetValue(json) && findings.Count == 0)
            {
                await context.Out.WriteLineAsync(CliText.Get("NoFindings"));
            }
            return 0;
        });
        return command;
    }

    private static Command Show(CommandContext context)
    {
        var id = new Argument<long>("ID") { Description = CliText.Get("FindingIdArgument") };
        var json = new Option<bool>("--json") { Description = CliText.Get("JsonOption") };
        var command = new Command("show", CliText.Get("FindingsShowDescription")) { id, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse, ct);
            var finding = await new FindingReviews(store).GetAsync(parse.GetValue(id), null, ct);
            var audit = await InspectionAuditLog.ForAsync(store, AuditSubjects.Finding, finding.Id, ct);
            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(new { finding, audit }, InspectionCliJson.Options));
                return 0;
            }
            await context.Out.WriteLineAsync(Line(finding));
            await context.Out.WriteLineAsync($"  {finding.Text}");
            if (finding.Detail is not null)
            {
                await context.Out.WriteLineAsync($"  {finding.Detail}");
            }
            foreach (var entry in audit)
            {
                await context.Out.WriteLineAsync(AuditLine(entry));
            }
            return 0;
        });
        return command;
    }

    private static Command Decide(CommandContext context, string name, ReviewAction action)
    {
        var ids = new Argument<long[]>("ID") { Arity = ArgumentArity.OneOrMore, Description = CliText.Get("FindingIdArgument") };
        var reviewer = new Option<string>("--reviewer") { Description = CliText.Get("ReviewerOption"), Required = true };
        var comment = new Option<string?>("--comment") { Description = CliText.Get(action == ReviewAction.Reopen ? "ReopenCommentOption" : "CommentOption") };
        var workspace = new Option<string?>("--workspace") { Description = CliText.Get("WorkspaceExistingOption") };
        var json = new Option<bool>("--json") { Description = CliText.Get("JsonLinesOption") };
        var command = new Command(name, CliText.Get($"Findings{char.ToUpperInvariant(name[0])}{name[1..]}Description")) { ids, reviewer, comment, workspace, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse, ct);
            var decided = await new FindingReviews(store).DecideAsync(parse.GetValue(ids)!, action, parse.GetValue(reviewer)!, parse.GetValue(comment),
                parse.GetValue(workspace), ct);
            foreach (var f in decided)
            {
                await context.Out.WriteLineAsync(parse.GetValue(json)
                    ? JsonSerializer.Serialize(f, InspectionCliJson.Options)
                    : CliText.Format("FindingDecided", f.Id, f.Status, f.Reviewer));
            }
            return 0;
        });
        return command;
    }

    private static Command Export(CommandContext context)
    {
        var workspace = new Option<string>("--workspace") { Description = CliText.Get("WorkspaceExistingOption"), DefaultValueFactory = _ => "default" };
        var output = new Option<string>("--output") { Description = CliText.Get("ExportOutputOption"), Required = true };
        var json = new Option<bool>("--json") { Description = CliText.Get("JsonLinesOption") };
        var command = new Command("export", CliText.Get("FindingsExportDescription")) { workspace, output, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse, ct);
            var files = await TrainingSamples.ExportAsync(store, parse.GetValue(workspace)!, parse.GetValue(output)!, ct);
            foreach (var file in files)
            {
                await context.Out.WriteLineAsync(parse.GetValue(json)
                    ? JsonSerializer.Serialize(new { category = file.Category, path = file.Path, positives = file.Positives, negatives = file.Negatives }, InspectionCliJson.Options)
                    : CliText.Format("ExportDone", file.Path, file.Positives, file.Negatives));
            }
            if (!parse.GetValue(json) && files.Count == 0)
            {
                await context.Out.WriteLineAsync(CliText.Get("NothingReviewed"));
            }
            return 0;
        });
        return command;
    }

    private static FindingStatus ParseStatus(string value) => value.ToLowerInvariant() switch
    {
        "open" => FindingStatus.Open,
        "confirmed" => FindingStatus.Confirmed,
        "dismissed" => FindingStatus.Dismissed,
        _ => throw new CommunityOpsException(CliText.Error("BadStatus", value)),
    };

    private static Severity ParseSeverity(string value) => value.ToLowerInvariant() switch
    {
        "low" => Severity.Low,
        "medium" => Severity.Medium,
        "high" => Severity.High,
        "critical" => Severity.Critical,
        _ => throw new CommunityOpsException(CliText.Error("BadSeverity", value)),
    };

    private static string Line(FindingView f) => string.Create(CultureInfo.InvariantCulture,
        $"#{f.Id}\t{f.Status}\t{f.Time.UtcDateTime:yyyy-MM-dd HH:mm}\t{f.Community}\t{f.MemberName}\t{f.Rule}@{f.RuleVersion}\t{f.Category}\t{f.Severity}\t{f.Score:0.0###}\t{string.Join(" ", f.Matches.Select(m => m.Text))}");

    internal static string AuditLine(AuditView entry) => string.Create(CultureInfo.InvariantCulture,
        $"  {entry.At.UtcDateTime:yyyy-MM-dd HH:mm} {entry.Actor}: {entry.Action} {entry.From ?? "-"} -> {entry.To ?? "-"}{(entry.Comment is null ? "" : " (" + entry.Comment + ")")}");
}
