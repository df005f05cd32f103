using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Schakel.Features.Network;

/// <summary>An organisation in the network: coordinator, director, linking organisation or member.</summary>
public class Organisation
{
    public int Id { get; set; }

    /// <summary>Unique short key, lower case (<c>ncsc</c>, <c>z-cert</c>).</summary>
    public required string Key { get; set; }
    public required string Name { get; set; }
    public OrganisationType Type { get; set; }

    /// <summary>Only for linking organisations.</summary>
    public Designation? Designation { get; set; }

    /// <summary>Chamber of Commerce (KvK) number, 8 digits, where the organisation has one.</summary>
    public string? KvkNumber { get; set; }

    /// <summary>Government organisation identification number (OIN), 20 digits.</summary>
    public string? Oin { get; set; }

    /// <summary>Sector keys of <see cref="Vocabulary.Sectors"/>.</summary>
    public List<string> Sectors { get; set; } = [];
    public Nis2Class Nis2Class { get; set; }

    /// <summary>Region key of <see cref="Vocabulary.Regions"/>.</summary>
    public string? Region { get; set; }

    /// <summary>Wbni article 3 category key (<see cref="Vocabulary.WbniCategories"/>).</summary>
    public string WbniCategory { get; set; } = "none";

    /// <summary>Functional mailbox.</summary>
    public string? Email { get; set; }

    /// <summary>24/7 phone number.</summary>
    public string? Phone { get; set; }

    /// <summary>ASCII-armoured OpenPGP public key.</summary>
    public string? PgpKey { get; set; }
    public string? Website { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>
    /// Set for a node-local organisation that represents another Schakel node (federation): that node's TAXII API root
    /// URL. Such an organisation publishes what this node pulls from there; it has no people of its own.
    /// </summary>
    public string? RemoteNode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Linking organisations whose constituency this organisation belongs to.</summary>
    public List<ConstituencyMembership> LinkingOrganisations { get; set; } = [];

    /// <summary>For a linking organisation: the members of its constituency.</summary>
    public List<ConstituencyMembership> Constituency { get; set; } = [];
}

/// <summary>Membership of an organisation in a linking organisation's constituency.</summary>
public class ConstituencyMembership
{
    public int LinkingOrganisationId { get; set; }
    public Organisation LinkingOrganisation { get; set; } = null!;
    public int MemberId { get; set; }
    public Organisation Member { get; set; } = null!;
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.HasIndex(o => o.Key).IsUnique();
        b.Property(o => o.Key).HasMaxLength(64);
        b.Property(o => o.Name).HasMaxLength(256);
        b.Property(o => o.Type).HasConversion<string>().HasMaxLength(32);
        b.Property(o => o.Designation).HasConversion<string>().HasMaxLength(8);
        b.Property(o => o.Nis2Class).HasConversion<string>().HasMaxLength(16);
        b.Property(o => o.Region).HasMaxLength(8);
        b.Property(o => o.WbniCategory).HasMaxLength(32);
        b.Property(o => o.KvkNumber).HasMaxLength(8);
        b.Property(o => o.Oin).HasMaxLength(20);
        b.Property(o => o.Email).HasMaxLength(256);
        b.Property(o => o.Phone).HasMaxLength(32);
        b.Property(o => o.Website).HasMaxLength(256);
        b.Property(o => o.RemoteNode).HasMaxLength(2048);
    }
}

internal sealed class ConstituencyMembershipConfiguration : IEntityTypeConfiguration<ConstituencyMembership>
{
    public void Configure(EntityTypeBuilder<ConstituencyMembership> b)
    {
        b.HasKey(m => new { m.LinkingOrganisationId, m.MemberId });
        b.HasOne(m => m.LinkingOrganisation).WithMany(o => o.Constituency)
            .HasForeignKey(m => m.LinkingOrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Member).WithMany(o => o.LinkingOrganisations)
            .HasForeignKey(m => m.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(m => m.MemberId);
    }
}
