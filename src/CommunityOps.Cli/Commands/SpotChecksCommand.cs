using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CommunityOps.Ingestion.Common;
using CommunityOps.Inspection.Findings;
using CommunityOps.Inspection.SpotChecks;

namespace CommunityOps.Cli.Commands;

/// <summary>`spotchecks plan|sample|score|appeal|decide|show`: spot checks (抽检) of operators' conversations.</summary>
internal static partial class SpotChecksCommand
{
    public static Command Create(CommandContext context)
    {
        var command = new Command("spotchecks", CliText.Get("SpotChecksDescription"));
        command.Subcommands.Add(Plan(context));
        command.Subcommands.Add(Sample(context));
        command.Subcommands.Add(Score(context));
        command.Subcommands.Add(Appeal(context));
        command.Subcommands.Add(Decide(context));
        command.Subcommands.Add(Show(context));
        return command;
    }

    private static Command Plan(CommandContext context)
    {
        var name = new Option<string>("--name") { Description = CliText.Get("PlanNameOption"), Required = true };
        var from = new Option<string>("--from") { Description = CliText.Get("PlanFromOption"), Required = true };
        var to = new Option<string>("--to") { Description = CliText.Get("PlanToOption"), Required = true };
        var percent = new Option<double?>("--percent") { Description = CliText.Get("PlanPercentOption") };
        var count = new Option<int?>("--count") { Description = CliText.Get("PlanCountOption") };
        var strata = new Option<string>("--strata") { Description = CliText.Get("PlanStrataOption"), DefaultValueFactory = _ => "operator" };
        var seed = new Option<long?>("--seed") { Description = CliText.Get("PlanSeedOption") };
        var communities = new Option<string[]>("--community") { Description = CliText.Get("PlanCommunityOption") };
        var rubric = new Option<string>("--rubric") { Description = CliText.Get("PlanRubricOption"), DefaultValueFactory = _ => Rubric.DefaultName };
        var by = new Option<string>("--by") { Description = CliText.Get("ByOption"), Required = true };
        var timezone = new Option<string>("--timezone") { Description = CliText.Get("PlanTimezoneOption"), DefaultValueFactory = _ => "UTC" };
        var workspace = new Option<string>("--workspace") { Description = CliText.Get("WorkspaceExistingOption"), DefaultValueFactory = _ => "default" };
        var json = new Option<bool>("--json") { Description = CliText.Get("JsonOption") };
        var command = new Command("plan", CliText.Get("PlanDescription")) { name, from, to, percent, count, strata, seed, communities, rubric, by, timezone, workspace, json };
        command.SetAction(async (parse, ct) =>
        {
            var (mode, amount) = (parse.GetValue(percent), parse.GetValue(count)) switch
            {
                ({ } p, null) => (SamplingMode.Percent, p),
                (null, { } n) => (SamplingMode.Count, (double)n),
                _ => throw new CommunityOpsException(CliText.Error("PlanPercentOrCount")),
            };
            var zone = TimeParsing.FindZone(parse.GetValue(timezone)!);
            var sampling = parse.GetValue(strata) switch
            {
                "operator" => SamplingStrata.Operator,
                "community" => SamplingStrata.Community,
                var other => throw new CommunityOpsException(CliText.Error("BadStrata", other)),
            };
            var rubricDefinition = Rubric.Load(parse.GetValue(rubric)!);
            await using var store = await context.OpenStoreAsync(parse, ct);
            var space = parse.GetValue(workspace)!;
            var ids = new List<long>();
            foreach (var c in parse.GetValue(communities) ?? [])
            {
                ids.Add(await CommunityLookup.ResolveAsync(store, space, c, ct));
            }
            var plan = await new SpotCheckService(store).CreatePlanAsync(new PlanRequest(space, parse.GetValue(name)!,
                ParseTime(parse.GetValue(from)!, zone, "--from"), ParseTime(parse.GetValue(to)!, zone, "--to"), mode, amount, rubricDefinition,
                parse.GetValue(by)!, sampling, parse.GetValue(seed), ids), ct);
            await context.Out.WriteLineAsync(parse.GetValue(json)
                ? JsonSerializer.Serialize(plan, InspectionCliJson.Options)
                : CliText.Format("PlanDone", plan.Id, plan.Name, plan.Seed, plan.Rubric));
            return 0;
        });
        return command;
    }

