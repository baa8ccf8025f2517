using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SafeguardingSite.BackOffice.Workflow;

public enum ApprovalStatus
{
    Pending,
    Approved,
    Returned,
}

/// <summary>A writer's request that an editor review and publish a page.</summary>
public sealed class ApprovalRequest
{
    public const int MaxNoteLength = 2000;

    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ContentKey { get; set; }

    /// <summary>The page's name when submitted, so the list reads well even if the page is later renamed or deleted.</summary>
    public required string ContentName { get; set; }

    /// <summary>The draft version the writer submitted.</summary>
    public int VersionNumber { get; set; }
    public ApprovalStatus Status { get; set; }

    public Guid RequestedById { get; set; }
    public required string RequestedByEmail { get; set; }
    public required string RequestedByName { get; set; }
    public DateTime RequestedAt { get; set; }
    public string? Note { get; set; }

    public string? DecidedByEmail { get; set; }
    public DateTime? DecidedAt { get; set; }

    /// <summary>The editor's comment when returning the page (required then), or an optional one on approval.</summary>
    public string? DecisionComment { get; set; }
}

internal sealed class ApprovalRequestConfiguration : IEntityTypeConfiguration<ApprovalRequest>
{
    public void Configure(EntityTypeBuilder<ApprovalRequest> builder)
    {
        builder.ToTable("backoffice_approval_requests");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.ContentName).HasMaxLength(255);
        builder.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.RequestedByEmail).HasMaxLength(256);
        builder.Property(x => x.RequestedByName).HasMaxLength(100);
        builder.Property(x => x.Note).HasMaxLength(ApprovalRequest.MaxNoteLength);
        builder.Property(x => x.DecidedByEmail).HasMaxLength(256);
        builder.Property(x => x.DecisionComment).HasMaxLength(ApprovalRequest.MaxNoteLength);
        builder.HasIndex(x => new { x.Status, x.RequestedAt });
        builder.HasIndex(x => x.RequestedById);

        // At most one open request per page: a double submit, or two writers at once, cannot make a second.
        builder.HasIndex(x => x.ContentKey).IsUnique().HasFilter("\"Status\" = 'Pending'");
    }
}
