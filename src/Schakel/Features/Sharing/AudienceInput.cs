using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Network;
using Schakel.Features.Tlp;

namespace Schakel.Features.Sharing;

/// <summary>
/// The audience part of the publish forms (upload and draft): whole network, sectors, named organisations and one
/// linking organisation's constituency; for TLP:RED, named people by e-mail address. Field names are <c>Audience.Network</c>, <c>Audience.Sectors</c>, ….
/// </summary>
public sealed class AudienceInput
{
    public bool Network { get; set; }
    public List<string> Sectors { get; set; } = [];
    public List<string> Organisations { get; set; } = [];
    public string? Constituency { get; set; }

    /// <summary>E-mail addresses for a TLP:RED item (<c>person:EMAIL</c>), separated by commas, semicolons, spaces or new lines.</summary>
    public string? Persons { get; set; }

    /// <summary>The chosen audiences as specs (DESIGN.md section 2a); empty when nothing is chosen.</summary>
    public IReadOnlyList<AudienceSpec> ToSpecs()
    {
        var specs = new List<AudienceSpec>();
        if (Network) specs.Add(new AudienceSpec(AudienceKind.Network, null));
        specs.AddRange(Sectors.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct().Select(s => new AudienceSpec(AudienceKind.Sector, s.Trim().ToLowerInvariant())));
        specs.AddRange(Organisations.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct().Select(s => new AudienceSpec(AudienceKind.Organisation, s.Trim().ToLowerInvariant())));
        if (!string.IsNullOrWhiteSpace(Constituency)) specs.Add(new AudienceSpec(AudienceKind.Constituency, Constituency.Trim().ToLowerInvariant()));
        specs.AddRange((Persons ?? "").Split([',', ';', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.ToLowerInvariant()).Distinct().Select(e => new AudienceSpec(AudienceKind.Person, e)));
        return specs;
    }
}

/// <summary>What the audience fields offer: organisations to name (key, name) and the constituencies the publisher may address.</summary>
public sealed record AudienceChoices(IReadOnlyList<KeyValuePair<string, string>> Organisations, IReadOnlyList<KeyValuePair<string, string>> Constituencies)
{
    /// <summary>
    /// Active organisations other than the viewer's own and those that represent another node; constituencies: every linking organisation for the
    /// coordinator, only its own for a linking organisation.
    /// </summary>
    public static async Task<AudienceChoices> LoadAsync(SchakelDbContext db, Viewer viewer, CancellationToken ct)
    {
        var orgs = await db.Organisations.AsNoTracking().Where(o => o.IsActive && o.Id != viewer.OrganisationId && o.RemoteNode == null)
            .OrderBy(o => o.Name).Select(o => KeyValuePair.Create(o.Key, o.Name)).ToListAsync(ct);
        var linking = db.Organisations.AsNoTracking().Where(o => o.IsActive && o.Type == OrganisationType.LinkingOrganisation && o.RemoteNode == null);
        if (viewer.OrganisationType != OrganisationType.Coordinator) linking = linking.Where(o => o.Id == viewer.OrganisationId);
        var constituencies = await linking.OrderBy(o => o.Name).Select(o => KeyValuePair.Create(o.Key, o.Name)).ToListAsync(ct);
        return new AudienceChoices(orgs, constituencies);
    }
}

/// <summary>Model of the shared partial <c>Shared/_AudienceFields.cshtml</c>; its errors use the field id <c>audience</c>.</summary>
public sealed record AudienceFieldsModel(AudienceInput Input, AudienceChoices Choices, Web.FormErrors Errors);
