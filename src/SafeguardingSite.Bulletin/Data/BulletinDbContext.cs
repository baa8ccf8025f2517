using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Bulletin.Model;
using SafeguardingSite.Platform.Data;

namespace SafeguardingSite.Bulletin.Data;

/// <summary>The e-bulletin's tables. Provider subclasses exist only to keep separate migrations.</summary>
public class BulletinDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__bulletin_migrations";

    public DbSet<BulletinChoice> Choices => Set<BulletinChoice>();
    public DbSet<Subscriber> Subscribers => Set<Subscriber>();
    public DbSet<SubscriptionEvent> Events => Set<SubscriptionEvent>();
    public DbSet<Edition> Editions => Set<Edition>();
    public DbSet<Delivery> Deliveries => Set<Delivery>();
    public DbSet<Suppression> Suppressions => Set<Suppression>();
    public DbSet<TrackingEvent> TrackingEvents => Set<TrackingEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<BulletinChoice>(e =>
        {
            e.ToTable("bulletin_choices");
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Name).HasMaxLength(BulletinLimits.ChoiceName);
            e.HasIndex(x => new { x.Kind, x.Name }).IsUnique();
        });

        modelBuilder.Entity<Subscriber>(e =>
        {
            e.ToTable("bulletin_subscribers");
            e.HasIndex(x => x.Email).IsUnique();
            e.HasIndex(x => x.Status);
            e.Property(x => x.Email).HasMaxLength(BulletinLimits.Email);
            e.Property(x => x.Name).HasMaxLength(BulletinLimits.Name);
            e.Property(x => x.Organisation).HasMaxLength(BulletinLimits.Organisation);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.ConsentSourceUrl).HasMaxLength(BulletinLimits.SourceUrl);
            e.Property(x => x.ConsentIpHash).HasMaxLength(64);
            e.Property(x => x.ConsentBasis).HasMaxLength(40);
            e.HasIndex(x => x.CreatedAt);
            e.Property(x => x.TopicIds).StoredAsJson();
        });

        modelBuilder.Entity<SubscriptionEvent>(e =>
        {
            e.ToTable("bulletin_subscription_events");
            e.HasIndex(x => x.SubscriberId);
            e.HasIndex(x => new { x.IpHash, x.At });
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.SourceUrl).HasMaxLength(BulletinLimits.SourceUrl);
            e.Property(x => x.IpHash).HasMaxLength(64);
        });

        modelBuilder.Entity<Edition>(e =>
        {
            e.ToTable("bulletin_editions");
            e.HasIndex(x => x.Slug).IsUnique();
            e.HasIndex(x => new { x.Status, x.ScheduledFor });
            e.Property(x => x.Slug).HasMaxLength(BulletinLimits.Slug);
            e.Property(x => x.Title).HasMaxLength(BulletinLimits.Title);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Ignore(x => x.Priority);
            e.Property(x => x.Items).StoredAsJson();
            e.Property(x => x.Blocks).StoredAsJson();
            e.Property(x => x.TargetServiceAreaIds).StoredAsJson();
            e.Property(x => x.TargetTopicIds).StoredAsJson();
        });

        modelBuilder.Entity<Delivery>(e =>
        {
            e.ToTable("bulletin_deliveries");
            e.HasIndex(x => new { x.EditionId, x.SubscriberId }).IsUnique();
            e.HasIndex(x => new { x.Status, x.Priority, x.NextAttemptAt });
            e.HasIndex(x => x.LeaseOwner);
            e.HasIndex(x => x.SentAt);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.LastError).HasMaxLength(1000);
        });

        modelBuilder.Entity<Suppression>(e =>
        {
            e.ToTable("bulletin_suppressions");
            e.HasIndex(x => x.EmailHash).IsUnique();
            e.Property(x => x.EmailHash).HasMaxLength(64);
            e.Property(x => x.Email).HasMaxLength(BulletinLimits.Email);
            e.Property(x => x.Reason).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Detail).HasMaxLength(500);
        });

        modelBuilder.Entity<TrackingEvent>(e =>
        {
            e.ToTable("bulletin_tracking_events");
            e.HasIndex(x => new { x.EditionId, x.Kind });
            e.HasIndex(x => x.DeliveryId);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.Url).HasMaxLength(BulletinLimits.Url);
        });

        UtcDateTimeConvention.Apply(modelBuilder);
    }
}

public sealed class SqliteBulletinDbContext(DbContextOptions<SqliteBulletinDbContext> options) : BulletinDbContext(options);

public sealed class PostgresBulletinDbContext(DbContextOptions<PostgresBulletinDbContext> options) : BulletinDbContext(options);
