using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Schakel.Features.Network;

namespace Schakel.Features.Sharing;

/// <summary>Why a linking organisation passed an item on.</summary>
public enum ForwardKind
{
    /// <summary>On the linking organisation's own initiative, to (part of) its constituency or, for GREEN and CLEAR, further.</summary>
    Forward,

    /// <summary>For the coordinator, to members without a Wbni article 3 basis of their own (DESIGN.md section 3, legal basis).</summary>
    Relay,
}

/// <summary>
/// A linking organisation's forward or relay of an item: it adds deliveries to the same item (never a copy), whose
/// routes name the forwarding organisation. <see cref="Tlp"/> is stored only when stricter than the item's label at
/// the time: a later relaxation by the originator then leaves this forward's label in place (DESIGN.md section 3).
/// </summary>
public class Forward
{
    public int Id { get; set; }
    public Guid ItemId { get; set; }
    public Item Item { get; set; } = null!;
    public ForwardKind Kind { get; set; }
    public int OrganisationId { get; set; }
    public Organisation Organisation { get; set; } = null!;
    public string? PersonId { get; set; }

    /// <summary>The linking organisation's own text (for example a Dutch summary and <i>handelingsperspectief</i>); plain text, at most 20,000 characters.</summary>
    public string? Note { get; set; }

    /// <summary>The forward's own label when stricter than the item's; null means "the item's label".</summary>
    public Tlp? Tlp { get; set; }

    /// <summary>UTC.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    public List<AudienceEntry> Audience { get; set; } = [];
}

internal sealed class ForwardConfiguration : IEntityTypeConfiguration<Forward>
{
    public void Configure(EntityTypeBuilder<Forward> b)
    {
        b.Property(f => f.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(f => f.Note).HasMaxLength(20_000);
        b.HasOne(f => f.Item).WithMany(i => i.Forwards).HasForeignKey(f => f.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(f => f.Organisation).WithMany().HasForeignKey(f => f.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(f => f.Audience).WithOne(a => a.Forward).HasForeignKey(a => a.ForwardId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(f => new { f.ItemId, f.OrganisationId });
    }
}
