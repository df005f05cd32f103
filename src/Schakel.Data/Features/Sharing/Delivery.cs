using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Schakel.Features.Network;

namespace Schakel.Features.Sharing;

/// <summary>Kind of an audience entry (DESIGN.md section 2a).</summary>
public enum AudienceKind
{
    Network,
    Sector,
    Constituency,
    Organisation,
    Person,
}

/// <summary>What a publisher (or, later, a forwarder) addressed: <c>network</c>, <c>sector:KEY</c>, ….</summary>
public class AudienceEntry
{
    public int Id { get; set; }
    public Guid ItemId { get; set; }
    public Item Item { get; set; } = null!;
    public AudienceKind Kind { get; set; }

    /// <summary>The sector key, organisation key or e-mail address; null for <c>network</c>.</summary>
    public string? Value { get; set; }
    public int AddedByOrganisationId { get; set; }
    public string? AddedByPersonId { get; set; }

    /// <summary>Set when the entry came with a linking organisation's forward.</summary>
    public int? ForwardId { get; set; }
    public Forward? Forward { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Delivery states of DESIGN.md section 2a.</summary>
public enum DeliveryState
{
    Delivered,
    Read,
    Acknowledged,
    ActionTaken,
    NotRelevant,
}

/// <summary>
/// One receiving organisation's copy of the access list for an item. Besides its publisher, an organisation
/// may see a non-CLEAR item exactly when it holds a delivery for it.
/// </summary>
public class Delivery
{
    public long Id { get; set; }
    public Guid ItemId { get; set; }
    public Item Item { get; set; } = null!;
    /// <summary>The receiving organisation; for a person delivery (RED), the person's own organisation.</summary>
    public int RecipientOrganisationId { get; set; }
    public Organisation RecipientOrganisation { get; set; } = null!;

    /// <summary>For RED items only: the addressed person.</summary>
    public string? RecipientPersonId { get; set; }

    /// <summary>The label the recipient holds the item under: the least strict of its routes' labels.</summary>
    public Tlp EffectiveTlp { get; set; }
    public DeliveryState State { get; set; }

    /// <summary>True when the item changed (a newer version) since the recipient read it.</summary>
    public bool Updated { get; set; }
    public DateTimeOffset DeliveredAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public DateTimeOffset? StateChangedAt { get; set; }
    public string? StateChangedByPersonId { get; set; }
    public string? NotRelevantReason { get; set; }
    public DateTimeOffset? AcknowledgeBy { get; set; }
    public List<DeliveryRoute> Routes { get; set; } = [];
}

/// <summary>How a route reached the recipient.</summary>
public enum RouteKind
{
    /// <summary>Addressed by the publisher.</summary>
    Direct,

    /// <summary>Forwarded by a linking organisation.</summary>
    Forward,

    /// <summary>Relayed by a linking organisation for the coordinator (Wbni article 3).</summary>
    Relay,
}

/// <summary>One route by which a delivery reached its recipient.</summary>
public class DeliveryRoute
{
    public long Id { get; set; }
    public long DeliveryId { get; set; }
    public Delivery Delivery { get; set; } = null!;
    public RouteKind Kind { get; set; }

    /// <summary>The linking organisation a forwarded or relayed route went through.</summary>
    public int? ViaOrganisationId { get; set; }
    public int? AudienceEntryId { get; set; }
    public AudienceEntry? AudienceEntry { get; set; }

    /// <summary>The forward or relay that made this route; null for the publisher's own (direct) routes.</summary>
    public int? ForwardId { get; set; }
    public Forward? Forward { get; set; }

    /// <summary>The stricter of the item's label and the forward's label.</summary>
    public Tlp Tlp { get; set; }

    /// <summary>The legal basis used, a Wbni category key, when the coordinator shared it.</summary>
    public string? Basis { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class AudienceEntryConfiguration : IEntityTypeConfiguration<AudienceEntry>
{
    public void Configure(EntityTypeBuilder<AudienceEntry> b)
    {
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.Value).HasMaxLength(256);
        b.HasOne(a => a.Item).WithMany(i => i.Audience).HasForeignKey(a => a.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.Kind, a.Value });
    }
}

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> b)
    {
        b.Property(d => d.State).HasConversion<string>().HasMaxLength(16);
        b.Property(d => d.NotRelevantReason).HasMaxLength(2000);
        b.HasOne(d => d.Item).WithMany(i => i.Deliveries).HasForeignKey(d => d.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(d => d.RecipientOrganisation).WithMany().HasForeignKey(d => d.RecipientOrganisationId)
            .OnDelete(DeleteBehavior.Restrict);
        // One delivery per organisation and item: a second route adds a DeliveryRoute, never a copy.
        // The filters are plain SQL that SQLite and PostgreSQL read alike.
        b.HasIndex(d => new { d.ItemId, d.RecipientOrganisationId }).IsUnique().HasFilter("\"RecipientPersonId\" IS NULL");
        b.HasIndex(d => new { d.ItemId, d.RecipientPersonId }).IsUnique().HasFilter("\"RecipientPersonId\" IS NOT NULL");
        // Serves the inbox page and its count without touching the table (the person column is part of the filter).
        b.HasIndex(d => new { d.RecipientOrganisationId, d.DeliveredAt, d.RecipientPersonId });
    }
}

internal sealed class DeliveryRouteConfiguration : IEntityTypeConfiguration<DeliveryRoute>
{
    public void Configure(EntityTypeBuilder<DeliveryRoute> b)
    {
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Basis).HasMaxLength(32);
        b.HasOne(r => r.Delivery).WithMany(d => d.Routes).HasForeignKey(r => r.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(r => r.AudienceEntry).WithMany().HasForeignKey(r => r.AudienceEntryId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(r => r.Forward).WithMany().HasForeignKey(r => r.ForwardId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => r.ForwardId);
    }
}
