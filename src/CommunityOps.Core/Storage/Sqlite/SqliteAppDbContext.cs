using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Storage.Sqlite;

/// <summary>The SQLite flavour of <see cref="AppDbContext"/>: the embedded default, one file in WAL mode.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);
