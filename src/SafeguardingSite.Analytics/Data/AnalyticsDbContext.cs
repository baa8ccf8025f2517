using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Platform.Data;

namespace SafeguardingSite.Analytics.Data;

/// <summary>The analytics module's tables: raw events (kept for a while), daily salts (kept two days) and daily totals (kept for good).</summary>
public class AnalyticsDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__analytics_migrations";

    public DbSet<AnalyticsEvent> Events => Set<AnalyticsEvent>();
    public DbSet<AnalyticsSalt> Salts => Set<AnalyticsSalt>();
    public DbSet<DailyTotal> DailyTotals => Set<DailyTotal>();
    public DbSet<RolledUpDay> RolledUpDays => Set<RolledUpDay>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<AnalyticsEvent>(e =>
        {
            e.ToTable("analytics_events");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.At);
            e.Property(x => x.Path).HasMaxLength(AnalyticsEvent.MaxPathLength);
            e.Property(x => x.Section).HasMaxLength(AnalyticsEvent.MaxPathLength);
            e.Property(x => x.ReferrerHost).HasMaxLength(AnalyticsEvent.MaxLabelLength);
            e.Property(x => x.UtmSource).HasMaxLength(AnalyticsEvent.MaxLabelLength);
            e.Property(x => x.UtmCampaign).HasMaxLength(AnalyticsEvent.MaxLabelLength);
            e.Property(x => x.SearchTerm).HasMaxLength(AnalyticsEvent.MaxLabelLength);
        });
        modelBuilder.Entity<AnalyticsSalt>(e =>
        {
            e.ToTable("analytics_salts");
            e.HasKey(x => x.Day);
        });
        modelBuilder.Entity<DailyTotal>(e =>
        {
            e.ToTable("analytics_daily_totals");
            e.HasKey(x => new { x.Day, x.Metric, x.Dimension });
            e.Property(x => x.Metric).HasMaxLength(40);
            e.Property(x => x.Dimension).HasMaxLength(AnalyticsEvent.MaxPathLength);
        });
        modelBuilder.Entity<RolledUpDay>(e =>
        {
            e.ToTable("analytics_rolled_up_days");
            e.HasKey(x => x.Day);
        });
        UtcDateTimeConvention.Apply(modelBuilder);
    }
}

public sealed class SqliteAnalyticsDbContext(DbContextOptions<SqliteAnalyticsDbContext> options) : AnalyticsDbContext(options);

public sealed class PostgresAnalyticsDbContext(DbContextOptions<PostgresAnalyticsDbContext> options) : AnalyticsDbContext(options);

public enum AnalyticsEventKind
{
    PageView = 0,
    Download = 1,
    Search = 2,

    /// <summary>Seconds a page was visible, sent by the site's script when the page is hidden or left.</summary>
    Engagement = 3,

    /// <summary>A click on a link to another site, sent by the site's script; the path is the destination's host and path.</summary>
    OutboundLink = 4,
}

/// <summary>
/// What the returning-visitor cookie said about a view. Only visitors who allowed the cookie are new or returning;
/// <see cref="None"/> is everyone else, so the reports can say what share of visitors the figure covers.
/// </summary>
public enum VisitorCookie
{
    None = 0,
    New = 1,
    Returning = 2,
}

public enum DeviceClass
{
    Desktop = 0,
    Mobile = 1,
    Tablet = 2,
}

/// <summary>
/// One recorded request. No IP address or user agent is ever stored: only a 64-bit hash keyed with that day's secret
/// salt, and not even that for Do Not Track / Global Privacy Control visitors or pages for children and young people.
/// </summary>
public sealed class AnalyticsEvent
{
    public const int MaxPathLength = 400;
    public const int MaxLabelLength = 200;

    public long Id { get; set; }
    public DateTime At { get; set; }
    public AnalyticsEventKind Kind { get; set; }
    public string Path { get; set; } = "/";
    public string? Section { get; set; }
    public long? VisitorHash { get; set; }
    public string? ReferrerHost { get; set; }
    public string? UtmSource { get; set; }
    public string? UtmCampaign { get; set; }
    public DeviceClass Device { get; set; }
    public string? SearchTerm { get; set; }
    public int? SearchResults { get; set; }
    public VisitorCookie Cookie { get; set; }

    /// <summary>For <see cref="AnalyticsEventKind.Engagement"/>: the seconds the page was visible since the script last reported.</summary>
    public int? EngagedSeconds { get; set; }
}

/// <summary>The secret mixed into each day's visitor hashes; deleted after the next day so hashes cannot be recomputed.</summary>
public sealed class AnalyticsSalt
{
    public DateOnly Day { get; set; }
    public byte[] Secret { get; set; } = [];
}

/// <summary>One figure for one day, e.g. (2026-11-22, "page.views", "/training/") = 14. Empty dimension = site total.</summary>
public sealed class DailyTotal
{
    public DateOnly Day { get; set; }
    public string Metric { get; set; } = string.Empty;
    public string Dimension { get; set; } = string.Empty;
    public long Value { get; set; }
}

/// <summary>Marks a day whose totals were built after it ended, so they are final.</summary>
public sealed class RolledUpDay
{
    public DateOnly Day { get; set; }
    public DateTime BuiltAt { get; set; }
}
