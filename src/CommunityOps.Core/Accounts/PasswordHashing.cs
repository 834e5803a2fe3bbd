using System.Buffers.Binary;
using System.Security.Cryptography;

namespace CommunityOps.Accounts;

/// <summary>
/// PBKDF2-HMAC-SHA512 written in ASP.NET Core Identity's V3 hash format, so Identity's own
/// PasswordHasher verifies these hashes (a test proves it). Core cannot reference the Identity package,
/// and the iteration count is above Identity's default (OWASP's 210,000 for SHA-512); it is stored in
/// each hash, so raising it later keeps old hashes valid.
/// </summary>
public static class PasswordHashing
{
    public const int Iterations = 210_000;
    private const int SaltBytes = 16;
    private const int SubkeyBytes = 32;
    private const uint PrfHmacSha512 = 2;
    private const int HeaderBytes = 13;

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var subkey = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA512, SubkeyBytes);
        var output = new byte[HeaderBytes + SaltBytes + SubkeyBytes];
        output[0] = 0x01;
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(1), PrfHmacSha512);
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(5), Iterations);
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(9), SaltBytes);
        salt.CopyTo(output, HeaderBytes);
        subkey.CopyTo(output, HeaderBytes + SaltBytes);
        return Convert.ToBase64String(output);
    }

    public static bool Verify(string hash, string password)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(hash);
        }
        catch (FormatException)
        {
            return false;
        }
        if (bytes.Length < HeaderBytes || bytes[0] != 0x01)
        {
            return false;
        }
        var prf = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1));
        var iterations = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5));
        var saltLength = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(9));
        var algorithm = prf switch
        {
            0 => HashAlgorithmName.SHA1,
            1 => HashAlgorithmName.SHA256,
            2 => HashAlgorithmName.SHA512,
            _ => default,
        };
        if (algorithm == default || iterations < 1 || saltLength < 8 || bytes.Length - HeaderBytes - saltLength < 16)
        {
            return false;
        }
        var salt = bytes.AsSpan(HeaderBytes, saltLength);
        var expected = bytes.AsSpan(HeaderBytes + saltLength);
        Span<byte> actual = stackalloc byte[expected.Length];
        Rfc2898DeriveBytes.Pbkdf2(password, salt, actual, iterations, algorithm);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>A password for a person to type once and change: 20 characters of base64url (120 bits).</summary>
    public static string Generate() => Base64Url(RandomNumberGenerator.GetBytes(15));

    internal static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
