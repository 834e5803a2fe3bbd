using System.CommandLine;
using CommunityOps.Ingestion;
using CommunityOps.Ingestion.Common;
using Spectre.Console;

namespace CommunityOps.Cli.Commands;

internal static class ImportCommand
{
    public static Command Create(CommandContext context)
    {
        var paths = new Argument<string[]>("PATH") { Arity = ArgumentArity.OneOrMore, Description = CliText.Get("ImportPaths") };
        var format = new Option<string?>("--format") { Description = CliText.Format("FormatOption", string.Join(", ", ImportFormats.AllNames)) };
        var timezone = new Option<string>("--timezone") { Description = CliText.Get("TimezoneOption"), DefaultValueFactory = _ => "UTC" };
        var workspace = new Option<string>("--workspace") { Description = CliText.Get("WorkspaceOption"), DefaultValueFactory = _ => "default" };
        var staff = new Option<string[]>("--staff") { Description = CliText.Get("StaffOption"), AllowMultipleArgumentsPerToken = false };
        var me = new Option<string?>("--me") { Description = CliText.Get("MeOption") };
        var json = new Option<bool>("--json") { Description = CliText.Get("JsonOption") };
        var command = new Command("import", CliText.Get("ImportDescription")) { paths, format, timezone, workspace, staff, me, json };
        var inspection = new ImportInspection();
        inspection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var options = new ImportOptions
            {
                Workspace = parse.GetValue(workspace)!,
                Format = parse.GetValue(format) is { } f ? ImportFormats.Parse(f) : null,
                TimeZone = TimeParsing.FindZone(parse.GetValue(timezone)!),
                Staff = new HashSet<string>(parse.GetValue(staff) ?? [], StringComparer.Ordinal),
                Me = parse.GetValue(me),
            };
            await using var store = await context.OpenStoreAsync(parse, ct);
            var service = new ImportService(store);
            var inputs = parse.GetValue(paths)!;
            ImportSummary summary;
            if (!parse.GetValue(json) && context.IsTerminal)
            {
                summary = await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
                    .StartAsync(async progress =>
                    {
                        var task = progress.AddTask(CliText.Get("Importing"));
                        var reporter = new Progress<ImportProgress>(p =>
                        {
                            task.MaxValue = Math.Max(1, p.TotalBytes);
                            task.Value = p.BytesRead;
                        });
                        return await Task.Run(() => service.Import(inputs, options, reporter, ct), ct);
                    });
            }
            else
            {
                summary = await Task.Run(() => service.Import(inputs, options, null, ct), ct);
            }
            var inspected = await inspection.RunAsync(context, parse, store, options.Workspace, ct);
            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(ImportInspection.WithInspection(ImportService.ToJson(summary), inspected));
                return 0;
            }
            await context.Out.WriteLineAsync(CliText.Format("ImportDone", summary.Files, summary.Format, options.Workspace));
            await context.Out.WriteLineAsync(CliText.Format("ImportCounts", summary.Communities, summary.Members, summary.Messages, summary.Joins,
                summary.Leaves, summary.Reactions, summary.Duplicates));
            if (inspected is not null)
            {
                await context.Out.WriteLineAsync(InspectCommand.Describe(inspected));
            }
            foreach (var warning in summary.Warnings)
            {
                await context.Err.WriteLineAsync($"{CliText.Get("Warning")}: {warning}");
            }
            return 0;
        });
        return command;
    }
}
