using System.CommandLine;
using CommunityOps.Cli.Commands;

namespace CommunityOps.Cli;

/// <summary>
/// Composes the commands and maps outcomes to exit codes: 0 done, 2 bad input or usage (one line on
/// stderr naming what and where), 1 internal fault.
/// </summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        CliText.Choose(LanguageFrom(args));
        var globals = new GlobalOptions();
        var root = new RootCommand(CliText.Get("RootDescription"));
        root.Options.Add(globals.Db);
        root.Options.Add(globals.Lang);
        var context = new CommandContext(globals, stdout, stderr);
        root.Subcommands.Add(ImportCommand.Create(context));
        root.Subcommands.Add(CommunitiesCommand.Create(context));
        root.Subcommands.Add(DemoCommand.Create(context));
        root.Subcommands.Add(MetricsCommand.Create(context));
        root.Subcommands.Add(ServeCommand.Create(context));
        root.Subcommands.Add(UsersCommand.Create(context));
        root.Subcommands.Add(ApiKeysCommand.Create(context));
        root.Subcommands.Add(MembersCommand.Create(context));
        root.Subcommands.Add(InspectCommand.Create(context));
        root.Subcommands.Add(FindingsCommand.Create(context));
        root.Subcommands.Add(SpotChecksCommand.Create(context));
        root.Subcommands.Add(OperatorsCommand.Create(context));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await stderr.WriteLineAsync($"{CliText.Get("Error")}: {error.Message}");
            }
            return 2;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, ct);
        }
        catch (CommunityOpsException ex)
        {
            await stderr.WriteLineAsync($"{CliText.Get("Error")}: {OneLine(ex.Localized(CliText.Culture))}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        catch (Exception ex)
        {
            await stderr.WriteLineAsync(CliText.Format("InternalError", OneLine($"{ex.GetType().Name}: {ex.Message}")));
            return 1;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");

    // The language must be known before the commands' descriptions are built, so --lang is read early.
    private static string? LanguageFrom(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--lang" && i + 1 < args.Length)
            {
                return args[i + 1];
            }
            if (args[i].StartsWith("--lang=", StringComparison.Ordinal))
            {
                return args[i]["--lang=".Length..];
            }
        }
        return null;
    }
}