    private static Command Sample(CommandContext context)
    {
        var plan = new Argument<long>("PLAN") { Description = CliText.Get("PlanIdArgument") };
        var by = new Option<string>("--by") { Description = CliText.Get("ByOption"), Required = true };
        var json = new Option<bool>("--json") { Description = CliText.Get("JsonLinesOption") };
        var command = new Command("sample", CliText.Get("SampleDescription")) { plan, by, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse, ct);
            var samples = await new SpotCheckService(store).SampleAsync(parse.GetValue(plan), parse.GetValue(by)!, ct);
            foreach (var s in samples)
            {
                await context.Out.WriteLineAsync(parse.GetValue(json) ? JsonSerializer.Serialize(s, InspectionCliJson.Options) : SampleLine(s));
            }
            if (!parse.GetValue(json))
            {
                await context.Out.WriteLineAsync(CliText.Format("SampleDone", samples.Count, parse.GetValue(plan)));
            }
            return 0;
        });
        return command;
    }

    private static Command Score(CommandContext context)
    {
        var sample = new Argument<long>("SAMPLE") { Description = CliText.Get("SampleIdArgument") };
        var inspector = new Option<string>("--inspector") { Description = CliText.Get("InspectorOption"), Required = true };
        var items = new Option<string[]>("--item") { Description = CliText.Get("ItemOption") };
        var comment = new Option<string?>("--comment") { Description = CliText.Get("CommentOption") };
        var json = new Option<bool>("--json") { Description = CliText.Get("JsonOption") };
        var command = new Command("score", CliText.Get("ScoreDescription")) { sample, inspector, items, comment, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse, ct);
            var detail = await new SpotCheckService(store).ScoreAsync(parse.GetValue(sample), parse.GetValue(inspector)!, ParseItems(parse.GetValue(items)),
                parse.GetValue(comment), ct);
            await WriteDetailAsync(context, detail, parse.GetValue(json));
            return 0;
        });
        return command;
    }

    private static Command Appeal(CommandContext context)
    {
        var sample = new Argument<long>("SAMPLE") { Description = CliText.Get("SampleIdArgument") };
        var by = new Option<string>("--by") { Description = CliText.Get("AppellantOption"), Required = true };
        var reason = new Option<string>("--reason") { Description = CliText.Get("AppealReasonOption"), Required = true };
        var json = new Option<bool>("--json") { Description = CliText.Get("JsonOption") };
        var command = new Command("appeal", CliText.Get("AppealDescription")) { sample, by, reason, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse, ct);
            var detail = await new SpotCheckService(store).AppealAsync(parse.GetValue(sample), parse.GetValue(by)!, parse.GetValue(reason)!, ct);
            await WriteDetailAsync(context, detail, parse.GetValue(json));
            return 0;
        });
        return command;
    }

    private static Command Decide(CommandContext context)
    {
        var sample = new Argument<long>("SAMPLE") { Description = CliText.Get("SampleIdArgument") };
        var by = new Option<string>("--by") { Description = CliText.Get("DeciderOption"), Required = true };
        var uphold = new Option<bool>("--uphold") { Description = CliText.Get("UpholdOption") };
        var amend = new Option<bool>("--amend") { Description = CliText.Get("AmendOption") };
        var items = new Option<string[]>("--item") { Description = CliText.Get("ItemOption") };
        var comment = new Option<string?>("--comment") { Description = CliText.Get("CommentOption") };
        var json = new Option<bool>("--json") { Description = CliText.Get("JsonOption") };
        var command = new Command("decide", CliText.Get("DecideDescription")) { sample, by, uphold, amend, items, comment, json };
        command.SetAction(async (parse, ct) =>
        {
            var decision = (parse.GetValue(uphold), parse.GetValue(amend)) switch
            {
                (true, false) => SampleDecision.Upheld,
                (false, true) => SampleDecision.Amended,
                _ => throw new CommunityOpsException(CliText.Error("DecideUpholdOrAmend")),
            };
            var given = ParseItems(parse.GetValue(items));
            await using var store = await context.OpenStoreAsync(parse, ct);
            var detail = await new SpotCheckService(store).DecideAsync(parse.GetValue(sample), parse.GetValue(by)!, decision,
                decision == SampleDecision.Amended || given.Count > 0 ? given : null, parse.GetValue(comment), ct);
            await WriteDetailAsync(context, detail, parse.GetValue(json));
            return 0;
        });
        return command;
    }

    private static Command Show(CommandContext context)
    {
        var plan = new Argument<long?>("PLAN") { Description = CliText.Get("PlanIdArgument"), Arity = ArgumentArity.ZeroOrOne };
        var sample = new Option<long?>("--sample") { Description = CliText.Get("ShowSampleOption") };
        var workspace = new Option<string>("--workspace") { Description = CliText.Get("WorkspaceExistingOption"), DefaultValueFactory = _ => "default" };
        var json = new Option<bool>("--json") { Description = CliText.Get("JsonOption") };
        var command = new Command("show", CliText.Get("ShowDescription")) { plan, sample, workspace, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await context.OpenStoreAsync(parse, ct);
            var service = new SpotCheckService(store);
            if (parse.GetValue(sample) is { } sampleId)
            {
                await WriteDetailAsync(context, await service.DetailAsync(sampleId, ct), parse.GetValue(json));
            }
            else if (parse.GetValue(plan) is { } planId)
            {
                await WriteReportAsync(context, await service.ShowPlanAsync(planId, ct), parse.GetValue(json));
            }
            else
            {
                var plans = await service.ListPlansAsync(parse.GetValue(workspace)!, ct);
                foreach (var p in plans)
                {
                    await context.Out.WriteLineAsync(parse.GetValue(json) ? JsonSerializer.Serialize(p, InspectionCliJson.Options) : PlanLine(p));
                }
                if (!parse.GetValue(json) && plans.Count == 0)
                {
                    await context.Out.WriteLineAsync(CliText.Get("NoPlans"));
                }
            }
            return 0;
        });
        return command;
    }

    /// <summary>--item ID, ID=POINTS, ID:COMMENT or ID=POINTS:COMMENT.</summary>
    internal static List<ItemScore> ParseItems(string[]? values)
    {
        var items = new List<ItemScore>();
        foreach (var value in values ?? [])
        {
            var match = ItemPattern().Match(value);
            if (!match.Success)
            {
                throw new CommunityOpsException(CliText.Error("BadItem", value));
            }
            items.Add(new ItemScore(match.Groups["id"].Value,
                match.Groups["points"].Success ? int.Parse(match.Groups["points"].Value, CultureInfo.InvariantCulture) : null,
                match.Groups["comment"].Success ? match.Groups["comment"].Value : null));
        }
        return items;
    }

    [GeneratedRegex(@"^(?<id>[^=:]+)(=(?<points>[+-]?\d{1,6}))?(:(?<comment>.*))?$", RegexOptions.Singleline)]
    private static partial Regex ItemPattern();

    /// <summary>A date or date and time in <paramref name="zone"/>, or an instant with an offset.</summary>
    internal static DateTimeOffset ParseTime(string value, TimeZoneInfo zone, string option)
    {
        if (OffsetPattern().IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return instant;
        }
        string[] formats = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];
        return DateTime.TryParseExact(value, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? DateTimeOffset.FromUnixTimeMilliseconds(TimeParsing.LocalToUnixMs(local, zone))
            : throw new CommunityOpsException(CliText.Error("BadTime", option, value));
    }

    [GeneratedRegex(@"(Z|[+-]\d\d:?\d\d)$")]
    private static partial Regex OffsetPattern();
}
