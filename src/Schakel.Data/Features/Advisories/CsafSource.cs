using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Schakel.Features.Network;
using Schakel.Features.Sharing;

namespace Schakel.Features.Advisories;

/// <summary>
/// A CSAF provider this node subscribes to: its advisories are downloaded every <see cref="IntervalMinutes"/> and imported
/// as <see cref="OrganisationId"/>'s, published to <see cref="Audience"/>. Managed by platform administrators.
/// </summary>
public class CsafSource
{
    public int Id { get; set; }

    /// <summary>A provider-metadata.json URL or a domain, as given.</summary>
    public required string Url { get; set; }

    /// <summary>The importing organisation (the owner of the imported advisories).</summary>
    public int OrganisationId { get; set; }
    public Organisation Organisation { get; set; } = null!;

    /// <summary>The publishing person (an analyst of the organisation) or null; needed only for RED, which a source never accepts.</summary>
    public string? PersonId { get; set; }

    /// <summary>Audience specs separated by spaces (<c>network</c>, <c>sector:KEY</c>, <c>org:KEY</c>, <c>constituency:KEY</c>); empty: stored as drafts.</summary>
    public string Audience { get; set; } = "";

    /// <summary>Documents labelled stricter than this are refused (per document).</summary>
    public Tlp MaxTlp { get; set; } = Tlp.Clear;

    /// <summary>Minutes between runs.</summary>
    public int IntervalMinutes { get; set; } = 60;

    public bool Enabled { get; set; } = true;

    /// <summary>Bearer token for the provider, protected with ASP.NET Core Data Protection; null when none.</summary>
    public string? ProtectedToken { get; set; }

    /// <summary>UTC: every listed document changed up to this instant has been handled (imported or kept as a failure). Null: never.</summary>
    public DateTimeOffset? Cursor { get; set; }

    /// <summary>UTC.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastRunAt { get; set; }

    /// <summary>True when the last run finished without a run-level error.</summary>
    public bool? LastRunOk { get; set; }

    /// <summary>One line: counts, or why the run stopped.</summary>
    public string? LastResult { get; set; }
    public List<CsafSourceFailure> Failures { get; set; } = [];
}

/// <summary>A document of a source that failed (hash, signature, missing, invalid, refused...); tried again on each run until it imports.</summary>
public class CsafSourceFailure
{
    public int Id { get; set; }
    public int SourceId { get; set; }
    public required string DocumentUrl { get; set; }

    /// <summary>The failure kind (<c>Missing</c>, <c>HashMismatch</c>, <c>BadSignature</c>, <c>Invalid</c>, <c>Rejected</c>, ...).</summary>
    public required string Kind { get; set; }
    public required string Message { get; set; }
    public int Attempts { get; set; }

    /// <summary>UTC.</summary>
    public DateTimeOffset FirstFailedAt { get; set; }
    public DateTimeOffset LastTriedAt { get; set; }
}

internal sealed class CsafSourceConfiguration : IEntityTypeConfiguration<CsafSource>
{
    public void Configure(EntityTypeBuilder<CsafSource> b)
    {
        b.Property(s => s.Url).HasMaxLength(2048);
        b.Property(s => s.Audience).HasMaxLength(2000);
        b.Property(s => s.PersonId).HasMaxLength(450);
        b.Property(s => s.ProtectedToken).HasMaxLength(4000);
        b.Property(s => s.LastResult).HasMaxLength(2000);
        b.HasOne(s => s.Organisation).WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Failures).WithOne().HasForeignKey(f => f.SourceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CsafSourceFailureConfiguration : IEntityTypeConfiguration<CsafSourceFailure>
{
    public void Configure(EntityTypeBuilder<CsafSourceFailure> b)
    {
        b.Property(f => f.DocumentUrl).HasMaxLength(2048);
        b.Property(f => f.Kind).HasMaxLength(32);
        b.Property(f => f.Message).HasMaxLength(2000);
        b.HasIndex(f => new { f.SourceId, f.DocumentUrl }).IsUnique();
    }
}
