using CommunityOps.Members;
using Microsoft.EntityFrameworkCore;

namespace CommunityOps.Storage;

/// <summary>
/// The member tag tables (0005_member_tags.sql) in the EF model, kept beside <see cref="AppDbContext"/>
/// like <see cref="InspectionModel"/> so that features adding tables touch one line of the context each.
/// </summary>
public static class MemberTagsModel
{
    extension(AppDbContext db)
    {
        public DbSet<Tag> Tags => db.Set<Tag>();
        public DbSet<MemberTag> MemberTags => db.Set<MemberTag>();
    }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Tag>(e =>
        {
            e.ToTable("tags");
            e.HasIndex(t => new { t.WorkspaceId, t.NameKey }).IsUnique();
        });
        modelBuilder.Entity<MemberTag>(e =>
        {
            e.ToTable("member_tags");
            e.HasKey(t => new { t.MemberId, t.TagId });
            e.HasIndex(t => new { t.TagId, t.MemberId });
        });
    }
}
