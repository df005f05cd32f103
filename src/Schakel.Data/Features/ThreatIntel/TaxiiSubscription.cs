using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Schakel.Features.Network;
using Schakel.Features.Sharing;

namespace Schakel.Features.ThreatIntel;

/// <summary>
/// A TAXII 2.1 collection on another node (or any TAXII server) that this node pulls from every
/// <see cref="IntervalMinutes"/>: what arrives is published by <see cref="SourceOrganisationId"/> (the node-local
/// organisation representing the source node) to <see cref="Audience"/>. Managed by platform administrators.
/// </summary>
public class TaxiiSubscription
{
    public int Id { get; set; }

    /// <summary>The API root URL (absolute, ending with a slash), as discovery resolved it.</summary>
    public required string ApiRoot { get; set; }

    /// <summary>The collection id on that API root.</summary>
    public required string CollectionId { get; set; }

    /// <summary>The user name for HTTP Basic; null: the token is sent as a bearer token.</summary>
    public string? Username { get; set; }

    /// <summary>The token (or Basic password), protected with ASP.NET Core Data Protection; null when none.</summary>
    public string? ProtectedToken { get; set; }

    /// <summary>Items labelled stricter than this are refused (RED always is).</summary>
    public Tlp MaxTlp { get; set; } = Tlp.Green;

    /// <summary>Audience specs separated by spaces (<c>network</c>, <c>sector:KEY</c>, <c>org:KEY</c>, <c>constituency:KEY</c>); empty: drafts.</summary>
    public string Audience { get; set; } = "";

    /// <summary>The node-local organisation that publishes what is pulled (it represents the source node).</summary>
    public int SourceOrganisationId { get; set; }
    public Organisation SourceOrganisation { get; set; } = null!;

    /// <summary>
    /// The <c>X-TAXII-Date-Added-Last</c> of the last page whose objects are all stored, exactly as the server sent it (full
    /// precision); the next pull asks for <c>added_after</c> this. Null: from the start.
    /// </summary>
    public string? Cursor { get; set; }

    /// <summary>Minutes between runs.</summary>
    public int IntervalMinutes { get; set; } = 15;

    public bool Enabled { get; set; } = true;

    /// <summary>UTC.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastRunAt { get; set; }
    public bool? LastRunOk { get; set; }

    /// <summary>One line: counts, or why the run stopped.</summary>
    public string? LastResult { get; set; }

    /// <summary>Runs that failed in a row (the worker backs off exponentially); 0 after a good run.</summary>
    public int FailedRuns { get; set; }

    /// <summary>
    /// When the last reconcile against the source's manifest completed without error (UTC; TAXII 2.1 section 5.3), null when
    /// none did. The runner reconciles again after a good pull once this is older than <c>Federation:ReconcileHours</c>.
    /// </summary>
    public DateTimeOffset? LastReconciledAt { get; set; }
}

internal sealed class TaxiiSubscriptionConfiguration : IEntityTypeConfiguration<TaxiiSubscription>
{
    public void Configure(EntityTypeBuilder<TaxiiSubscription> b)
    {
        b.Property(s => s.ApiRoot).HasMaxLength(2048);
        b.Property(s => s.CollectionId).HasMaxLength(256);
        b.Property(s => s.Username).HasMaxLength(256);
        b.Property(s => s.ProtectedToken).HasMaxLength(4000);
        b.Property(s => s.Audience).HasMaxLength(2000);
        b.Property(s => s.Cursor).HasMaxLength(64);
        b.Property(s => s.LastResult).HasMaxLength(2000);
        b.HasOne(s => s.SourceOrganisation).WithMany().HasForeignKey(s => s.SourceOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.ApiRoot, s.CollectionId }).IsUnique();
    }
}
