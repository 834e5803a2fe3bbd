using System.Text.Json;
using CommunityOps.Accounts;
using CommunityOps.Communities;
using CommunityOps.Storage;
using CommunityOps.Web.Accounts;
using CommunityOps.Web.Imports;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;

namespace CommunityOps.Web.Hosting;

public static class CommunityOpsServices
{
    public static IServiceCollection AddCommunityOps(this IServiceCollection services, IConfiguration configuration, Store store, TimeProvider time)
    {
        services.AddOptions<WebOptions>().Bind(configuration.GetSection(WebOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(time);
        // A factory registration, so that the container owns and disposes the store on shutdown.
        services.AddSingleton(_ => store);
        services.AddScoped(sp => sp.GetRequiredService<Store>().CreateDbContext());
        services.AddSingleton<AccountService>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<CommunityTotalsCache>();
        services.AddHostedService<TotalsWarmup>();
        services.AddScoped<Caller>();
        services.AddHttpContextAccessor();

        services.AddSingleton<ImportQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportQueue>());

        services.AddProblemDetails();
        services.AddExceptionHandler<ErrorResponses>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);

        services.AddCommunityOpsAuthentication(configuration);
        services.AddCommunityOpsLocalization();
        services.AddRazorComponents();
        // Chinese names and messages are written as characters, not as &#x...; entities (escaping of
        // markup characters is unaffected).
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddOpenApi();

        services.AddDataProtection().SetApplicationName("CommunityOps");
        services.AddOptions<KeyManagementOptions>().Configure<Store>((o, s) => o.XmlRepository = new StoreXmlRepository(s));

        var web = configuration.GetSection(WebOptions.Section).Get<WebOptions>() ?? new WebOptions();
        if (web.TrustForwardedHeaders)
        {
            services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        }
        return services;
    }

    public static WebApplication UseCommunityOps(this WebApplication app)
    {
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebOptions>>().Value.TrustForwardedHeaders)
        {
            app.UseForwardedHeaders();
        }
        // First, so that error and status pages written on the way out are in the request's language too.
        app.UseRequestLocalization();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages(ErrorResponses.WriteStatusCodePageAsync);
        app.UseEmbeddedStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseCookieCsrfProtection();
        app.MapOpenApi().AllowAnonymous();
        return app;
    }
}

/// <summary>Counts the communities' logs in the background right after start, instead of during the first page view.</summary>
internal sealed class TotalsWarmup(CommunityTotalsCache totals, ILogger<TotalsWarmup> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // SQLite's async calls complete synchronously: without this the whole count would run inside the host's start.
        await Task.Yield();
        try
        {
            await totals.WarmAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Only a head start: pages count what they need themselves.
            log.LogWarning(ex, "Counting the communities at start failed");
        }
    }
}
