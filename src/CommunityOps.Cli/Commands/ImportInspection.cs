using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommunityOps.Inspection.Runs;
using CommunityOps.Storage;
using Spectre.Console;

namespace CommunityOps.Cli.Commands;

/// <summary>
/// The inspection pass `import` runs once its transaction has committed: it inspects what the
/// workspace has new since its watermark (this import, and any pass an earlier run left unfinished).
/// Being a separate step, it leaves the import's own speed alone; --no-inspect skips it, and a later
/// `inspect --pending` or import catches up.
/// </summary>
internal sealed class ImportInspection
{
    public Option<bool> NoInspect { get; } = new("--no-inspect") { Description = CliText.Get("NoInspectOption") };
    public RuleOptions Rules { get; } = new();

    public void AddTo(Command command)
    {
        command.Options.Add(NoInspect);
        Rules.AddTo(command);
    }

    /// <summary>Runs the pass; null when skipped. A rule set that cannot be compiled is a warning, not a failed import.</summary>
    public async Task<InspectionRunSummary?> RunAsync(CommandContext context, ParseResult parse, Store store, string workspace, CancellationToken ct)
    {
        if (parse.GetValue(NoInspect) || !await InspectionRunner.HasPendingAsync(store, workspace, ct))
        {
            return null;
        }
        Inspection.Inspector inspector;
        try
        {
            inspector = await Rules.LoadForAsync(parse, store, await RuleOptions.WorkspaceIdAsync(store, workspace, ct), ct);
        }
        catch (CommunityOpsException ex)
        {
            await context.Err.WriteLineAsync($"{CliText.Get("Warning")}: {CliText.Format("InspectionSkipped", ex.Localized(CliText.Culture).ReplaceLineEndings(" "))}");
            return null;
        }
        var runner = new InspectionRunner(store, inspector);
        if (!context.IsTerminal)
        {
            return await runner.RunPendingAsync(workspace, null, null, ct);
        }
        return await AnsiConsole.Status().StartAsync(CliText.Get("Inspecting"), async status =>
        {
            var progress = new Progress<long>(seen => status.Status(CliText.Format("InspectingCount", seen)));
            return await runner.RunPendingAsync(workspace, null, progress, ct);
        });
    }

    /// <summary>The import's JSON with the pass's summary added as "inspection" (absent when skipped).</summary>
    public static string WithInspection(string importJson, InspectionRunSummary? summary)
    {
        if (summary is null)
        {
            return importJson;
        }
        var node = JsonNode.Parse(importJson)!.AsObject();
        node["inspection"] = JsonSerializer.SerializeToNode(summary, InspectionCliJson.Options);
        return node.ToJsonString(InspectionCliJson.Options);
    }
}
