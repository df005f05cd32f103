namespace Schakel.Features.Federation;

/// <summary>
/// What one reconcile against a source's manifests did (<see cref="TaxiiReconciler"/>). Counts are of manifest records, object
/// versions (links held by this node's items from that source), direct checks (TAXII 2.1 section 5.8 requests, and section
/// 5.6 requests for a newer version), objects deferred and items. <see cref="Messages"/> holds one line per object removed or
/// deferred, item retracted or item left as it was.
/// </summary>
public sealed class ReconcileReport
{
    /// <summary>Collections whose manifest was walked (TAXII 2.1 section 5.3).</summary>
    public int Collections { get; set; }

    /// <summary>Manifest pages requested.</summary>
    public int ManifestPages { get; set; }

    /// <summary>Manifest records seen (one per object version offered).</summary>
    public int Offered { get; set; }

    /// <summary>Object versions this node holds from the source (links of its items that are not retracted).</summary>
    public int Held { get; set; }

    /// <summary>Held object versions absent from every manifest walked.</summary>
    public int Missing { get; set; }

    /// <summary>
    /// Direct requests: for one object's versions (TAXII 2.1 section 5.8), one per missing object and collection; and for one
    /// newer version of a missing object (section 5.6), to see whether it is revoked.
    /// </summary>
    public int Checks { get; set; }

    /// <summary>Missing object versions the direct check still found on the source (the manifest changed during the walk): kept.</summary>
    public int Kept { get; set; }

    /// <summary>
    /// Missing objects left alone because the source lists a newer version of them that is revoked (a retraction on the source
    /// not pulled yet): the next pull brings it and retracts with the source's reason.
    /// </summary>
    public int Deferred { get; set; }

    /// <summary>Object versions removed from items that keep other objects.</summary>
    public int ObjectsRemoved { get; set; }

    /// <summary>Items that lost some of their objects (audited as <c>item.correct</c>).</summary>
    public int ItemsCorrected { get; set; }

    /// <summary>Items that would have lost all their objects and were retracted instead, content kept.</summary>
    public int ItemsRetracted { get; set; }

    /// <summary>Set when a TAXII or network error stopped the reconcile; nothing was removed then.</summary>
    public string? Error { get; set; }

    public List<string> Messages { get; } = [];

    public bool Ok => Error is null;

    public string Summary() =>
        $"Reconcile of {Collections} collection(s): manifest pages {ManifestPages}, records {Offered}; held {Held}, missing {Missing}, checks {Checks}, " +
        $"kept {Kept}, deferred {Deferred}; objects removed {ObjectsRemoved}, items corrected {ItemsCorrected}, items retracted {ItemsRetracted}." +
        (Error is null ? "" : " Stopped, nothing removed: " + Error);
}
