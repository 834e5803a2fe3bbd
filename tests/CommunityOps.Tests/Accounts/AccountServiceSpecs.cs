using CommunityOps.Accounts;
using CommunityOps.Tests.Infra;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Tests.Accounts;

public sealed class AccountServiceSpecs
{
    [Fact]
    public void Password_hashes_are_verified_by_ASP_NET_Core_Identitys_own_hasher()
    {
        var hash = PasswordHashing.Hash("a long enough password");

        var identity = new PasswordHasher<object>();

        identity.VerifyHashedPassword(new object(), hash, "a long enough password").ShouldBe(PasswordVerificationResult.Success);
        identity.VerifyHashedPassword(new object(), hash, "a long enough passwort").ShouldBe(PasswordVerificationResult.Failed);
        PasswordHashing.Verify(identity.HashPassword(new object(), "made by identity"), "made by identity").ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task Users_add_creates_the_user_once_and_sets_their_role_per_workspace(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var accounts = new AccountService(store.Store);

        var first = await accounts.AddUserAsync(" Mei@Example.COM ", Role.Operator, "acme");
        var second = await accounts.AddUserAsync("mei@example.com", Role.Viewer, "globex");
        var again = await accounts.AddUserAsync("mei@example.com", Role.Manager, "acme");

        first.IsNew.ShouldBeTrue();
        first.User.Email.ShouldBe("mei@example.com");
        first.GeneratedPassword.ShouldNotBeNull();
        (second.IsNew, second.GeneratedPassword).ShouldBe((false, null));
        again.User.Id.ShouldBe(first.User.Id);
        var workspaces = await accounts.WorkspacesOfAsync(first.User.Id);
        workspaces.Select(w => (w.Name, w.Role)).ShouldBe([("acme", Role.Manager), ("globex", Role.Viewer)]);
        (await accounts.VerifyPasswordAsync("MEI@example.com", first.GeneratedPassword!)).ShouldNotBeNull();
        (await accounts.VerifyPasswordAsync("mei@example.com", "wrong password!")).ShouldBeNull();
    }

    [Fact]
    public async Task Bad_emails_roles_and_short_passwords_are_refused_with_a_clear_message()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var accounts = new AccountService(store.Store);

        (await Should.ThrowAsync<CommunityOpsException>(() => accounts.AddUserAsync("not-an-email", Role.Viewer))).Message.ShouldBe("'not-an-email' is not an e-mail address");
        (await Should.ThrowAsync<CommunityOpsException>(() => accounts.AddUserAsync("a@b.c", Role.Viewer, "default", "short"))).Message.ShouldBe("password must be at least 12 characters");
        Should.Throw<CommunityOpsException>(() => Roles.Parse("owner")).Message.ShouldBe("unknown role 'owner'; expected one of: viewer, inspector, operator, manager, admin");
    }

    [Fact]
    public async Task The_owner_is_created_only_on_a_store_without_users_and_is_admin_everywhere()
    {
        await using var store = await TestStore.CreateAsync("sqlite");
        var accounts = new AccountService(store.Store);

        var owner = await accounts.EnsureOwnerAsync(null);
        var second = await accounts.EnsureOwnerAsync("another password");
        await accounts.AddUserAsync("x@example.com", Role.Viewer, "later");

        owner!.GeneratedPassword.ShouldNotBeNull();
        second.ShouldBeNull();
        (await accounts.WorkspacesOfAsync(owner.User.Id)).Select(w => (w.Name, w.Role)).ShouldBe([("default", Role.Admin), ("later", Role.Admin)]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Providers), MemberType = typeof(TestStore))]
    public async Task An_API_key_is_stored_only_as_a_hash_and_stops_working_when_revoked(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var keys = new ApiKeyService(store.Store);

        var created = await keys.CreateAsync("acme", Role.Operator, "ci");

        created.Secret.ShouldStartWith($"co_{created.Key.Prefix}_");
        await using (var db = store.Store.CreateDbContext())
        {
            var row = await db.ApiKeys.SingleAsync();
            row.KeyHash.ShouldNotContain(created.Secret[12..]);
            row.KeyHash.Length.ShouldBe(64);
        }
        (await keys.AuthenticateAsync(created.Secret))!.Role.ShouldBe(Role.Operator);
        (await keys.AuthenticateAsync(created.Secret[..^1] + (created.Secret[^1] == 'a' ? 'b' : 'a'))).ShouldBeNull();
        (await keys.RevokeAsync(created.Key.WorkspaceId + 1, created.Key.Id)).ShouldBeFalse();
        (await keys.RevokeAsync(created.Key.WorkspaceId, created.Key.Id)).ShouldBeTrue();
        (await keys.AuthenticateAsync(created.Secret)).ShouldBeNull();
    }

    [Fact]
    public void Every_role_has_exactly_the_permissions_written_in_docs_security()
    {
        Roles.All.Select(r => (r.Name(), Roles.PermissionsOf(r))).ShouldBe(
        [
            ("viewer", Permission.ViewCommunities),
            ("inspector", Permission.ViewCommunities | Permission.ViewMembers | Permission.ViewMessages | Permission.Review),
            ("operator", Permission.ViewCommunities | Permission.ViewMembers | Permission.ViewMessages | Permission.Import | Permission.TagMembers | Permission.Appeal),
            ("manager", Permission.ViewCommunities | Permission.ViewMembers | Permission.ViewMessages | Permission.Import | Permission.ManageApiKeys
                | Permission.TagMembers | Permission.ManageTags | Permission.Review | Permission.EditRules | Permission.Appeal),
            ("admin", Permission.ViewCommunities | Permission.ViewMembers | Permission.ViewMessages | Permission.Import | Permission.ManageApiKeys | Permission.ManageUsers
                | Permission.TagMembers | Permission.ManageTags | Permission.Review | Permission.EditRules | Permission.Appeal),
        ]);
    }
}
