using System.Text;
using CommunityOps.Communities;
using CommunityOps.Ingestion;
using CommunityOps.Members;
using CommunityOps.Messages;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Storage;

/// <summary>
/// The one EF Core context, used directly by feature services. Provider specifics live in
/// <see cref="SqliteAppDbContext"/> and <see cref="PostgresAppDbContext"/>; the schema itself comes from
/// each provider's SQL migrations (see <see cref="Migrator"/>), and a test checks that this model and
/// the migrated schema agree.
/// </summary>
public class AppDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Workspace> Workspaces => Set<Workspace>();
    public DbSet<Community> Communities => Set<Community>();
    public DbSet<Channel> Channels => Set<Channel>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        InspectionModel.Configure(modelBuilder);
        modelBuilder.Entity<Workspace>(e =>
        {
            e.ToTable("workspaces");
            e.HasIndex(w => w.Name).IsUnique();
        });
        modelBuilder.Entity<Community>(e =>
        {
            e.ToTable("communities");
            e.HasIndex(c => new { c.WorkspaceId, c.Platform, c.SourceId }).IsUnique();
        });
        modelBuilder.Entity<Channel>(e =>
        {
            e.ToTable("channels");
            e.HasIndex(c => new { c.CommunityId, c.SourceId }).IsUnique();
        });
        modelBuilder.Entity<Member>(e =>
        {
            e.ToTable("members");
            e.HasIndex(m => new { m.CommunityId, m.SourceId }).IsUnique();
        });
        modelBuilder.Entity<Activity>(e =>
        {
            e.ToTable("activities");
            e.Property(a => a.Kind).HasConversion<short>();
            e.HasIndex(a => new { a.CommunityId, a.Kind, a.SourceId }).IsUnique();
        });
        modelBuilder.Entity<ImportRun>(e => e.ToTable("import_runs"));

        ApplySnakeCaseNames(modelBuilder);
    }

    private static void ApplySnakeCaseNames(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }
        }
    }

    internal static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    sb.Append('_');
                }
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
