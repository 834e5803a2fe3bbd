using CommunityOps.Communities;
using CommunityOps.Resources;
using CommunityOps.Storage;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Accounts;

/// <summary>
/// Users and their workspace roles, for the web host and the CLI (`users add`). Every method opens its
/// own context on the store, so callers need nothing but the <see cref="Store"/>.
/// </summary>
public sealed class AccountService(Store store)
{
    public const string AdminPasswordVariable = "COMMUNITYOPS_ADMIN_PASSWORD";
    public const string AdminEmailVariable = "COMMUNITYOPS_ADMIN_EMAIL";
    public const string DefaultAdminEmail = "admin@localhost";
    public const string DefaultWorkspace = "default";
    public const int MinPasswordLength = 12;

    /// <summary>
    /// On a store without users, creates the owner (admin of every workspace) and, when there is no
    /// workspace yet, the default one. Returns null when users already exist; otherwise the e-mail and,
    /// when <paramref name="password"/> was not given, the generated password to print once.
    /// </summary>
    public async Task<NewUser?> EnsureOwnerAsync(string? password, string? email = null, CancellationToken ct = default)
    {
        await using var db = store.CreateDbContext();
        if (await db.Users.AnyAsync(ct))
        {
            return null;
        }
        var generated = string.IsNullOrEmpty(password) ? PasswordHashing.Generate() : null;
        var owner = NewUserRow(string.IsNullOrWhiteSpace(email) ? DefaultAdminEmail : email, generated ?? password!, AdminPasswordVariable);
        owner.IsOwner = true;
        var workspace = await db.Workspaces.OrderBy(w => w.Id).FirstOrDefaultAsync(ct)
            ?? await EnsureWorkspaceAsync(db, DefaultWorkspace, store.Time.GetUtcNow(), ct);
        db.Users.Add(owner);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            if (await AnyUserAsync(ct))
            {
                // Another instance on the same PostgreSQL store created the owner first; its password is the one printed there.
                return null;
            }
            throw;
        }
        return new NewUser(owner, workspace.Name, Role.Admin, generated, true);
    }

    /// <summary>
    /// Gives <paramref name="email"/> the role in the workspace (created if missing). A new user gets
    /// <paramref name="password"/> or a generated one, returned once; an existing user keeps theirs.
    /// </summary>
    public async Task<NewUser> AddUserAsync(string email, Role role, string workspace = DefaultWorkspace, string? password = null, CancellationToken ct = default)
    {
        var normalized = NormalizeEmail(email);
        await using var db = store.CreateDbContext();
        var ws = await EnsureWorkspaceAsync(db, workspace, store.Time.GetUtcNow(), ct);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == normalized, ct);
        string? generated = null;
        var isNew = user is null;
        if (user is null)
        {
            generated = string.IsNullOrEmpty(password) ? PasswordHashing.Generate() : null;
            user = NewUserRow(normalized, generated ?? password!, Errors.ThePassword());
            db.Users.Add(user);
            await db.SaveChangesAsync(ct);
        }
        var membership = await db.WorkspaceMemberships.SingleOrDefaultAsync(m => m.WorkspaceId == ws.Id && m.UserId == user.Id, ct);
        if (membership is null)
        {
            db.WorkspaceMemberships.Add(new WorkspaceMembership { WorkspaceId = ws.Id, UserId = user.Id, Role = role, CreatedAt = store.Time.GetUtcNow() });
        }
        else
        {
            membership.Role = role;
        }
        await db.SaveChangesAsync(ct);
        return new NewUser(user, ws.Name, role, generated, isNew);
    }

    /// <summary>The user for these credentials, or null. Unknown e-mails cost the same time as wrong passwords.</summary>
    public async Task<User?> VerifyPasswordAsync(string email, string password, CancellationToken ct = default)
    {
        var normalized = email.Trim().ToLowerInvariant();
        await using var db = store.CreateDbContext();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == normalized, ct);
        var ok = PasswordHashing.Verify(user?.PasswordHash ?? DummyHash.Value, password);
        return ok && user is { DisabledAt: null } ? user : null;
    }

    public async Task<User?> FindUserAsync(long id, CancellationToken ct = default)
    {
        await using var db = store.CreateDbContext();
        return await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
    }

    public async Task SetPasswordAsync(string email, string password, CancellationToken ct = default)
    {
        var normalized = NormalizeEmail(email);
        CheckPassword(password, Errors.ThePassword());
        await using var db = store.CreateDbContext();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == normalized, ct)
            ?? throw new CommunityOpsException(Errors.NoUser(normalized));
        user.PasswordHash = PasswordHashing.Hash(password);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Changes a user's own password after checking the current one; false when it does not match.</summary>
    public async Task<User?> ChangePasswordAsync(long userId, string current, string replacement, CancellationToken ct = default)
    {
        CheckPassword(replacement, Errors.TheNewPassword());
        await using var db = store.CreateDbContext();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null || !PasswordHashing.Verify(user.PasswordHash, current))
        {
            return null;
        }
        user.PasswordHash = PasswordHashing.Hash(replacement);
        // A new stamp ends every other session of this user (their cookies carry the old one).
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        await db.SaveChangesAsync(ct);
        return user;
    }

    /// <summary>Remembers the dashboard language; null goes back to following the browser.</summary>
    public async Task SetLanguageAsync(long userId, string? language, CancellationToken ct = default)
    {
        await using var db = store.CreateDbContext();
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, language), ct);
    }

    /// <summary>Workspaces the user can open with their role there; the owner is admin in all of them.</summary>
    public async Task<IReadOnlyList<WorkspaceRole>> WorkspacesOfAsync(long userId, CancellationToken ct = default)
    {
        await using var db = store.CreateDbContext();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null || user.DisabledAt is not null)
        {
            return [];
        }
        if (user.IsOwner)
        {
            return await db.Workspaces.AsNoTracking().OrderBy(w => w.Id)
                .Select(w => new WorkspaceRole(w.Id, w.Name, Role.Admin)).ToListAsync(ct);
        }
        return await db.WorkspaceMemberships.AsNoTracking().Where(m => m.UserId == userId)
            .Join(db.Workspaces, m => m.WorkspaceId, w => w.Id, (m, w) => new { w.Id, w.Name, m.Role })
            .OrderBy(x => x.Id)
            .Select(x => new WorkspaceRole(x.Id, x.Name, x.Role)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<WorkspaceUser>> UsersOfAsync(long workspaceId, CancellationToken ct = default)
    {
        await using var db = store.CreateDbContext();
        return await db.WorkspaceMemberships.AsNoTracking().Where(m => m.WorkspaceId == workspaceId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.Email, m.Role, u.DisabledAt })
            .OrderBy(x => x.Email)
            .Select(x => new WorkspaceUser(x.Id, x.Email, x.Role, x.DisabledAt != null)).ToListAsync(ct);
    }

    public static string NormalizeEmail(string email)
    {
        var e = email.Trim().ToLowerInvariant();
        var at = e.IndexOf('@', StringComparison.Ordinal);
        if (e.Length is < 3 or > 254 || at <= 0 || at != e.LastIndexOf('@') || at == e.Length - 1 || e.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new CommunityOpsException(Errors.NotEmail(email));
        }
        return e;
    }

    internal static async Task<Workspace> EnsureWorkspaceAsync(AppDbContext db, string name, DateTimeOffset now, CancellationToken ct)
    {
        var trimmed = name.Trim();
        if (trimmed.Length is 0 or > 100 || trimmed.Any(char.IsControl))
        {
            throw new CommunityOpsException(Errors.NotWorkspaceName(name));
        }
        var existing = await db.Workspaces.SingleOrDefaultAsync(w => w.Name == trimmed, ct);
        if (existing is not null)
        {
            return existing;
        }
        var created = new Workspace { Name = trimmed, CreatedAt = now };
        db.Workspaces.Add(created);
        try
        {
            await db.SaveChangesAsync(ct);
            return created;
        }
        catch (DbUpdateException)
        {
            // Created concurrently by an import or another instance: use that one.
            db.Entry(created).State = EntityState.Detached;
            return await db.Workspaces.SingleAsync(w => w.Name == trimmed, ct);
        }
    }

    private User NewUserRow(string email, string password, object what)
    {
        CheckPassword(password, what);
        return new User
        {
            Email = NormalizeEmail(email),
            PasswordHash = PasswordHashing.Hash(password),
            SecurityStamp = Guid.NewGuid().ToString("N"),
            CreatedAt = store.Time.GetUtcNow(),
        };
    }

    /// <summary>Refuses a too-short admin password from the environment before a start does slow work (the demo) first.</summary>
    public static void CheckAdminPassword(string? password)
    {
        if (!string.IsNullOrEmpty(password))
        {
            CheckPassword(password, AdminPasswordVariable);
        }
    }

    /// <param name="what">Which password: <see cref="Errors.ThePassword"/>, <see cref="Errors.TheNewPassword"/> or an environment variable's name.</param>
    private static void CheckPassword(string password, object what)
    {
        if (password.Length < MinPasswordLength)
        {
            throw new CommunityOpsException(Errors.PasswordTooShort(what, MinPasswordLength));
        }
    }

    private async Task<bool> AnyUserAsync(CancellationToken ct)
    {
        await using var db = store.CreateDbContext();
        return await db.Users.AnyAsync(ct);
    }

    private static readonly Lazy<string> DummyHash = new(() => PasswordHashing.Hash(Guid.NewGuid().ToString()));
}

public sealed record NewUser(User User, string Workspace, Role Role, string? GeneratedPassword, bool IsNew);

public sealed record WorkspaceRole(long Id, string Name, Role Role);

public sealed record WorkspaceUser(long Id, string Email, Role Role, bool IsDisabled);
