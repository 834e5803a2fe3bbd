using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CommunityOps.Inspection;
using CommunityOps.Inspection.Classifiers;
using CommunityOps.Inspection.Reviews;

namespace CommunityOps.Cli.Commands;

/// <summary>`inspect train` (model files from the shared data, plus exported review samples) and `inspect evaluate`.</summary>
internal static class InspectModelsCommands
{
    public static Command Train(CommandContext context)
    {
        var datasets = new Option<string?>("--datasets") { Description = CliText.Get("DatasetsOption") };
        var output = new Option<string>("--output") { Description = CliText.Get("TrainOutputOption"), DefaultValueFactory = _ => "models" };
        var samples = new Option<string?>("--samples") { Description = CliText.Get("TrainSamplesOption") };
        var model = new Option<string?>("--model") { Description = CliText.Format("TrainModelOption", string.Join(", ", DefaultModels.Recipes.Select(r => r.Name))) };
        var json = new Option<bool>("--json") { Description = CliText.Get("JsonOption") };
        var command = new Command("train", CliText.Get("TrainDescription")) { datasets, output, samples, model, json };
        command.SetAction(async (parse, ct) =>
        {
            var folder = parse.GetValue(datasets) ?? DatasetsDirectory.Find();
            if (!Directory.Exists(folder))
            {
                throw new CommunityOpsException(CliText.Error("NoSuchDatasetsFolder", folder));
            }
            var reports = await Task.Run(() => ReviewedTraining.Train(folder, parse.GetValue(output)!, parse.GetValue(samples), parse.GetValue(model)), ct);
            foreach (var (report, added) in reports)
            {
                if (parse.GetValue(json))
                {
                    await context.Out.WriteLineAsync(JsonSerializer.Serialize(new
                    {
                        model = report.Model, path = report.Path, samples = added, dev = report.DevDescription,
                        precision = Round(report.Dev.Precision), recall = Round(report.Dev.Recall), f1 = Round(report.Dev.F1), accuracy = Round(report.Dev.Accuracy),
                    }, InspectionCliJson.Options));
                    continue;
                }
                await context.Out.WriteLineAsync(CliText.Format("TrainDone", report.Model, report.Path, added));
                await context.Out.WriteLineAsync(CliText.Format("Metrics", Percent(report.Dev.Precision), Percent(report.Dev.Recall), Percent(report.Dev.F1),
                    report.Dev.Total, report.DevDescription));
            }
            return 0;
        });
        return command;
    }

    public static Command Evaluate(CommandContext context)
    {
        var rules = new RuleOptions();
        var file = new Option<string>("--file") { Description = CliText.Get("EvaluateFileOption"), Required = true };
        var split = new Option<string>("--split") { Description = CliText.Get("EvaluateSplitOption"), DefaultValueFactory = _ => "auto" };
        var json = new Option<bool>("--json") { Description = CliText.Get("JsonOption") };
        var command = new Command("evaluate", CliText.Get("EvaluateDescription")) { file, split, json };
        rules.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var which = parse.GetValue(split) switch
            {
                "auto" => EvaluationSplit.Auto,
                "all" => EvaluationSplit.All,
                "heldout" => EvaluationSplit.HeldOut,
                var other => throw new CommunityOpsException(CliText.Error("BadSplit", other)),
            };
            var path = parse.GetValue(file)!;
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                throw new CommunityOpsException(CliText.Error("NoSuchFile", path));
            }
            var inspector = rules.Load(parse);
            var report = await Task.Run(() => InspectionEvaluation.Evaluate(inspector, path, which), ct);
            var m = report.Metrics;
            if (parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    file = report.Source, format = report.Format.ToString(), categories = report.Categories, split = report.Split.ToString().ToLowerInvariant(),
                    examples = m.Total, precision = Round(m.Precision), recall = Round(m.Recall), f1 = Round(m.F1), accuracy = Round(m.Accuracy),
                    tp = m.TruePositives, fp = m.FalsePositives, fn = m.FalseNegatives, tn = m.TrueNegatives, skipped = report.SkippedLines,
                }, InspectionCliJson.Options));
                return 0;
            }
            await context.Out.WriteLineAsync(CliText.Format("EvaluateDone", inspector.RuleSet.Name, report.Source, string.Join(", ", report.Categories),
                report.Split.ToString().ToLowerInvariant()));
            await context.Out.WriteLineAsync(CliText.Format("Metrics", Percent(m.Precision), Percent(m.Recall), Percent(m.F1), m.Total,
                string.Create(CultureInfo.InvariantCulture, $"tp {m.TruePositives}, fp {m.FalsePositives}, fn {m.FalseNegatives}, tn {m.TrueNegatives}")));
            return 0;
        });
        return command;
    }

    private static double Round(double value) => Math.Round(value, 4);

    private static string Percent(double value) => value.ToString("P1", CliText.Culture);
}
