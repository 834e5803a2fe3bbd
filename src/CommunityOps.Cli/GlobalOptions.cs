using System.CommandLine;
using CommunityOps.Storage;

namespace CommunityOps.Cli;

internal sealed class GlobalOptions
{
    public Option<string?> Db { get; } = new("--db") { Description = CliText.Get("DbOption"), Recursive = true };
    public Option<string?> Lang { get; } = new("--lang") { Description = CliText.Get("LangOption"), Recursive = true };
}

/// <summary>What every command needs: the global options and where to write.</summary>
internal sealed class CommandContext(GlobalOptions globals, TextWriter stdout, TextWriter stderr)
{
    public GlobalOptions Globals { get; } = globals;
    public TextWriter Out { get; } = stdout;
    public TextWriter Err { get; } = stderr;

    /// <summary>Progress bars and tables only when a person is watching a real terminal.</summary>
    public bool IsTerminal => ReferenceEquals(Out, Console.Out) && !Console.IsOutputRedirected && !Console.IsErrorRedirected;

    public Task<Store> OpenStoreAsync(ParseResult parse, CancellationToken ct) =>
        Store.OpenAsync(parse.GetValue(Globals.Db), TimeProvider.System, ct);
}
