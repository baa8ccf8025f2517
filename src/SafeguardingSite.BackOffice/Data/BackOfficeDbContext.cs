using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeguardingSite.BackOffice.Audit;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.BackOffice.Workflow;
using SafeguardingSite.Platform.Data;

namespace SafeguardingSite.BackOffice.Data;

/// <summary>Back-office users, groups (Identity roles), their permissions (role claims) and the audit trail.</summary>
public class BackOfficeDbContext(DbContextOptions options)
    : IdentityDbContext<BackOfficeUser, BackOfficeGroup, Guid>(options)
{
    public const string MigrationsHistoryTable = "__backoffice_migrations";

    public DbSet<AuditRecord> Audit => Set<AuditRecord>();
    public DbSet<ApprovalRequest> ApprovalRequests => Set<ApprovalRequest>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);

        builder.Entity<BackOfficeUser>(e =>
        {
            e.ToTable("backoffice_users");
            e.Property(x => x.DisplayName).HasMaxLength(BackOfficeUser.MaxDisplayNameLength);
            StartNodes(e.Property(x => x.StartNodeKeys));
        });
        builder.Entity<BackOfficeGroup>(e =>
        {
            e.ToTable("backoffice_groups");
            e.Property(x => x.Description).HasMaxLength(500);
            StartNodes(e.Property(x => x.StartNodeKeys));
        });
        builder.Entity<IdentityUserRole<Guid>>().ToTable("backoffice_user_groups");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("backoffice_group_permissions");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("backoffice_user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("backoffice_user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("backoffice_user_tokens");

        builder.Entity<AuditRecord>(e =>
        {
            e.ToTable("backoffice_audit");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.At);
            e.Property(x => x.Action).HasMaxLength(64);
            e.Property(x => x.Actor).HasMaxLength(AuditRecord.MaxTextLength);
            e.Property(x => x.Subject).HasMaxLength(AuditRecord.MaxTextLength);
            e.Property(x => x.Detail).HasMaxLength(AuditRecord.MaxDetailLength);
            e.Property(x => x.IpAddress).HasMaxLength(64);
        });

        builder.ApplyConfiguration(new ApprovalRequestConfiguration());
        UtcDateTimeConvention.Apply(builder);
    }

    /// <summary>A handful of content keys, stored as one comma-separated column: they are only ever read with their owner.</summary>
    private static void StartNodes(PropertyBuilder<List<Guid>> property) =>
        property
            .HasConversion(
                keys => string.Join(',', keys),
                text => text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList(),
                new ValueComparer<List<Guid>>((a, b) => a!.SequenceEqual(b!), keys => keys.Aggregate(0, (h, k) => HashCode.Combine(h, k)), keys => keys.ToList()))
            .HasMaxLength(2000);
}

public sealed class SqliteBackOfficeDbContext(DbContextOptions<SqliteBackOfficeDbContext> options) : BackOfficeDbContext(options);

public sealed class PostgresBackOfficeDbContext(DbContextOptions<PostgresBackOfficeDbContext> options) : BackOfficeDbContext(options);
