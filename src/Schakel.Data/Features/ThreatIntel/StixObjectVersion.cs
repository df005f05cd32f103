using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Schakel.Features.ThreatIntel;

/// <summary>
/// One version of one STIX object held by the node (DESIGN.md section 3a). A version is identified by the object's
/// <c>id</c> and its version (<c>modified</c>, else <c>created</c>, else none for unversioned SCOs), node-wide: the same
/// version imported again is the same row, and who may read it is decided by the items that hold it
/// (<see cref="ItemStixObject"/>), never by this row.
/// </summary>
public class StixObjectVersion
{
    public long Id { get; set; }

    /// <summary>The STIX <c>id</c>, <c>TYPE--UUID</c>.</summary>
    public required string StixId { get; set; }

    /// <summary>The STIX <c>type</c>.</summary>
    public required string Type { get; set; }

    /// <summary>
    /// The version as a sortable key (<c>StixTimestamp.SortKey</c> of <c>modified</c>, else <c>created</c>), "" for an
    /// unversioned object. Equal instants written with different precision have the same key.
    /// </summary>
    public required string VersionKey { get; set; }

    /// <summary><c>modified</c> as received (full precision), null when absent.</summary>
    public string? Modified { get; set; }

    /// <summary><c>created</c> as received, null when absent.</summary>
    public string? Created { get; set; }

    public string? SpecVersion { get; set; }

    /// <summary><c>revoked</c> is true in this version (STIX 2.1 section 3.6).</summary>
    public bool Revoked { get; set; }

    /// <summary>The object as compact JSON, properties, custom properties and extensions as received.</summary>
    public required string Content { get; set; }

    /// <summary>SHA-256 (lower-case hex) of <see cref="Content"/> as UTF-8: equal versions with different content are a conflict.</summary>
    public required string ContentHash { get; set; }

    /// <summary>When the node first stored this version (UTC).</summary>
    public DateTimeOffset StoredAt { get; set; }

    public List<ItemStixObject> Items { get; set; } = [];
}

/// <summary>
/// An object version held by an item: the link that makes a version visible to whoever may see the item, and the
/// TAXII collection order. <see cref="Sequence"/> is assigned in commit order (imports take a lock for it), so walking
/// by sequence never skips or repeats a row that commits later; <see cref="AddedAtMicros"/> is the TAXII
/// <c>date_added</c> in Unix microseconds (UTC), strictly increasing with the sequence.
/// </summary>
public class ItemStixObject
{
    /// <summary>Collection order, unique, assigned by the importer (not by the database).</summary>
    public long Sequence { get; set; }
    public Guid ItemId { get; set; }
    public Sharing.Item Item { get; set; } = null!;
    public long VersionId { get; set; }
    public StixObjectVersion Version { get; set; } = null!;

    /// <summary>TAXII <c>date_added</c>: Unix time in microseconds, UTC.</summary>
    public long AddedAtMicros { get; set; }
}

/// <summary>
/// The payload of a threat-intelligence item: what was imported, byte for byte (a STIX bundle, a TAXII envelope, a
/// MISP event), and what the import reported.
/// </summary>
public class ThreatIntelPayload
{
    public Guid ItemId { get; set; }
    public Sharing.Item Item { get; set; } = null!;

    /// <summary><c>stix-bundle</c>, <c>taxii-envelope</c>, <c>stix-object</c>, <c>stix-array</c>, <c>misp-event</c> or <c>taxii-pull</c>.</summary>
    public required string Format { get; set; }

    /// <summary>The content as received; empty for items assembled from several pulls.</summary>
    public byte[] Original { get; set; } = [];

    /// <summary>SHA-256 (lower-case hex) of <see cref="Original"/>.</summary>
    public required string Sha256 { get; set; }

    /// <summary>Number of objects the item holds.</summary>
    public int ObjectCount { get; set; }

    /// <summary>The import's warnings, conflicts and unmapped parts as JSON (an array of strings), null when none.</summary>
    public string? Report { get; set; }

    /// <summary>
    /// Where the item came from when another node or server sent it: for items rebuilt from Schakel's STIX extension
    /// <c>SOURCE-API-ROOT#SOURCE-ITEM-ID</c>, for plain pulls <c>SOURCE-COLLECTION-URL</c>; null for local imports.
    /// </summary>
    public string? SourceKey { get; set; }
}

internal sealed class StixObjectVersionConfiguration : IEntityTypeConfiguration<StixObjectVersion>
{
    public void Configure(EntityTypeBuilder<StixObjectVersion> b)
    {
        b.Property(v => v.StixId).HasMaxLength(300);
        b.Property(v => v.Type).HasMaxLength(250);
        b.Property(v => v.VersionKey).HasMaxLength(64);
        b.Property(v => v.Modified).HasMaxLength(64);
        b.Property(v => v.Created).HasMaxLength(64);
        b.Property(v => v.SpecVersion).HasMaxLength(16);
        b.Property(v => v.ContentHash).HasMaxLength(64);
        b.HasIndex(v => new { v.StixId, v.VersionKey }).IsUnique();
        b.HasIndex(v => v.Type);
    }
}

internal sealed class ItemStixObjectConfiguration : IEntityTypeConfiguration<ItemStixObject>
{
    public void Configure(EntityTypeBuilder<ItemStixObject> b)
    {
        b.HasKey(l => l.Sequence);
        b.Property(l => l.Sequence).ValueGeneratedNever();
        b.HasOne(l => l.Item).WithMany().HasForeignKey(l => l.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(l => l.Version).WithMany(v => v.Items).HasForeignKey(l => l.VersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(l => new { l.ItemId, l.VersionId });
        b.HasIndex(l => l.VersionId);
        b.HasIndex(l => l.AddedAtMicros);
    }
}

internal sealed class ThreatIntelPayloadConfiguration : IEntityTypeConfiguration<ThreatIntelPayload>
{
    public void Configure(EntityTypeBuilder<ThreatIntelPayload> b)
    {
        b.HasKey(p => p.ItemId);
        b.HasOne(p => p.Item).WithOne().HasForeignKey<ThreatIntelPayload>(p => p.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.Property(p => p.Format).HasMaxLength(32);
        b.Property(p => p.Sha256).HasMaxLength(64);
        b.Property(p => p.SourceKey).HasMaxLength(2048);
        b.HasIndex(p => p.SourceKey);
        b.HasIndex(p => p.Sha256);
    }
}
