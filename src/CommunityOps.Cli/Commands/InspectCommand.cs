using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CommunityOps.Inspection;
using CommunityOps.Inspection.Findings;
using CommunityOps.Inspection.Runs;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Cli.Commands;

/// <summary>
/// `inspect`: a JSONL file without a store (--input), a stored community's whole history again
/// (--community), or what is new in a workspace since the last pass (--pending); `train` and `evaluate`
/// are subcommands.
/// </summary>
internal static class InspectCommand
{
    public static Command Create(CommandContext context)
    {
        var rules = new RuleOptions();
        var input = new Option<string?>("--input") { Description = CliText.Get("InspectInputOption") };
        var community = new Option<string?>("--community") { Description = CliText.Get("InspectCommunityOption") };
        var pending = new Option<bool>("--pending") { Description = CliText.Get("InspectPendingOption") };
        var workspace = new Option<string>("--workspace") { Description = CliText.Get("WorkspaceExistingOption"), DefaultValueFactory = _ => "default" };
        var json = new Option<bool>("--json") { Description = CliText.Get("InspectJsonOption") };
        var command = new Command("inspect", CliText.Get("InspectDescription")) { input, community, pending, workspace, json };
        rules.AddTo(command);
        command.Subcommands.Add(InspectModelsCommands.Train(context));
        command.Subcommands.Add(InspectModelsCommands.Evaluate(context));
        command.SetAction(async (parse, ct) =>
        {
            var modes = new[] { parse.GetValue(input) is not null, parse.GetValue(community) is not null, parse.GetValue(pending) }.Count(m => m);
            if (modes != 1)
            {
                throw new CommunityOpsException(CliText.Error("InspectOneMode"));
            }
            if (parse.GetValue(input) is { } path)
            {
                return await InspectFileAsync(context, rules.Load(parse), path, parse.GetValue(json), ct);
            }
            await using var store = await context.OpenStoreAsync(parse, ct);
            InspectionRunSummary summary;
            if (parse.GetValue(community) is { } named)
            {
                var id = await CommunityLookup.ResolveAsync(store, parse.GetValue(workspace), named, ct);
                long? workspaceId;
                await using (var db = store.CreateDbContext())
                {
                    workspaceId = await db.Communities.Where(c => c.Id == id).Select(c => (long?)c.WorkspaceId).SingleOrDefaultAsync(ct);
                }
                summary = await new InspectionRunner(store, await rules.LoadForAsync(parse, store, workspaceId, ct)).RescanAsync(id, null, ct);
            }
            else
            {
                var name = parse.GetValue(workspace)!;
                var inspector = await rules.LoadForAsync(parse, store, await RuleOptions.WorkspaceIdAsync(store, name, ct), ct);
                summary = await new InspectionRunner(store, inspector).RunPendingAsync(name, null, null, ct);
            }
            await WriteSummaryAsync(context, summary, parse.GetValue(json));
            return 0;
        });
        return command;
    }

    internal static async Task WriteSummaryAsync(CommandContext context, InspectionRunSummary summary, bool json)
    {
        if (json)
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(summary, InspectionCliJson.Options));
            return;
        }
        await context.Out.WriteLineAsync(Describe(summary));
        if (summary.Updated + summary.Unchanged + summary.Kept + summary.Withdrawn > 0)
        {
            await context.Out.WriteLineAsync(CliText.Format("InspectKnown", summary.Unchanged, summary.Updated, summary.Kept, summary.Withdrawn));
        }
    }

    internal static string Describe(InspectionRunSummary summary)
    {
        var categories = summary.Categories.Count == 0 ? "" : " (" + string.Join(", ", summary.Categories.Select(c => $"{c.Key} {c.Value}")) + ")";
        return CliText.Format("InspectDone", summary.RuleSet, summary.Messages, summary.Joins, summary.Findings, categories);
    }

    private static async Task<int> InspectFileAsync(CommandContext context, Inspector inspector, string path, bool json, CancellationToken ct)
    {
        if (path != "-" && !File.Exists(path))
        {
            throw new CommunityOpsException(CliText.Error("NoSuchFile", path));
        }
        using var file = path == "-" ? null : new StreamReader(path);
        var reader = file ?? Console.In;
        var session = inspector.StartSession();
        var findings = new List<Finding>();
        long messages = 0, found = 0;
        var last = DateTimeOffset.MinValue;
        foreach (var item in InspectionJson.ReadJsonl(reader, path))
        {
            ct.ThrowIfCancellationRequested();
            if (item is InspectedMessage message)
            {
                session.Observe(message, findings);
                messages++;
                last = message.Time > last ? message.Time : last;
            }
            else if (item is InspectedJoin join)
            {
                session.Observe(join, findings);
                last = join.Time > last ? join.Time : last;
            }
            found += await WriteAsync(context, findings, json);
        }
        // The end of the file is the end of the stream: reply duties still waiting fall due at its last event.
        session.AdvanceTo(last, findings);
        found += await WriteAsync(context, findings, json);
        if (!json)
        {
            await context.Out.WriteLineAsync(CliText.Format("InspectFileDone", found, messages, inspector.RuleSet.Name));
        }
        return 0;
    }

    private static async Task<int> WriteAsync(CommandContext context, List<Finding> findings, bool json)
    {
        var count = findings.Count;
        foreach (var f in findings)
        {
            await context.Out.WriteLineAsync(json ? InspectionJson.ToJsonLine(f) : Line(f));
        }
        findings.Clear();
        return count;
    }

    private static string Line(Finding f)
    {
        var matches = string.Join(" ", f.Matches.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Text}@{m.Start}")));
        var score = f.Score.ToString("0.0###", CultureInfo.InvariantCulture);
        return $"{f.MessageId ?? "-"}\t{f.Community}\t{f.Member}\t{f.Rule}\t{f.Category}\t{f.Severity.ToString().ToLowerInvariant()}\t{score}\t{matches}{(f.Detail is null ? "" : "\t" + f.Detail)}";
    }
}
