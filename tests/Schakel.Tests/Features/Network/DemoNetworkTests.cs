using Microsoft.EntityFrameworkCore;
using Schakel.Features.Network;
using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Network;

public sealed class DemoNetworkTests
{
    [Fact]
    public async Task Seed_FreshDatabase_IsRealisticNetwork()
    {
        using var factory = new SchakelFactory();
        var health = await factory.CreateClient().GetAsync("/healthz");
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);

        var orgs = await factory.WithDbAsync((db, _) => db.Organisations.Include(o => o.LinkingOrganisations).ToListAsync());
        Assert.Single(orgs, o => o.Key == "ncsc" && o.Type == OrganisationType.Coordinator);
        Assert.Single(orgs, o => o.Key == "nctv" && o.Type == OrganisationType.Director);
        var linking = orgs.Where(o => o.Type == OrganisationType.LinkingOrganisation).ToList();
        Assert.True(linking.Count >= 5);
        Assert.Contains(linking, o => o.Designation == Designation.CERT);
        Assert.Contains(linking, o => o.Designation == Designation.OKTT);
        var members = orgs.Where(o => o.Type == OrganisationType.Member).ToList();
        Assert.True(members.Count >= 40, $"{members.Count} members");
        // One member has no linking organisation on purpose: without a basis it is listed to the coordinator as unreachable.
        Assert.Single(members, m => m.LinkingOrganisations.Count == 0 && m.WbniCategory == "none");
        Assert.Contains(members, m => m.Region!.StartsWith("BQ-", StringComparison.Ordinal));
        Assert.Equal(3, members.Select(m => m.Nis2Class).Distinct().Count());
        Assert.True(members.SelectMany(m => m.Sectors).Distinct().Count() >= 15);
        Assert.All(orgs, o => Assert.EndsWith(".example.nl", o.Email));

        var roles = await factory.WithDbAsync((db, _) => db.Roles.Where(r => db.UserRoles.Any(ur => ur.RoleId == r.Id)).Select(r => r.Name).ToListAsync());
        Assert.Equal(Schakel.Features.Accounts.Roles.All.Order(), roles.Order());
    }
}
