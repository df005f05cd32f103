using System.Text.Json;

namespace Schakel.Stix.Markings;

/// <summary>A marking reference Schakel does not know: the object that carries it, the reference and why it is unknown.</summary>
public sealed record UnknownMarking(string ObjectId, string MarkingRef, string Reason);

/// <summary>
/// The TLP outcome for a set of objects: <see cref="Label"/> is the strictest TLP of every object-level and granular
/// marking (null when no object carries a TLP marking); <see cref="Unknown"/> lists markings Schakel does not know, which
/// make the label at least AMBER+STRICT (fail closed, DESIGN.md section 3).
/// </summary>
public sealed record MarkingOutcome(StixTlp? Label, IReadOnlyList<UnknownMarking> Unknown, int MarkedObjects);

/// <summary>
/// Decides labels from STIX data markings (STIX 2.1 section 7.2): object markings (<c>object_marking_refs</c>) and
/// granular markings (<c>granular_markings[].marking_ref</c>) both count, the strictest wins. Known are the standard TLP 1.0
/// and TLP 2.0 marking definitions (<see cref="TlpMarkings"/>) and statement markings (no TLP effect) defined in the same
/// content. Anything else — a reference to a definition that is not there, a definition of another type or extension, a
/// TLP definition under a non-standard id (section 7.2.1.4 forbids them) — is unknown and held as AMBER+STRICT.
/// </summary>
public sealed class MarkingResolver
{
    private readonly Dictionary<string, (StixTlp? Tlp, string? Problem)> definitions = new(StringComparer.Ordinal);

    /// <summary>Learns the marking definitions among <paramref name="objects"/> (other objects are ignored).</summary>
    public MarkingResolver(IEnumerable<StixObject> objects)
    {
        foreach (var o in objects.Where(o => o.Type == "marking-definition"))
            definitions[o.Id] = Classify(o);
    }

    /// <summary>Resolves the label for all <paramref name="objects"/> together (one import is one item).</summary>
    public MarkingOutcome Resolve(IEnumerable<StixObject> objects)
    {
        StixTlp? strictest = null;
        var unknown = new List<UnknownMarking>();
        var marked = 0;
        foreach (var o in objects)
        {
            if (LabelOf(o, unknown) is { } label)
            {
                marked++;
                if (strictest is null || label > strictest) strictest = label;
            }
        }

        return new MarkingOutcome(strictest, unknown, marked);
    }

    /// <summary>
    /// The strictest TLP of one object's markings, null when it has no TLP marking. Unknown markings count as
    /// AMBER+STRICT and are added to <paramref name="unknown"/> when given. A marking definition itself is not marked by
    /// its own TLP content (it defines the marking, it does not carry it).
    /// </summary>
    public StixTlp? LabelOf(StixObject o, List<UnknownMarking>? unknown = null)
    {
        StixTlp? strictest = null;
        var refs = o.ObjectMarkingRefs.Concat(o.GranularMarkings.Where(g => g.MarkingRef is not null).Select(g => g.MarkingRef!));
        foreach (var markingRef in refs.Distinct(StringComparer.Ordinal))
        {
            var (tlp, problem) = Lookup(markingRef);
            if (problem is not null)
            {
                unknown?.Add(new UnknownMarking(o.Id, markingRef, problem));
                tlp = StixTlp.AmberStrict;
            }

            if (tlp is { } t && (strictest is null || t > strictest)) strictest = t;
        }

        return strictest;
    }

    /// <summary>
    /// The strictest TLP of one object's markings that this resolver knows, unknown ones left out (not AMBER+STRICT): for
    /// content whose label someone else already decided with definitions this resolver lacks (Schakel's extension between
    /// nodes carries that label). Null when no known marking carries a TLP.
    /// </summary>
    public StixTlp? KnownLabelOf(StixObject o)
    {
        StixTlp? strictest = null;
        foreach (var markingRef in o.ObjectMarkingRefs.Concat(o.GranularMarkings.Where(g => g.MarkingRef is not null).Select(g => g.MarkingRef!)))
            if (Lookup(markingRef) is ({ } t, null) && (strictest is null || t > strictest)) strictest = t;
        return strictest;
    }

    private (StixTlp? Tlp, string? Problem) Lookup(string markingRef)
    {
        if (TlpMarkings.TryGetLabel(markingRef, out var standard)) return (standard, null);
        if (definitions.TryGetValue(markingRef, out var known)) return known;
        return (null, "the marking definition is neither a standard TLP marking nor defined in the same content");
    }

    private static (StixTlp? Tlp, string? Problem) Classify(StixObject definition)
    {
        if (TlpMarkings.TryGetLabel(definition.Id, out var standard)) return (standard, null);
        using var doc = definition.ToDocument();
        var root = doc.RootElement;
        var type = root.TryGetProperty("definition_type", out var dt) && dt.ValueKind == JsonValueKind.String ? dt.GetString() : null;
        if (type == "statement") return (null, null);
        if (type == "tlp") return (null, "a TLP marking definition under a non-standard id (STIX 2.1 section 7.2.1.4 allows only the standard ones)");
        if (root.TryGetProperty("extensions", out var ext) && ext.ValueKind == JsonValueKind.Object && ext.TryGetProperty(TlpMarkings.Tlp2ExtensionId, out _))
            return (null, "a TLP 2.0 marking definition under a non-standard id");
        return (null, type is null ? "a marking definition of an extension Schakel does not know" : $"a marking definition of type '{type}', which Schakel does not know");
    }
}
