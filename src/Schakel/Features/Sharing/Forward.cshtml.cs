using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Schakel.Data;
using Schakel.Features.Network;
using Schakel.Features.Tlp;
using Schakel.Features.Web;

namespace Schakel.Features.Sharing;

/// <summary>
/// <c>/items/{id}/forward</c>: an analyst of a linking organisation (or the coordinator) forwards an item it received.
/// Recipients come from its own constituency (the coordinator: the whole network), filtered by sector, NIS2 class and
/// region (a GET form) and hand-picked, or the whole constituency at once; under GREEN or CLEAR also wider audiences
/// (sectors, the network, named organisations). <see cref="ForwardingService.ForwardAsync"/> decides; its refusals (for
/// example AMBER beyond the constituency) are shown, nothing is narrowed silently. 404 when the viewer may not see the
/// item, 403 when it may see but not forward it.
/// </summary>
[Authorize]
public sealed class ForwardModel(SchakelDbContext db, ItemAccess access, ForwardingService forwarding, IStringLocalizer<SharedResource> s) : PageModel
{
    /// <summary>Most candidates listed at once; narrow the filters for more.</summary>
    public const int MaxCandidates = 500;

    /// <summary>One organisation that may be hand-picked.</summary>
    public sealed record Candidate(string Key, string Name, IReadOnlyList<string> Sectors, Nis2Class Nis2, string? Region);

