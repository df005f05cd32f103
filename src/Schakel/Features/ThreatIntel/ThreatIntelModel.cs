using System.ComponentModel.DataAnnotations;
using Schakel.Features.Advisories;
using Schakel.Features.Sharing;
using Schakel.Stix;

namespace Schakel.Features.ThreatIntel;

using Tlp = Schakel.Features.Sharing.Tlp;

/// <summary>Options of section <c>ThreatIntel</c>.</summary>
public sealed class ThreatIntelOptions
{
    /// <summary>Largest STIX bundle, TAXII envelope or MISP event accepted, in bytes (DESIGN.md section 3a: 256 MiB).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxBundleBytes { get; set; } = StixBundleReader.DefaultMaxBytes;
}

/// <summary>
/// A threat-intelligence import: the publishing organisation, the person (null from the command line or a pull), a label
/// (null: the markings decide, AMBER when there are none) and an audience (empty: the item stays a draft).
/// </summary>
public sealed record ThreatIntelImportRequest(int PublisherOrganisationId, string? PersonId, Tlp? RequestedTlp, IReadOnlyList<AudienceSpec> Audience)
{
    /// <summary>The payload format stored with the item: <c>stix-bundle</c>, <c>taxii-envelope</c>, <c>stix-object</c>, <c>misp-event</c>, <c>taxii-pull</c>.</summary>
    public string? Format { get; init; }

    /// <summary>The content as received, kept byte for byte with the item (when the caller read the objects itself).</summary>
    public byte[]? Original { get; init; }

    /// <summary>The item's title; by default the first report's or grouping's name, else a description of the content.</summary>
    public string? Title { get; init; }

    /// <summary>Where the content came from (federation: <c>API-ROOT#ITEM-ID</c>; pulls: the collection URL).</summary>
    public string? SourceKey { get; init; }

    /// <summary>Add the objects to this existing item of the same publisher instead of creating one.</summary>
    public Guid? IntoItemId { get; init; }

    /// <summary>Warnings from an earlier step (e.g. MISP parts that could not be mapped), stored in the item's report.</summary>
    public IReadOnlyList<string> ExtraWarnings { get; init; } = [];

    /// <summary>
    /// Marking definitions seen outside this content (the earlier pages of the same pull), valid or not: they only decide
    /// labels, so that a reference to a definition sent once is known rather than unknown (which counts as AMBER+STRICT).
    /// </summary>
    public IReadOnlyList<StixObject> KnownMarkingDefinitions { get; init; } = [];

    /// <summary>
    /// The caller decided the label (<see cref="RequestedTlp"/>) from a source it trusts — Schakel's extension between nodes,
    /// which carries the source item's label — so the markings are not checked against it (earlier versions and unversioned
    /// objects still carry the markings of a label the source has since relaxed).
    /// </summary>
    public bool LabelDecided { get; init; }
}

/// <summary>What the import did with one object.</summary>
public enum StixObjectOutcome
{
    /// <summary>The node did not hold the object: stored, and it is current.</summary>
    Added,

    /// <summary>A later version (same id, later <c>modified</c>): stored, it becomes current, the earlier ones stay as history.</summary>
    NewVersion,

    /// <summary>An earlier version than the current one: stored as history; the current version stays current.</summary>
    EarlierVersion,

    /// <summary>The same version with the same content: nothing changed (the item now holds it too).</summary>
    Unchanged,

    /// <summary>
    /// The same id and version with different content, or a version STIX 2.1 does not allow next to the held ones (after a
    /// revocation; another <c>created</c> or creator, <see cref="StixVersionRules"/>): not stored, reported.
    /// </summary>
    Conflict,

    /// <summary>The object broke a rule: not stored, reported.</summary>
    Invalid,
}

/// <summary>One object's outcome: its id, version text (null for unversioned objects) and the reason for conflicts and invalid objects.</summary>
public sealed record StixObjectResult(string Id, string? Version, StixObjectOutcome Outcome, string? Message = null);

/// <summary>
/// The result of one import. <see cref="Outcome"/> is Rejected exactly when nothing was stored (then <see cref="Errors"/>
/// says why); otherwise the item holds every object whose outcome is Added, NewVersion, EarlierVersion or Unchanged.
/// </summary>
public sealed record ThreatIntelImportResult(ImportOutcome Outcome, Guid? ItemId, Tlp? Label, IReadOnlyList<StixObjectResult> Objects,
    IReadOnlyList<StixFinding> Errors, IReadOnlyList<string> Warnings)
{
    public IReadOnlyList<SharingProblem> RuleProblems { get; init; } = [];

    /// <summary>Number of objects with the given outcome.</summary>
    public int Count(StixObjectOutcome outcome) => Objects.Count(o => o.Outcome == outcome);

    /// <summary>True when some object was not stored (conflict or invalid): the command line then exits 1.</summary>
    public bool HasRejectedObjects => Objects.Any(o => o.Outcome is StixObjectOutcome.Conflict or StixObjectOutcome.Invalid);

    public static ThreatIntelImportResult Reject(string message, string rule = "") =>
        new(ImportOutcome.Rejected, null, null, [], [new StixFinding(StixSeverity.Error, null, "", message, rule)], []);

    public static ThreatIntelImportResult Reject(IReadOnlyList<SharingProblem> problems, IReadOnlyList<StixObjectResult>? objects = null) =>
        new(ImportOutcome.Rejected, null, null, objects ?? [], problems.Select(p => new StixFinding(StixSeverity.Error, null, "", p.Message, "sharing")).ToList(), [])
        { RuleProblems = problems };
}
