using System.Text.Json.Nodes;
using Schakel.Stix.Markings;

namespace Schakel.Stix.Misp;

/// <summary>What the caller knows about the item being exported.</summary>
public sealed record StixToMispOptions
{
    /// <summary>The item's TLP label, written as the event's <c>tlp:</c> tag; null: the strictest marking of the report or grouping.</summary>
    public StixTlp? Tlp { get; init; }

    /// <summary>The item's audience in Schakel's syntax (<c>network</c>, <c>org:KEY</c>, …), from which the distribution is derived.</summary>
    public IReadOnlyList<string> Audience { get; init; } = [];

    /// <summary>The exporting organisation's key: an audience of only <c>org:</c> this key is distribution 0.</summary>
    public string? OwnOrganisationKey { get; init; }

    /// <summary>Schakel's organisations, to name the members of a sharing group (distribution 4).</summary>
    public IReadOnlyList<SchakelOrganisation> Organisations { get; init; } = [];

    /// <summary>The event's uuid and <c>info</c> when the objects hold no report or grouping (e.g. the item's id and title).</summary>
    public string? EventUuid { get; init; }

    /// <inheritdoc cref="EventUuid"/>
    public string? Info { get; init; }
}

/// <summary>A MISP event as JSON text (<c>{"Event":{…}}</c>, indented) and what could not be expressed in it.</summary>
public sealed record MispExport(string Json, IReadOnlyList<MispUnmapped> Unmapped);

/// <summary>
/// Writes STIX 2.1 objects (an item's current objects) as one MISP event that MISP can import (MISP core format):
/// the report or grouping gives <c>uuid</c>, <c>info</c>, <c>date</c>, <c>published</c> (report) and its labels the event's
/// tags; its creator identity <c>Orgc</c>; indicators with patterns of equality comparisons joined by AND become attributes
/// with <c>to_ids</c> true (or MISP objects), observed-data and loose SCOs attributes without it, following the same tables
/// as <see cref="MispToStix"/> (and its <c>misp:type</c>/<c>misp:category</c>/<c>misp:name</c> labels when present, so a MISP
/// → STIX → MISP round trip keeps every attribute's type and value); notes text attributes; vulnerabilities, campaigns
/// and galaxy-like SDOs vulnerability and campaign-name attributes and <c>misp-galaxy:</c> tags; relationships from
/// MISP objects object references. The TLP becomes a <c>tlp:</c> tag (CLEAR as <c>tlp:clear</c>) and the audience the
/// distribution: <c>network</c> 1, only the exporter's own organisation 0, only organisations a sharing group (4);
/// anything else 0 with a report. Every object without a MISP equivalent is listed in <see cref="MispExport.Unmapped"/>
/// and kept as a <c>text</c> attribute holding its STIX JSON.
/// </summary>
public static class StixToMisp
{
    /// <summary>Writes the event; never throws for objects read by <see cref="StixBundleReader"/>.</summary>
    public static MispExport Convert(IEnumerable<StixObject> objects, StixToMispOptions? options = null)
    {
        options ??= new StixToMispOptions();
        var current = objects.GroupBy(o => o.Id).Select(g => g.OrderByDescending(o => o.Version?.SortKey ?? "").First()).ToList();
        var unmapped = new List<MispUnmapped>();
        var writer = new StixMispWriter(current, unmapped);
        var ev = writer.Write(options);
        ev["Tag"] = Tags(writer.EventTags, TlpOf(current, writer.Container, options));
        Distribution(ev, options, unmapped);
        var root = new JsonObject { ["Event"] = ev };
        return new MispExport(root.ToJsonString(new System.Text.Json.JsonSerializerOptions(JsonNodes.Options) { WriteIndented = true }), unmapped);
    }

    /// <summary>The MISP <c>tlp</c> taxonomy tag of a label (TLP 2.0 names).</summary>
    public static string TlpTag(StixTlp tlp) => tlp switch
    {
        StixTlp.Clear => "tlp:clear",
        StixTlp.Green => "tlp:green",
        StixTlp.Amber => "tlp:amber",
        StixTlp.AmberStrict => "tlp:amber+strict",
        _ => "tlp:red",
    };

    private static StixTlp? TlpOf(List<StixObject> objects, StixObject? container, StixToMispOptions options)
    {
        if (options.Tlp is { } given) return given;
        var resolver = new MarkingResolver(objects);
        return container is not null ? resolver.LabelOf(container) : resolver.Resolve(objects).Label;
    }

    private static JsonArray Tags(IEnumerable<string> names, StixTlp? tlp)
    {
        var all = names.Where(n => !n.StartsWith("tlp:", StringComparison.OrdinalIgnoreCase) || !TlpMarkings.TryParseName(n, out _)).ToList();
        if (tlp is { } t) all.Insert(0, TlpTag(t));
        return new JsonArray(all.Distinct().Select(n => (JsonNode)new JsonObject { ["name"] = n }).ToArray());
    }

    private static void Distribution(JsonObject ev, StixToMispOptions options, List<MispUnmapped> unmapped)
    {
        var audience = options.Audience.Distinct().ToList();
        var orgKeys = audience.Where(a => a.StartsWith("org:", StringComparison.Ordinal)).Select(a => a[4..]).ToList();
        string distribution;
        if (audience.Count == 0) distribution = "0";
        else if (audience.Contains("network")) distribution = "1";
        else if (orgKeys.Count == audience.Count && orgKeys.All(k => k == options.OwnOrganisationKey)) distribution = "0";
        else if (orgKeys.Count == audience.Count && orgKeys.All(k => options.Organisations.Any(o => o.Key == k)))
        {
            distribution = "4";
            var members = orgKeys.Select(k => options.Organisations.First(o => o.Key == k)).ToList();
            ev["SharingGroup"] = new JsonObject
            {
                ["name"] = "Schakel: " + string.Join(", ", members.Select(m => m.Key)),
                ["uuid"] = StixIds.FromSeed("sharing-group:" + string.Join(",", orgKeys.Order(StringComparer.Ordinal))).ToString(),
                ["SharingGroupOrg"] = new JsonArray(members.Select(m => (JsonNode)new JsonObject
                {
                    ["Organisation"] = m.MispUuid is null ? new JsonObject { ["name"] = m.Name } : new JsonObject { ["name"] = m.Name, ["uuid"] = m.MispUuid },
                }).ToArray()),
            };
        }
        else
        {
            distribution = "0";
            foreach (var a in audience.Where(a => a != "network" && !(a.StartsWith("org:", StringComparison.Ordinal) && options.Organisations.Any(o => "org:" + o.Key == a))))
                unmapped.Add(new("distribution", null, $"audience {a}", "MISP has no distribution for this audience; the event is set to 0 (your organisation only)."));
        }

        ev["distribution"] = distribution;
        if (distribution != "4") ev["sharing_group_id"] = "0";
    }
}
