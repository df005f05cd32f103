using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Schakel.Features.Network;
using Schakel.Features.Sharing;

namespace Schakel.Features.Advisories;

/// <summary>
/// A CSAF 2.0 advisory as imported by one organisation. Identified within that organisation by the normalised
/// publisher namespace and <c>document.tracking.id</c> (DESIGN.md section 3a). Holds the current version's
/// extracted fields; every version's original bytes are kept in <see cref="AdvisoryRevision"/>.
/// </summary>
public class Advisory
{
    public int Id { get; set; }
    public int OwnerOrganisationId { get; set; }
    public Organisation OwnerOrganisation { get; set; } = null!;

    /// <summary><c>document.publisher.namespace</c>, lower-case scheme and host, no trailing slash.</summary>
    public required string PublisherNamespace { get; set; }
    public required string TrackingId { get; set; }

    /// <summary><c>document.tracking.version</c> of the current revision.</summary>
    public required string Version { get; set; }

    /// <summary><c>document.tracking.status</c>: draft, interim or final.</summary>
    public required string TrackingStatus { get; set; }
    public DateTimeOffset InitialReleaseDate { get; set; }
    public DateTimeOffset CurrentReleaseDate { get; set; }
    public required string Title { get; set; }
    public required string PublisherName { get; set; }

    /// <summary><c>document.publisher.category</c>.</summary>
    public required string PublisherCategory { get; set; }

    /// <summary><c>document.category</c>, e.g. <c>csaf_security_advisory</c>.</summary>
    public required string Category { get; set; }
    public string? Lang { get; set; }

    /// <summary>The document's own label (CSAF TLP 1.0 mapped to TLP 2.0), null when it has none.</summary>
    public Tlp? SourceTlp { get; set; }

    /// <summary><c>document.aggregate_severity.text</c>, when present.</summary>
    public string? AggregateSeverity { get; set; }

    /// <summary>Highest CVSS base score over all vulnerabilities (0.0–10.0), null when none is given.</summary>
    public double? MaxBaseScore { get; set; }

    /// <summary>CVSS v3 severity (NONE, LOW, MEDIUM, HIGH, CRITICAL) belonging to <see cref="MaxBaseScore"/>.</summary>
    public string? MaxSeverity { get; set; }

