using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CommunityOps.Storage;

/// <summary>Every instant is stored as Unix milliseconds, the same integer on SQLite and PostgreSQL.</summary>
internal sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.ToUnixTimeMilliseconds(),
    v => DateTimeOffset.FromUnixTimeMilliseconds(v));
