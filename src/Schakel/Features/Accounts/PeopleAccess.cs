using Schakel.Features.Tlp;

namespace Schakel.Features.Accounts;

/// <summary>
/// Who may manage whom on the people pages: a platform administrator everyone, an organisation administrator the
/// people of their own organisation. Only a platform administrator grants or removes <see cref="Roles.PlatformAdmin"/>.
/// </summary>
public static class PeopleAccess
{
    public static bool CanManageAny(Viewer viewer) => viewer.IsAuthenticated && (viewer.IsPlatformAdmin || viewer.IsOrgAdmin);

    public static bool CanManage(Viewer viewer, int organisationId) =>
        viewer.IsAuthenticated && (viewer.IsPlatformAdmin || (viewer.IsOrgAdmin && viewer.OrganisationId == organisationId));

    /// <summary>The roles the viewer may hand out.</summary>
    public static IReadOnlyList<string> GrantableRoles(Viewer viewer) =>
        viewer.IsPlatformAdmin ? Roles.All : [.. Roles.All.Where(r => r != Roles.PlatformAdmin)];
}