    [BindProperty(SupportsGet = true, Name = "sector")] public string? SectorFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "nis2")] public string? Nis2Filter { get; set; }
    [BindProperty(SupportsGet = true, Name = "region")] public string? RegionFilter { get; set; }

    [BindProperty] public List<string> Members { get; set; } = [];
    [BindProperty] public List<string> Shown { get; set; } = [];
    [BindProperty] public bool AllShown { get; set; }
    [BindProperty] public bool WholeConstituency { get; set; }
    [BindProperty] public bool Network { get; set; }
    [BindProperty] public List<string> Sectors { get; set; } = [];
    [BindProperty] public List<string> Organisations { get; set; } = [];
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Label { get; set; }

    public Item Item { get; private set; } = null!;
    public Tlp Held { get; private set; }
    public string? OwnConstituencyKey { get; private set; }
    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];
    public bool Truncated { get; private set; }
    public IReadOnlyList<KeyValuePair<string, string>> AllOrganisations { get; private set; } = [];
    public FormErrors Errors { get; } = [];

    /// <summary>GREEN and CLEAR may go anywhere in the network; AMBER only to the forwarder's constituency.</summary>
    public bool MayGoWide => Held <= Tlp.Green;

    /// <summary>The labels the forward may carry: the held label or stricter, never RED.</summary>
    public IEnumerable<Tlp> LabelChoices => ItemModel.RelabelChoices.Where(t => t >= Held);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var specs = new List<AudienceSpec>();
        if (WholeConstituency && OwnConstituencyKey is not null) specs.Add(new(AudienceKind.Constituency, OwnConstituencyKey));
        var picked = (AllShown ? Shown : Members).Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim().ToLowerInvariant()).Distinct();
        if (!WholeConstituency) specs.AddRange(picked.Select(k => new AudienceSpec(AudienceKind.Organisation, k)));
        if (MayGoWide)
        {
            if (Network) specs.Add(new(AudienceKind.Network, null));
            specs.AddRange(Sectors.Where(v => !string.IsNullOrWhiteSpace(v)).Distinct().Select(v => new AudienceSpec(AudienceKind.Sector, v.Trim().ToLowerInvariant())));
            specs.AddRange(Organisations.Where(v => !string.IsNullOrWhiteSpace(v)).Distinct().Select(v => new AudienceSpec(AudienceKind.Organisation, v.Trim().ToLowerInvariant())));
        }

        Tlp? label = null;
        if (!string.IsNullOrEmpty(Label))
        {
            if (TlpLabels.TryParse(Label, out var t)) label = t;
            else Errors.Add("label", s["InvalidTlp"]);
        }

        if (specs.Count == 0) Errors.Add("recipients", s["ForwardAudienceRequired"]);
        if (Errors.Count > 0) return Page();
        try
        {
            var (_, deliveries) = await forwarding.ForwardAsync(Viewer.From(User), id, specs.Distinct().ToList(), Note, label, ct);
            TempData["Saved"] = s["Forwarded", deliveries].Value;
            return Redirect($"/items/{id}");
        }
        catch (SharingRuleException e)
        {
            db.ChangeTracker.Clear();
            foreach (var p in e.Problems)
                Errors.Add(p.Code switch { "LabelLooser" => "label", "NoteTooLong" => "note", _ => "recipients" }, s.Rule(p));
            return Page();
        }
    }

    /// <summary>The query string of the current filters, for the form's action.</summary>
    public string FilterQuery() => QueryString.Create(new Dictionary<string, string?>
    { ["sector"] = SectorFilter, ["nis2"] = Nis2Filter, ["region"] = RegionFilter }.Where(p => !string.IsNullOrEmpty(p.Value))).Value ?? "";

    // Loads the item and the candidates; returns the refusal (404, 403) when the viewer may not forward it.
    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var viewer = Viewer.From(User);
        var item = await access.VisibleItems(viewer).Include(i => i.PublisherOrganisation).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null) return NotFound();
        Item = item;
        var held = await access.Inbox(viewer).Where(d => d.ItemId == id && d.RecipientPersonId == null).Select(d => (Tlp?)d.EffectiveTlp).FirstOrDefaultAsync(ct);
        var type = viewer.OrganisationType ?? OrganisationType.Member;
        if (held is null || !viewer.IsAnalyst || item.Status != ItemStatus.Published || item.Tlp == Tlp.Red || item.PublisherOrganisationId == viewer.OrganisationId
            || SharingRules.ForwardProblem(type, held.Value, [], new HashSet<int>()) is not null)
            return StatusCode(StatusCodes.Status403Forbidden);
        Held = held.Value;

        var orgId = viewer.OrganisationId!.Value;
        var candidates = db.Organisations.AsNoTracking().Where(o => o.IsActive && o.RemoteNode == null && o.Id != orgId && o.Id != item.PublisherOrganisationId);
        if (type == OrganisationType.LinkingOrganisation)
        {
            OwnConstituencyKey = await db.Organisations.Where(o => o.Id == orgId).Select(o => o.Key).FirstAsync(ct);
            candidates = candidates.Where(o => o.LinkingOrganisations.Any(m => m.LinkingOrganisationId == orgId));
        }

        if (!string.IsNullOrEmpty(SectorFilter))
        {
            if (Vocabulary.IsSector(SectorFilter)) candidates = candidates.Where(o => o.Sectors.Contains(SectorFilter));
            else Errors.Add("sector", s["InvalidSector"]);
        }

        if (!string.IsNullOrEmpty(Nis2Filter))
        {
            if (Enum.TryParse<Nis2Class>(Nis2Filter, ignoreCase: false, out var c) && Enum.IsDefined(c)) candidates = candidates.Where(o => o.Nis2Class == c);
            else Errors.Add("nis2", s["InvalidNis2"]);
        }

        if (!string.IsNullOrEmpty(RegionFilter))
        {
            if (Vocabulary.Regions.Contains(RegionFilter)) candidates = candidates.Where(o => o.Region == RegionFilter);
            else Errors.Add("region", s["InvalidRegion"]);
        }

        var rows = await candidates.OrderBy(o => o.Name).Take(MaxCandidates + 1)
            .Select(o => new Candidate(o.Key, o.Name, o.Sectors, o.Nis2Class, o.Region)).ToListAsync(ct);
        Truncated = rows.Count > MaxCandidates;
        Candidates = rows.Take(MaxCandidates).ToList();
        if (MayGoWide)
        {
            AllOrganisations = await db.Organisations.AsNoTracking().Where(o => o.IsActive && o.RemoteNode == null && o.Id != orgId)
                .OrderBy(o => o.Name).Select(o => KeyValuePair.Create(o.Key, o.Name)).ToListAsync(ct);
        }

        return null;
    }
}
