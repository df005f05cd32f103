using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Sharing;
using Schakel.Features.Tlp;

namespace Schakel.Features.Web;

/// <summary>What the layout shows about the signed-in person: name, organisation and which menu items apply.</summary>
public sealed record LayoutPerson(string Name, string OrganisationName, bool MayPublish, bool IsAdmin, bool IsAuditor = false);

/// <summary>Reads <see cref="LayoutPerson"/> for the current request (one small query per page).</summary>
public sealed class LayoutInfo(SchakelDbContext db, IHttpContextAccessor http)
{
    private LayoutPerson? _person;

    /// <summary>The signed-in person, or null for an anonymous visitor.</summary>
    public async Task<LayoutPerson?> PersonAsync()
    {
        if (_person is not null) return _person;
        var user = http.HttpContext?.User;
        var viewer = Viewer.From(user);
        if (!viewer.IsAuthenticated) return null;
        var orgName = await db.Organisations.AsNoTracking().Where(o => o.Id == viewer.OrganisationId).Select(o => o.Name).FirstOrDefaultAsync() ?? "";
        _person = new LayoutPerson(user!.FindFirst("name")?.Value ?? user.Identity?.Name ?? "", orgName,
            MayPublish(viewer), viewer.IsOrgAdmin || viewer.IsPlatformAdmin, Audit.AuditScope.IsAuditor(viewer));
        return _person;
    }

    /// <summary>Analysts of the coordinator or of a linking organisation publish.</summary>
    public static bool MayPublish(Viewer viewer) => viewer.IsAnalyst && PublishingService.MayPublish(viewer.OrganisationType);
}
