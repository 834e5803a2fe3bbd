using CommunityOps.Accounts;
using CommunityOps.Tests.Infra;

namespace CommunityOps.Tests.Cli;

public sealed class AccountsCommandSpecs
{
    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Apikeys_create_prints_a_key_once_that_authenticates_and_is_stored_hashed(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);

        var (exit, output, err) = await CliRunner.RunAsync("apikeys", "create", "--db", store.Db, "--workspace", "acme", "--role", "operator");

        exit.ShouldBe(0, err);
        var secret = output.Trim();
        secret.Length.ShouldBeGreaterThan(20);
        var key = await new ApiKeyService(store.Store).AuthenticateAsync(secret);
        key.ShouldNotBeNull();
        key.Role.ShouldBe(Role.Operator);
        await using var db = store.Store.CreateDbContext();
        (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.Set<ApiKey>(), k => k.Id == key.Id)).ShouldBe(1);
        key.ToString()!.ShouldNotContain(secret);
    }

    [Fact]
    public async Task Users_add_rejects_an_unknown_role_with_exit_2()
    {
        await using var store = await TestStore.CreateAsync("sqlite");

        var (exit, _, err) = await CliRunner.RunAsync("users", "add", "--db", store.Db, "--email", "a@example.com", "--role", "emperor");

        exit.ShouldBe(2);
        err.ShouldContain("emperor");
    }
}
