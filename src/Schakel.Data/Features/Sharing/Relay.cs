using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Schakel.Features.Network;

namespace Schakel.Features.Sharing;

/// <summary>State of a relay.</summary>
public enum RelayStatus
{
    /// <summary>Waiting for the linking organisation's analysts (its policy for the label is "review first").</summary>
    Pending,

    /// <summary>Relayed: the targets hold deliveries routed via the linking organisation.</summary>
    Done,

    /// <summary>Withdrawn because the originator tightened the label to one that cannot be relayed, or retracted the item.</summary>
    Cancelled,
}

/// <summary>
/// A relay delivery's task: the coordinator informed linking organisation <see cref="LinkingOrganisationId"/> so that it
/// passes the item on to <see cref="Targets"/>, members in its constituency without a Wbni article 3 basis of their own
/// (DESIGN.md section 3, legal basis). One per item and linking organisation.
/// </summary>
public class Relay
{
    public int Id { get; set; }
    public Guid ItemId { get; set; }
    public Item Item { get; set; } = null!;
    public int LinkingOrganisationId { get; set; }
    public Organisation LinkingOrganisation { get; set; } = null!;
    public RelayStatus Status { get; set; }

    /// <summary>UTC.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DoneAt { get; set; }

    /// <summary>The forward (kind <see cref="ForwardKind.Relay"/>) that carried it out.</summary>
    public int? ForwardId { get; set; }
    public Forward? Forward { get; set; }
    public List<RelayTarget> Targets { get; set; } = [];
}

/// <summary>One member a relay is for.</summary>
public class RelayTarget
{
    public int RelayId { get; set; }
    public Relay Relay { get; set; } = null!;
    public int MemberOrganisationId { get; set; }
}

/// <summary>
/// A member in the coordinator's audience that no route can reach: no basis of its own and no linking organisation
/// that can relay, or a label that cannot be relayed (AMBER+STRICT). Listed to the coordinator, never silently skipped.
/// </summary>
public class UnreachableMember
{
    public int Id { get; set; }
    public Guid ItemId { get; set; }
    public int OrganisationId { get; set; }
    public Organisation Organisation { get; set; } = null!;

    /// <summary><c>NoBasisNoLinkingOrganisation</c>, <c>LabelForbidsRelay</c> or <c>NoLinkingOrganisationWithBasis</c>.</summary>
    public required string Reason { get; set; }

    /// <summary>UTC.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A linking organisation's choice, per label, between automatic relay and review first.</summary>
public class RelayPolicy
{
    public int OrganisationId { get; set; }
    public Tlp Tlp { get; set; }
    public bool Automatic { get; set; }

    /// <summary>
    /// Without a stored choice relays go out automatically, so that nothing waits unseen for a linking organisation that
    /// has not chosen; review first is an explicit choice.
    /// </summary>
    public static bool DefaultAutomatic(Tlp tlp) => tlp <= Tlp.Amber;
}

internal sealed class RelayConfiguration : IEntityTypeConfiguration<Relay>
{
    public void Configure(EntityTypeBuilder<Relay> b)
    {
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.HasOne(r => r.Item).WithMany().HasForeignKey(r => r.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(r => r.LinkingOrganisation).WithMany().HasForeignKey(r => r.LinkingOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Forward).WithMany().HasForeignKey(r => r.ForwardId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(r => new { r.ItemId, r.LinkingOrganisationId }).IsUnique();
        b.HasIndex(r => new { r.LinkingOrganisationId, r.Status, r.CreatedAt });
    }
}

internal sealed class RelayTargetConfiguration : IEntityTypeConfiguration<RelayTarget>
{
    public void Configure(EntityTypeBuilder<RelayTarget> b)
    {
        b.HasKey(t => new { t.RelayId, t.MemberOrganisationId });
        b.HasOne(t => t.Relay).WithMany(r => r.Targets).HasForeignKey(t => t.RelayId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UnreachableMemberConfiguration : IEntityTypeConfiguration<UnreachableMember>
{
    public void Configure(EntityTypeBuilder<UnreachableMember> b)
    {
        b.Property(u => u.Reason).HasMaxLength(64);
        b.HasOne<Item>().WithMany().HasForeignKey(u => u.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(u => u.Organisation).WithMany().HasForeignKey(u => u.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => new { u.ItemId, u.OrganisationId }).IsUnique();
    }
}

internal sealed class RelayPolicyConfiguration : IEntityTypeConfiguration<RelayPolicy>
{
    public void Configure(EntityTypeBuilder<RelayPolicy> b)
    {
        b.HasKey(p => new { p.OrganisationId, p.Tlp });
        b.HasOne<Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}
