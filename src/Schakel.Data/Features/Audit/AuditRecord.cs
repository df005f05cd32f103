using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Schakel.Features.Audit;

/// <summary>
/// One entry of the append-only, hash-chained audit log (DESIGN.md section 3a). <see cref="Sequence"/> orders the
/// chain (1, 2, 3, … without gaps); <see cref="Hash"/> is the lower-case hex SHA-256 of the record's canonical form,
/// which includes <see cref="PreviousHash"/>. Records never hold item content: only ids, keys and action details.
/// </summary>
public class AuditRecord
{
    /// <summary>Position in the chain, from 1.</summary>
    public long Sequence { get; set; }

    /// <summary>UTC.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>What happened, a stable key such as <c>item.publish</c>, <c>item.read</c>, <c>organisation.update</c>.</summary>
    public required string Action { get; set; }
    public string? PersonId { get; set; }
    public string? PersonEmail { get; set; }
    public int? OrganisationId { get; set; }
    public string? OrganisationKey { get; set; }
    public Guid? ItemId { get; set; }

    /// <summary>The publishing organisation of <see cref="ItemId"/>, so that its auditors find what happened to their items.</summary>
    public int? ItemOrganisationId { get; set; }

    /// <summary>What else the action was about: an organisation key, a person's e-mail, a token id, an audience.</summary>
    public string? Subject { get; set; }

    /// <summary>Action details as compact JSON (labels, counts, reasons); never item content.</summary>
    public string? Detail { get; set; }

    /// <summary>Where the request came from: the client IP address, or <c>cli</c>.</summary>
    public string? Source { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> b)
    {
        b.HasKey(r => r.Sequence);
        b.Property(r => r.Sequence).ValueGeneratedNever();
        b.Property(r => r.Action).HasMaxLength(64);
        b.Property(r => r.PersonEmail).HasMaxLength(256);
        b.Property(r => r.OrganisationKey).HasMaxLength(64);
        b.Property(r => r.Subject).HasMaxLength(512);
        b.Property(r => r.Detail).HasMaxLength(4000);
        b.Property(r => r.Source).HasMaxLength(64);
        b.Property(r => r.PreviousHash).HasMaxLength(64);
        b.Property(r => r.Hash).HasMaxLength(64);
        b.HasIndex(r => new { r.OrganisationId, r.At });
        b.HasIndex(r => new { r.ItemOrganisationId, r.At });
        b.HasIndex(r => r.ItemId);
        b.HasIndex(r => r.At);
    }
}