    /// <summary>The current version's original bytes, as received.</summary>
    public required byte[] Content { get; set; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/>.</summary>
    public required string Sha256 { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// Authored: written in Schakel by one of the node's organisations, so the node publishes it as a CSAF trusted provider
    /// (CSAF 2.0 section 7.1). Imported: from another publisher, so the node only mirrors it as an aggregator (section 7.2).
    /// </summary>
    public AdvisoryOrigin Origin { get; set; }

    /// <summary>The source's detached OpenPGP signature (ASCII armoured) of <see cref="Content"/>, when the document was downloaded with one.</summary>
    public string? SourceSignature { get; set; }

    /// <summary>Absolute URL the current version was downloaded from, when it came from a CSAF provider.</summary>
    public string? SourceUrl { get; set; }

    /// <summary>
    /// The current version's warnings from the CSAF validator (failed optional 6.2 and informative 6.3 tests) as a JSON
    /// array of <c>{"testId","path","message"}</c>; null when there were none.
    /// </summary>
    public string? ValidationWarnings { get; set; }

    public List<AdvisoryVulnerability> Vulnerabilities { get; set; } = [];
    public List<AdvisoryProduct> Products { get; set; } = [];
    public List<AdvisoryRevision> Revisions { get; set; } = [];
    public List<Item> Items { get; set; } = [];
}

/// <summary>Where an advisory's document comes from; decides whether the node publishes it as its own or mirrors it.</summary>
public enum AdvisoryOrigin
{
    /// <summary>Imported from a file, the API or a CSAF provider; written by another publisher.</summary>
    Imported,

    /// <summary>Written with Schakel's authoring form by one of the node's organisations.</summary>
    Authored,
}

/// <summary>One vulnerability of an advisory with its highest CVSS base score.</summary>
public class AdvisoryVulnerability
{
    public int Id { get; set; }
    public int AdvisoryId { get; set; }
    public string? Cve { get; set; }
    public string? Title { get; set; }
    public double? BaseScore { get; set; }
    public string? Severity { get; set; }

    /// <summary>The CVSS vector string the score came from.</summary>
    public string? Vector { get; set; }
}

/// <summary>A vendor / product / version triple from the product tree.</summary>
public class AdvisoryProduct
{
    public int Id { get; set; }
    public int AdvisoryId { get; set; }
    public string? Vendor { get; set; }
    public string? Product { get; set; }
    public string? Version { get; set; }

    /// <summary>The full product name of the leaf, as written in the product tree.</summary>
    public string? FullName { get; set; }
}

/// <summary>One version of an advisory exactly as it was received.</summary>
public class AdvisoryRevision
{
    public int Id { get; set; }
    public int AdvisoryId { get; set; }
    public required string Version { get; set; }
    public required byte[] Content { get; set; }
    public required string Sha256 { get; set; }
    public DateTimeOffset CurrentReleaseDate { get; set; }
    public DateTimeOffset ImportedAt { get; set; }

    /// <summary>The source's detached OpenPGP signature (ASCII armoured) of <see cref="Content"/>, when one came with it.</summary>
    public string? SourceSignature { get; set; }
}

internal sealed class AdvisoryConfiguration : IEntityTypeConfiguration<Advisory>
{
    public void Configure(EntityTypeBuilder<Advisory> b)
    {
        b.HasIndex(a => new { a.OwnerOrganisationId, a.PublisherNamespace, a.TrackingId }).IsUnique();
        b.Property(a => a.PublisherNamespace).HasMaxLength(512);
        b.Property(a => a.TrackingId).HasMaxLength(256);
        b.Property(a => a.Version).HasMaxLength(64);
        b.Property(a => a.TrackingStatus).HasMaxLength(16);
        b.Property(a => a.Category).HasMaxLength(128);
        b.Property(a => a.PublisherCategory).HasMaxLength(32);
        b.Property(a => a.SourceTlp).HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.Sha256).HasMaxLength(64);
        b.Property(a => a.Origin).HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.SourceUrl).HasMaxLength(2048);
        b.HasIndex(a => new { a.Origin, a.PublisherNamespace });
        b.HasOne(a => a.OwnerOrganisation).WithMany().HasForeignKey(a => a.OwnerOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Vulnerabilities).WithOne().HasForeignKey(v => v.AdvisoryId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Products).WithOne().HasForeignKey(p => p.AdvisoryId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Revisions).WithOne().HasForeignKey(r => r.AdvisoryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AdvisoryVulnerabilityConfiguration : IEntityTypeConfiguration<AdvisoryVulnerability>
{
    public void Configure(EntityTypeBuilder<AdvisoryVulnerability> b)
    {
        b.Property(v => v.Cve).HasMaxLength(32);
        b.Property(v => v.Severity).HasMaxLength(16);
        b.HasIndex(v => v.Cve);
    }
}

internal sealed class AdvisoryProductConfiguration : IEntityTypeConfiguration<AdvisoryProduct>
{
    public void Configure(EntityTypeBuilder<AdvisoryProduct> b)
    {
        b.HasIndex(p => p.Product);
    }
}

internal sealed class AdvisoryRevisionConfiguration : IEntityTypeConfiguration<AdvisoryRevision>
{
    public void Configure(EntityTypeBuilder<AdvisoryRevision> b)
    {
        b.Property(r => r.Version).HasMaxLength(64);
        b.Property(r => r.Sha256).HasMaxLength(64);
        b.HasIndex(r => new { r.AdvisoryId, r.Version }).IsUnique();
    }
}
