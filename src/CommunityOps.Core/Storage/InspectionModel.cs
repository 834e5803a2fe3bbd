using CommunityOps.Inspection;
using CommunityOps.Inspection.Audit;
using CommunityOps.Inspection.Findings;
using CommunityOps.Inspection.RuleSets;
using CommunityOps.Inspection.Runs;
using CommunityOps.Inspection.SpotChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CommunityOps.Storage;

/// <summary>
/// The inspection tables (0004_inspection.sql) in the EF model. Kept out of <see cref="AppDbContext"/>'s
/// file, with the sets as extension members, so that the features adding tables at the same time touch
/// one line of it each.
/// </summary>
public static class InspectionModel
{
    extension(AppDbContext db)
    {
        public DbSet<StoredFinding> Findings => db.Set<StoredFinding>();
        public DbSet<InspectionAuditEntry> InspectionAudit => db.Set<InspectionAuditEntry>();
        public DbSet<InspectionProgress> InspectionProgress => db.Set<InspectionProgress>();
        public DbSet<SpotCheckRubric> SpotCheckRubrics => db.Set<SpotCheckRubric>();
        public DbSet<SpotCheckRubricItem> SpotCheckRubricItems => db.Set<SpotCheckRubricItem>();
        public DbSet<SpotCheckPlan> SpotCheckPlans => db.Set<SpotCheckPlan>();
        public DbSet<SpotCheckSample> SpotCheckSamples => db.Set<SpotCheckSample>();
        public DbSet<SpotCheckScore> SpotCheckScores => db.Set<SpotCheckScore>();
        public DbSet<StoredRuleSet> InspectionRuleSets => db.Set<StoredRuleSet>();
        public DbSet<InspectionCarry> InspectionCarry => db.Set<InspectionCarry>();
        public DbSet<OperatorLink> OperatorLinks => db.Set<OperatorLink>();
    }

    internal static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StoredFinding>(e =>
        {
            e.ToTable("findings");
            e.Property(f => f.Severity).HasConversion<short>();
            e.Property(f => f.Status).HasConversion(new LowerCaseEnumConverter<FindingStatus>());
            e.HasIndex(f => new { f.ActivityId, f.Rule }).IsUnique();
            e.HasIndex(f => new { f.WorkspaceId, f.Status, f.OccurredAt });
            e.HasIndex(f => new { f.CommunityId, f.Rule });
        });
        modelBuilder.Entity<InspectionAuditEntry>(e =>
        {
            e.ToTable("inspection_audit");
            e.HasIndex(a => new { a.Subject, a.SubjectId });
        });
        modelBuilder.Entity<InspectionProgress>(e =>
        {
            e.ToTable("inspection_progress");
            e.HasKey(p => p.WorkspaceId);
            e.Property(p => p.WorkspaceId).ValueGeneratedNever();
        });
        modelBuilder.Entity<SpotCheckRubric>(e =>
        {
            e.ToTable("spotcheck_rubrics");
            e.HasIndex(r => new { r.WorkspaceId, r.Name, r.Version }).IsUnique();
        });
        modelBuilder.Entity<SpotCheckRubricItem>(e =>
        {
            e.ToTable("spotcheck_rubric_items");
            e.HasIndex(i => new { i.RubricId, i.Code }).IsUnique();
        });
        modelBuilder.Entity<SpotCheckPlan>(e =>
        {
            e.ToTable("spotcheck_plans");
            e.Property(p => p.Mode).HasConversion(new LowerCaseEnumConverter<SamplingMode>());
            e.Property(p => p.Strata).HasConversion(new LowerCaseEnumConverter<SamplingStrata>());
            e.HasIndex(p => new { p.WorkspaceId, p.Name }).IsUnique();
        });
        modelBuilder.Entity<SpotCheckSample>(e =>
        {
            e.ToTable("spotcheck_samples");
            e.Property(s => s.Status).HasConversion(new LowerCaseEnumConverter<SampleStatus>());
            e.Property(s => s.Decision).HasConversion(new LowerCaseEnumConverter<SampleDecision>());
            e.HasIndex(s => new { s.PlanId, s.ReplyActivityId }).IsUnique();
        });
        modelBuilder.Entity<SpotCheckScore>(e =>
        {
            e.ToTable("spotcheck_scores");
            e.HasIndex(s => new { s.SampleId, s.ItemId }).IsUnique();
        });

        // 0006_inspection_rules_and_carry.sql
        modelBuilder.Entity<StoredRuleSet>(e =>
        {
            e.ToTable("inspection_rule_sets");
            e.HasIndex(r => new { r.WorkspaceId, r.Version }).IsUnique();
        });
        modelBuilder.Entity<InspectionCarry>(e =>
        {
            e.ToTable("inspection_carry");
            e.HasKey(c => c.CommunityId);
            e.Property(c => c.CommunityId).ValueGeneratedNever();
        });
        modelBuilder.Entity<OperatorLink>(e =>
        {
            e.ToTable("inspection_operator_links");
            e.HasKey(l => l.MemberId);
            e.Property(l => l.MemberId).ValueGeneratedNever();
        });
    }

    /// <summary>States are stored as the lower-case names the docs and SQL use ('open', 'scored').</summary>
    private sealed class LowerCaseEnumConverter<T>() : ValueConverter<T, string>(
        v => v.ToString().ToLowerInvariant(),
        v => Enum.Parse<T>(v, true)) where T : struct, Enum;
}
