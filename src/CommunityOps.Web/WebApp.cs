using CommunityOps.Accounts;
using CommunityOps.Analytics;
using CommunityOps.Ingestion.Demo;
using CommunityOps.Storage;
using CommunityOps.Web.Accounts;
using CommunityOps.Web.Api;
using CommunityOps.Web.Dashboard;
using CommunityOps.Web.Hosting;
using CommunityOps.Web.Inspection;
using CommunityOps.Web.Metrics;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Web;

/// <summary>
/// The one web host: API and dashboard. Composition lives here rather than in Program.cs because the
/// CLI (`communityops serve`) and the tests start the same app.
/// </summary>
public static class WebApp
{
    public static async Task<WebApplication> BuildAsync(WebAppOptions options, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = options.Args, EnvironmentName = options.EnvironmentName });
        if (options.Settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(options.Settings);
        }
        var urls = options.Urls ?? builder.Configuration["urls"];
        builder.WebHost.UseUrls(string.IsNullOrWhiteSpace(urls) ? WebAppOptions.DefaultUrls : urls);

        var store = await Store.OpenAsync(options.Db ?? builder.Configuration["db"], options.Time, ct);
        AnalyticsStore analytics;
        try
        {
            if (options.Demo)
            {
                AccountService.CheckAdminPassword(options.AdminPassword ?? Environment.GetEnvironmentVariable(AccountService.AdminPasswordVariable));
                await CreateDemoIfEmptyAsync(store, options, ct);
            }
            if (options.BeforeStart is { } beforeStart)
            {
                await beforeStart(store, ct);
            }
            await CreateOwnerOnFirstStartAsync(store, options, ct);
            // Loaded before the host listens: the saved state, plus whatever was imported since.
            analytics = await AnalyticsStore.OpenAsync(store, ct);
            await analytics.SaveAsync(ct);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }

        builder.Services.AddCommunityOps(builder.Configuration, store, options.Time);
        builder.Services.AddCommunityOpsAnalytics(builder.Configuration, analytics);
        builder.Services.AddCommunityOpsInspection(builder.Configuration);
        var app = builder.Build();
        app.UseCommunityOps();

        app.MapHealthApi();
        app.MapWorkspacesApi();
        app.MapApiKeysApi();
        app.MapCommunitiesApi();
        app.MapMetricsApi();
        app.MapMembersApi();
        app.MapTagsApi();
        app.MapImportsApi();
        app.MapInspectionApi();
        app.MapDashboard();
        return app;
    }

    private static async Task CreateDemoIfEmptyAsync(Store store, WebAppOptions options, CancellationToken ct)
    {
        await using (var db = store.CreateDbContext())
        {
            if (await db.Activities.AnyAsync(ct))
            {
                return;
            }
        }
        var output = options.Output ?? Console.Out;
        await output.WriteLineAsync("Creating the demo workspace (a minute on a first run)...");
        var summary = await Task.Run(() => new DemoGenerator(options.Time).Create(store, new DemoOptions(), null, ct), ct);
        await output.WriteLineAsync($"Demo workspace 'demo': {summary.Communities} communities, {summary.Members:N0} members, {summary.Messages:N0} messages.");
    }

    private static async Task CreateOwnerOnFirstStartAsync(Store store, WebAppOptions options, CancellationToken ct)
    {
        var password = options.AdminPassword ?? Environment.GetEnvironmentVariable(AccountService.AdminPasswordVariable);
        var email = Environment.GetEnvironmentVariable(AccountService.AdminEmailVariable);
        var owner = await new AccountService(store).EnsureOwnerAsync(password, email, ct);
        if (owner is null)
        {
            return;
        }
        var output = options.Output ?? Console.Out;
        if (owner.GeneratedPassword is { } generated)
        {
            await output.WriteLineAsync($"Created the admin account {owner.User.Email} with the password {generated}");
            await output.WriteLineAsync($"It is shown only this once. Set {AccountService.AdminPasswordVariable} before the first start to choose it yourself.");
        }
        else
        {
            await output.WriteLineAsync($"Created the admin account {owner.User.Email} with the password from {AccountService.AdminPasswordVariable}.");
        }
    }
}
