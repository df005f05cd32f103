using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Schakel.Features.Accounts;
using Schakel.Features.Advisories;
using Schakel.Features.Audit;
using Schakel.Features.Network;
using Schakel.Features.Sharing;
using Schakel.Features.ThreatIntel;

namespace Schakel.Data;

/// <summary>The node's database: Identity tables plus every feature's entities. Used directly by the features.</summary>
public class SchakelDbContext(DbContextOptions<SchakelDbContext> options) : IdentityDbContext<Person>(options)
{
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<ConstituencyMembership> ConstituencyMemberships => Set<ConstituencyMembership>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Item> Items => Set<Item>();
    public DbSet<AudienceEntry> AudienceEntries => Set<AudienceEntry>();
    public DbSet<Delivery> Deliveries => Set<Delivery>();
    public DbSet<DeliveryRoute> DeliveryRoutes => Set<DeliveryRoute>();
    public DbSet<Advisory> Advisories => Set<Advisory>();
    public DbSet<AdvisoryRevision> AdvisoryRevisions => Set<AdvisoryRevision>();
    public DbSet<AdvisoryVulnerability> AdvisoryVulnerabilities => Set<AdvisoryVulnerability>();
    public DbSet<AdvisoryProduct> AdvisoryProducts => Set<AdvisoryProduct>();
    public DbSet<Forward> Forwards => Set<Forward>();
    public DbSet<Relay> Relays => Set<Relay>();
    public DbSet<RelayTarget> RelayTargets => Set<RelayTarget>();
    public DbSet<UnreachableMember> UnreachableMembers => Set<UnreachableMember>();
    public DbSet<RelayPolicy> RelayPolicies => Set<RelayPolicy>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();
    public DbSet<StixObjectVersion> StixObjectVersions => Set<StixObjectVersion>();
    public DbSet<ItemStixObject> ItemStixObjects => Set<ItemStixObject>();
    public DbSet<ThreatIntelPayload> ThreatIntelPayloads => Set<ThreatIntelPayload>();
    public DbSet<TaxiiStatusRecord> TaxiiStatusRecords => Set<TaxiiStatusRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(SchakelDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // TLP labels stay integers (Clear = 0 … Red = 4) so that "stricter than" is a plain comparison in SQL.
        // SQLite has no date type: times are stored as UTC ticks so that they sort and compare in SQL.
        if (Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }
}
