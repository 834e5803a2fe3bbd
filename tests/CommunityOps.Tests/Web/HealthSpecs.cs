using System.Net;
using CommunityOps.Tests.Infra;
using Npgsql;

namespace CommunityOps.Tests.Web;

/// <summary>/healthz on PostgreSQL: the SQLite case (the file gone) is in <see cref="HostSpecs"/>.</summary>
public sealed class HealthSpecs
{
    [Fact]
    public async Task Healthz_answers_503_when_the_PostgreSQL_database_is_gone()
    {
        if (TestStore.PostgresServer is not { } server)
        {
            return; // runs where COMMUNITYOPS_TEST_POSTGRES is set, as every storage test does
        }
        await using var host = await TestWebHost.StartAsync("postgres");
        (await host.Client().GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var database = new NpgsqlConnectionStringBuilder(host.Db).Database;
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var cmd = admin.CreateCommand();
            cmd.CommandText = $"DROP DATABASE {database} WITH (FORCE)";
            await cmd.ExecuteNonQueryAsync();
        }

        var response = await host.Client().GetAsync("/healthz");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}
