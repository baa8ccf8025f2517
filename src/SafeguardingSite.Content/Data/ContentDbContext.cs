using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Platform.Data;

namespace SafeguardingSite.Content.Data;

/// <summary>The content engine's own tables. Provider subclasses exist only to keep separate migrations.</summary>
public class ContentDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__content_migrations";

    public DbSet<DocumentType> DocumentTypes => Set<DocumentType>();
    public DbSet<DataType> DataTypes => Set<DataType>();
    public DbSet<ContentNode> Nodes => Set<ContentNode>();
    public DbSet<ContentVersion> Versions => Set<ContentVersion>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<RedirectUrl> Redirects => Set<RedirectUrl>();
    public DbSet<ContentChange> Changes => Set<ContentChange>();
    public DbSet<MediaItem> Media => Set<MediaItem>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<USyncImportState> USyncImports => Set<USyncImportState>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<DocumentType>(e =>
        {
            e.ToTable("content_document_types");
            e.HasKey(x => x.Key);
            e.HasIndex(x => x.Alias).IsUnique();
            e.Property(x => x.Alias).HasMaxLength(100);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Icon).HasMaxLength(100);
            e.Property(x => x.AllowedChildTypes).StoredAsJson();
            e.Property(x => x.Compositions).StoredAsJson();
            e.Property(x => x.Properties).StoredAsJson();
        });

        modelBuilder.Entity<DataType>(e =>
        {
            e.ToTable("content_data_types");
            e.HasKey(x => x.Key);
            e.HasIndex(x => x.Alias).IsUnique();
            e.Property(x => x.Alias).HasMaxLength(100);
            e.Property(x => x.EditorAlias).HasMaxLength(100);
        });

        modelBuilder.Entity<ContentNode>(e =>
        {
            e.ToTable("content_nodes");
            e.HasKey(x => x.Key);
            e.HasIndex(x => new { x.ParentKey, x.SortOrder });
            e.HasIndex(x => x.PublishAt);
            e.HasIndex(x => x.ExpireAt);
            e.Property(x => x.Name).HasMaxLength(255);
            e.Property(x => x.UrlSegment).HasMaxLength(255);
            e.Property(x => x.DocumentTypeAlias).HasMaxLength(100);
            e.Property(x => x.Revision).IsConcurrencyToken();
        });

        modelBuilder.Entity<ContentVersion>(e =>
        {
            e.ToTable("content_versions");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.NodeKey, x.Number }).IsUnique();
            e.Property(x => x.Name).HasMaxLength(255);
            e.Property(x => x.UrlSegment).HasMaxLength(255);
        });

        modelBuilder.Entity<AuditEntry>(e =>
        {
            e.ToTable("content_audit");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.EntityKey, x.At });
            e.HasIndex(x => x.At);
        });

        modelBuilder.Entity<RedirectUrl>(e =>
        {
            e.ToTable("content_redirects");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.OldPath).IsUnique();
            e.Property(x => x.OldPath).HasMaxLength(RedirectUrl.MaxPathLength);
            e.Property(x => x.TargetUrl).HasMaxLength(RedirectUrl.MaxTargetUrlLength);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
        });

        modelBuilder.Entity<ContentChange>(e =>
        {
            e.ToTable("content_changes");
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).ValueGeneratedOnAdd();
        });

        modelBuilder.Entity<MediaItem>(e =>
        {
            e.ToTable("content_media");
            e.HasKey(x => x.Key);
            e.HasIndex(x => x.ParentKey);
            e.Property(x => x.Revision).IsConcurrencyToken();
        });

        modelBuilder.Entity<ApiKey>(e =>
        {
            e.ToTable("content_api_keys");
            e.HasKey(x => x.Key);
            e.HasIndex(x => x.SecretHash).IsUnique();
        });

        modelBuilder.Entity<USyncImportState>(e =>
        {
            e.ToTable("content_usync_imports");
            e.HasKey(x => x.File);
        });

        UtcDateTimeConvention.Apply(modelBuilder);
    }
}

public sealed class SqliteContentDbContext(DbContextOptions<SqliteContentDbContext> options) : ContentDbContext(options);

public sealed class PostgresContentDbContext(DbContextOptions<PostgresContentDbContext> options) : ContentDbContext(options);
