using System.Security.Cryptography;
using System.Text;
using CommunityOps.Resources;
using CommunityOps.Storage;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Accounts;

/// <summary>
/// API keys look like <c>co_3f9ka2xq_&lt;43 characters&gt;</c>: the middle part is a lookup prefix
/// stored in clear, the whole key has 256 random bits and only its SHA-256 is stored. A fast hash is
/// enough here (unlike passwords): nobody can guess 256 random bits, so there is nothing to slow down.
/// </summary>
public sealed class ApiKeyService(Store store)
{
    private const string Scheme = "co_";
    private const int PrefixLength = 8;
    private const string PrefixAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    /// <summary>Creates a key in the named workspace (created if missing). The secret is in the result only.</summary>
    public async Task<NewApiKey> CreateAsync(string workspace, Role role, string? name = null, long? createdBy = null, CancellationToken ct = default)
    {
        long workspaceId;
        await using (var db = store.CreateDbContext())
        {
            workspaceId = (await AccountService.EnsureWorkspaceAsync(db, workspace, store.Time.GetUtcNow(), ct)).Id;
        }
        return await CreateAsync(workspaceId, role, name, createdBy, ct);
    }

    public async Task<NewApiKey> CreateAsync(long workspaceId, Role role, string? name = null, long? createdBy = null, CancellationToken ct = default)
    {
        var trimmed = name?.Trim();
        if (trimmed is { Length: > 100 } || (trimmed ?? "").Any(char.IsControl))
        {
            throw new CommunityOpsException(Errors.ApiKeyName());
        }
        var prefix = RandomNumberGenerator.GetString(PrefixAlphabet, PrefixLength);
        var secret = $"{Scheme}{prefix}_{PasswordHashing.Base64Url(RandomNumberGenerator.GetBytes(32))}";
        var key = new ApiKey
        {
            WorkspaceId = workspaceId,
            Name = string.IsNullOrEmpty(trimmed) ? $"key {prefix}" : trimmed,
            Prefix = prefix,
            KeyHash = HashOf(secret),
            Role = role,
            CreatedBy = createdBy,
            CreatedAt = store.Time.GetUtcNow(),
        };
        await using var db = store.CreateDbContext();
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return new NewApiKey(key, secret);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(long workspaceId, CancellationToken ct = default)
    {
        await using var db = store.CreateDbContext();
        return await db.ApiKeys.AsNoTracking().Where(k => k.WorkspaceId == workspaceId).OrderBy(k => k.Id).ToListAsync(ct);
    }

    /// <summary>Revokes a key of this workspace; false when the workspace has no such key.</summary>
    public async Task<bool> RevokeAsync(long workspaceId, long keyId, CancellationToken ct = default)
    {
        await using var db = store.CreateDbContext();
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == keyId && k.WorkspaceId == workspaceId, ct);
        if (key is null)
        {
            return false;
        }
        key.RevokedAt ??= store.Time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<ApiKey?>>> _lookups = new(StringComparer.Ordinal);

    /// <summary>
    /// The live key for this secret, or null (malformed, unknown, wrong or revoked). Requests with the
    /// same key that arrive while its lookup is on its way share it (automation sends many at once);
    /// nothing is kept after the lookup, so a revocation holds from the next request on.
    /// </summary>
    public async Task<ApiKey?> AuthenticateAsync(string secret, CancellationToken ct = default)
    {
        var mine = new Lazy<Task<ApiKey?>>(() => LookUpAsync(secret));
        var shared = _lookups.GetOrAdd(secret, mine);
        if (shared != mine)
        {
            return await shared.Value.WaitAsync(ct);
        }
        try
        {
            return await mine.Value.WaitAsync(ct);
        }
        finally
        {
            _lookups.TryRemove(new KeyValuePair<string, Lazy<Task<ApiKey?>>>(secret, mine));
        }
    }

    private async Task<ApiKey?> LookUpAsync(string secret)
    {
        var ct = CancellationToken.None;
        if (!secret.StartsWith(Scheme, StringComparison.Ordinal) || secret.Length != Scheme.Length + PrefixLength + 1 + 43 || secret[Scheme.Length + PrefixLength] != '_')
        {
            return null;
        }
        var prefix = secret.Substring(Scheme.Length, PrefixLength);
        // Plain SQL: this runs on every API request.
        await using var connection = await store.OpenConnectionAsync(ct);
        await using var cmd = connection.Command(
            "SELECT id, workspace_id, name, key_hash, role, created_by, created_at FROM api_keys WHERE prefix = @p AND revoked_at IS NULL", ("@p", prefix));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }
        var hash = reader.GetString(3);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(HashOf(secret))))
        {
            return null;
        }
        return new ApiKey
        {
            Id = reader.Long(0),
            WorkspaceId = reader.Long(1),
            Name = reader.GetString(2),
            Prefix = prefix,
            KeyHash = hash,
            Role = Roles.Parse(reader.GetString(4)),
            CreatedBy = reader.NullableLong(5),
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.Long(6)),
        };
    }

    private static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

public sealed record NewApiKey(ApiKey Key, string Secret);
