using System.Data.Common;
using CommunityOps.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CommunityOps.Web.Api;

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", CheckAsync).AllowAnonymous().WithTags("Health");
        return app;
    }

    public sealed record HealthStatus(string Status, string Provider);

    private static async Task<Results<Ok<HealthStatus>, ProblemHttpResult>> CheckAsync(Store store, ILoggerFactory logs, CancellationToken ct)
    {
        // A load balancer waits a few seconds at most; an unreachable server must not hold the probe longer.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await using var connection = await store.OpenConnectionAsync(timeout.Token);
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT 1";
            await cmd.ExecuteScalarAsync(timeout.Token);
            return TypedResults.Ok(new HealthStatus("ok", store.Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite"));
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or OperationCanceledException or IOException or TimeoutException)
        {
            logs.CreateLogger("CommunityOps.Health").LogWarning(ex, "Health check: the store is not reachable");
            // The detail is deliberately generic: this endpoint answers anyone.
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, detail: "the store is not reachable");
        }
    }
}
