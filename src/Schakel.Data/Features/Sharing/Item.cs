using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Schakel.Features.Advisories;
using Schakel.Features.Network;

namespace Schakel.Features.Sharing;

/// <summary>Kind of a shared item (DESIGN.md section 3a).</summary>
public enum ItemKind
{
    Advisory,
    ThreatIntel,
    Notification,
    IncidentReport,
    Post,
    Sitrep,
    Inject,
}

/// <summary>Life-cycle status of an item.</summary>
public enum ItemStatus
{
    Draft,
    Published,
    Retracted,
}

/// <summary>
/// Anything shared in the network. It carries exactly one TLP label; its audience entries say whom it was
/// addressed to and its deliveries are the materialised access list (DESIGN.md section 3a).
/// </summary>
public class Item
{
    public Guid Id { get; set; }
    public ItemKind Kind { get; set; }
    public required string Title { get; set; }
    public string? Summary { get; set; }
    public Tlp Tlp { get; set; }
    public int PublisherOrganisationId { get; set; }
    public Organisation PublisherOrganisation { get; set; } = null!;

    /// <summary>Identity id of the publishing person; null for items imported by the command line.</summary>
    public string? PublisherPersonId { get; set; }
    public ItemStatus Status { get; set; }

    /// <summary>The payload's version (for advisories: CSAF <c>document.tracking.version</c>).</summary>
    public string? Version { get; set; }
    public bool IsExercise { get; set; }

    /// <summary>UTC.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? RetractedAt { get; set; }
    public string? RetractionReason { get; set; }

    public int? AdvisoryId { get; set; }
    public Advisory? Advisory { get; set; }

    public List<AudienceEntry> Audience { get; set; } = [];
    public List<Delivery> Deliveries { get; set; } = [];
    public List<Forward> Forwards { get; set; } = [];
}

internal sealed class ItemConfiguration : IEntityTypeConfiguration<Item>
{
    public void Configure(EntityTypeBuilder<Item> b)
    {
        b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(i => i.Title).HasMaxLength(1024);
        b.Property(i => i.Version).HasMaxLength(64);
        b.HasOne(i => i.PublisherOrganisation).WithMany().HasForeignKey(i => i.PublisherOrganisationId)
            .OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.Advisory).WithMany(a => a.Items).HasForeignKey(i => i.AdvisoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => new { i.Status, i.Tlp, i.PublishedAt });
        b.HasIndex(i => new { i.PublisherOrganisationId, i.CreatedAt });
    }
}
