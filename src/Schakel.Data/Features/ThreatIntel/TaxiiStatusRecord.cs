using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Schakel.Features.ThreatIntel;

/// <summary>
/// The status of one TAXII "add objects" request (TAXII 2.1 sections 4.3 and 5.5): who posted it, to which collection, the
/// item it became, and the per-object outcome. Processing is synchronous, so a status is complete when it is stored. Read
/// back only by the organisation that posted it.
/// </summary>
public class TaxiiStatusRecord
{
    /// <summary>The status id (TAXII identifier, a version 4 UUID).</summary>
    public Guid Id { get; set; }

    /// <summary>The posting organisation; only its people may read the status.</summary>
    public int OrganisationId { get; set; }
    public string? PersonId { get; set; }

    /// <summary>The collection key the envelope was posted to (<c>public</c>, <c>network</c>, <c>sector:KEY</c>, …).</summary>
    public required string CollectionKey { get; set; }

    /// <summary>The item the objects became (null when the import was rejected).</summary>
    public Guid? ItemId { get; set; }

    /// <summary>When the request arrived (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary><c>request_timestamp</c> as sent to the client (STIX timestamp, microseconds).</summary>
    public required string RequestTimestamp { get; set; }

    public int TotalCount { get; set; }
    public int SuccessCount { get; set; }
    public int FailureCount { get; set; }

    /// <summary>The status details as JSON: <c>{"successes":[{id,version,message}],"failures":[…]}</c> in TAXII property names.</summary>
    public required string Details { get; set; }
}

internal sealed class TaxiiStatusRecordConfiguration : IEntityTypeConfiguration<TaxiiStatusRecord>
{
    public void Configure(EntityTypeBuilder<TaxiiStatusRecord> b)
    {
        b.HasKey(s => s.Id);
        b.Property(s => s.CollectionKey).HasMaxLength(128);
        b.Property(s => s.RequestTimestamp).HasMaxLength(64);
        b.HasIndex(s => s.OrganisationId);
    }
}
