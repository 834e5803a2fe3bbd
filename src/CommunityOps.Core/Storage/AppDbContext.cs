using System.Text;
using CommunityOps.Accounts;
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
    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();
    public DbSet<User> Users => Set<User>();
    public DbSet<WorkspaceMembership> WorkspaceMemberships => Set<WorkspaceMembership>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        InspectionModel.Configure(modelBuilder);
        MemberTagsModel.Configure(modelBuilder);
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
        modelBuilder.Entity<ImportJob>(e => e.ToTable("import_jobs"));
        OnAccountsCreating(modelBuilder);

        ApplySnakeCaseNames(modelBuilder);
    }

    private static void OnAccountsCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<User>(e =>
        {
            e.ToTable("users");
            e.HasIndex(u => u.Email).IsUnique();
        });
        modelBuilder.Entity<WorkspaceMembership>(e =>
        {
            e.ToTable("workspace_members");
            e.Property(m => m.Role).HasConversion(r => r.Name(), s => Roles.Parse(s));
            e.HasIndex(m => new { m.WorkspaceId, m.UserId }).IsUnique();
        });
        modelBuilder.Entity<ApiKey>(e =>
        {
            e.ToTable("api_keys");
            e.Property(k => k.Role).HasConversion(r => r.Name(), s => Roles.Parse(s));
            e.HasIndex(k => k.Prefix).IsUnique();
            e.Ignore(k => k.IsRevoked);
        });
        modelBuilder.Entity<DataProtectionKey>(e => e.ToTable("data_protection_keys"));
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
