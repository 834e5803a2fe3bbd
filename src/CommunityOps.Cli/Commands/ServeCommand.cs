using System.CommandLine;
using CommunityOps.Communities;
using CommunityOps.Ingestion.Demo;
using CommunityOps.Web;
using Microsoft.Extensions.Hosting;

namespace CommunityOps.Cli.Commands;

internal static class ServeCommand
{
    public static Command Create(CommandContext context)
    {
        var urls = new Option<string?>("--urls") { Description = CliText.Get("ServeUrls") };
        var demo = new Option<bool>("--demo") { Description = CliText.Get("ServeDemo") };
        var command = new Command("serve", CliText.Get("ServeDescription")) { urls, demo };
        command.SetAction(async (parse, ct) =>
        {
            var app = await WebApp.BuildAsync(new WebAppOptions
            {
                Db = parse.GetValue(context.Globals.Db),
                Urls = parse.GetValue(urls),
                Output = context.Out,
                BeforeStart = parse.GetValue(demo) ? (store, token) => SeedDemoAsync(store, context, token) : null,
            }, ct);
            await using (app)
            {
                await app.StartAsync(ct);
                foreach (var address in app.Urls)
                {
                    await context.Out.WriteLineAsync(CliText.Format("ServeListening", address));
                }
                await app.WaitForShutdownAsync(ct);
            }
            return 0;
        });
        return command;
    }

    // Only on an empty store: --demo is how a newcomer gets a populated dashboard, never a way to
    // mix invented data into real communities.
    private static async Task SeedDemoAsync(Storage.Store store, CommandContext context, CancellationToken ct)
    {
        if ((await new CommunityDirectory(store).ListAsync(null, ct)).Count > 0)
        {
            return;
        }
        await context.Out.WriteLineAsync(CliText.Get("ServeSeeding"));
        var summary = await Task.Run(() => new DemoGenerator(store.Time).Create(store, new DemoOptions()), ct);
        await context.Out.WriteLineAsync(CliText.Format("ImportCounts", summary.Communities, summary.Members, summary.Messages, summary.Joins,
            summary.Leaves, summary.Reactions, summary.Duplicates));
    }
}
