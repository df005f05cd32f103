using Schakel.Features.Sharing;
using Schakel.Stix.Taxii;

namespace Schakel.Features.Federation;

using Tlp = Schakel.Features.Sharing.Tlp;

/// <summary>
/// Where and how to pull: the remote API root (absolute, ending with a slash) and collection, the credentials, the highest
/// label accepted, the node-local organisation that publishes what arrives and the audience it publishes to.
/// </summary>
public sealed record PullTarget(Uri ApiRoot, string CollectionId, TaxiiCredentials? Credentials, Tlp MaxTlp, int PublisherOrganisationId, IReadOnlyList<AudienceSpec> Audience)
{
    /// <summary>The collection URL: the source key of items made from objects without Schakel's extension.</summary>
    public string CollectionUrl => new Uri(ApiRoot, $"collections/{Uri.EscapeDataString(CollectionId)}/").AbsoluteUri;

    /// <summary>The source key of an item rebuilt from Schakel's extension: <c>API-ROOT#ITEM-ID</c>.</summary>
    public string SourceKeyOf(Guid sourceItemId) => ApiRoot.AbsoluteUri + "#" + sourceItemId;

    /// <summary>Key of the organisation the token belongs to on the source node (its own <c>org:KEY</c> collection), null when unknown.</summary>
    public string? HolderKey { get; init; }

    /// <summary>Whether that organisation is a linking organisation here (it may pass AMBER on to its constituency).</summary>
    public bool HolderIsLinking { get; init; }

    /// <summary>The audience a new item under <paramref name="label"/> gets (<see cref="FederationAudience.Cap"/>); what is left out goes into the report.</summary>
    public IReadOnlyList<AudienceSpec> AudienceFor(Tlp label, string name, PullReport report)
    {
        var (audience, dropped) = FederationAudience.Cap(label, Audience, HolderKey, HolderIsLinking);
        if (dropped is not null) report.Messages.Add($"{name}: {dropped}");
        return audience;
    }
}

/// <summary>What one pull did; <see cref="Messages"/> holds one line per refusal or failure.</summary>
public sealed class PullReport
{
    public int Pages { get; set; }
    public int Objects { get; set; }
    public int ItemsCreated { get; set; }
    public int ItemsUpdated { get; set; }
    public int ItemsUnchanged { get; set; }
    public int Relabelled { get; set; }
    public int Retracted { get; set; }

    /// <summary>Object versions taken out of items because the source no longer names those items as holding them.</summary>
    public int ObjectsRemoved { get; set; }

    /// <summary>Items (or plain objects) refused because their label is stricter than the subscription accepts.</summary>
    public int RefusedAboveMax { get; set; }

    /// <summary>TLP:RED items refused: RED is for named people and never federates.</summary>
    public int RefusedRed { get; set; }

    /// <summary>Items retracted on the source that this node never held: not imported.</summary>
    public int SkippedRetracted { get; set; }

    /// <summary>
    /// Items the token's own organisation published on the source whose every object version this node already holds: what
    /// this node pushed there, coming back. Not imported again.
    /// </summary>
    public int SkippedOwn { get; set; }

    /// <summary>Imports the sharing rules or the importer refused, and objects not stored (invalid, conflict).</summary>
    public int Failed { get; set; }

    /// <summary>The cursor after the run: the last stored page's <c>X-TAXII-Date-Added-Last</c> as sent.</summary>
    public string? Cursor { get; set; }

    /// <summary>Set when the run stopped early (network, TAXII error); the cursor then marks what was stored.</summary>
    public string? Error { get; set; }

    public List<string> Messages { get; } = [];

    /// <summary>The reconcile that followed the pull (<c>--reconcile</c>, or the runner's schedule); null when none ran.</summary>
    public ReconcileReport? Reconcile { get; set; }

    /// <summary>True when the run completed and nothing failed (refusals by label are policy, not failures).</summary>
    public bool Ok => Error is null && Failed == 0;

    public string Summary() =>
        $"Pages {Pages}, objects {Objects}: items created {ItemsCreated}, updated {ItemsUpdated}, unchanged {ItemsUnchanged}, relabelled {Relabelled}, " +
        $"retracted {Retracted}, objects removed {ObjectsRemoved}; refused above max TLP {RefusedAboveMax}, refused RED {RefusedRed}, retracted not held {SkippedRetracted}, " +
        $"own already held {SkippedOwn}, failed {Failed}." +
        (Error is null ? "" : " Stopped: " + Error);
}
