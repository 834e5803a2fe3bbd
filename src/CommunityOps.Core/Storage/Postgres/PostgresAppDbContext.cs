using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Storage.Postgres;

/// <summary>The PostgreSQL flavour of <see cref="AppDbContext"/>, for teams and several server instances.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);
