using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Schakel.Features.Sharing;

namespace Schakel.Features.Advisories;

/// <summary>
/// What a recipient downloads of a CSAF document (DESIGN.md section 3): the original bytes when the document's own
/// label equals the label the recipient holds the item under; otherwise a copy whose <c>document.distribution.tlp.label</c>
/// says that label in CSAF's TLP 1.0 terms. Signing the copy by the node comes with a later issue; until then the copy
/// is unsigned and only its own hashes (ETag, Repr-Digest) vouch for it.
/// </summary>
public static partial class CsafRelabel
{
    /// <summary>Text put in <c>document.distribution.text</c> for AMBER+STRICT, which TLP 1.0 cannot say.</summary>
    public const string StrictNotice = "TLP:AMBER+STRICT (TLP 2.0): share only within the receiving organisation, not with its clients. "
        + "CSAF 2.0 can only say AMBER; this stricter handling applies.";

    /// <summary>The TLP 1.0 label CSAF 2.0 writes for a TLP 2.0 label: CLEAR as WHITE, AMBER+STRICT as AMBER.</summary>
    public static string ToCsafLabel(Sharing.Tlp tlp) => tlp switch
    {
        Sharing.Tlp.Clear => "WHITE",
        Sharing.Tlp.Green => "GREEN",
        Sharing.Tlp.Amber or Sharing.Tlp.AmberStrict => "AMBER",
        _ => "RED",
    };

    /// <summary>Whether the original may be served as is: its own label (WHITE read as CLEAR) equals <paramref name="held"/>.</summary>
    public static bool IsOriginalFor(Sharing.Tlp? sourceLabel, Sharing.Tlp held) => sourceLabel == held;

    /// <summary>
    /// A copy of <paramref name="original"/> labelled <paramref name="held"/>; every other member is kept in order.
    /// The handling of the new label is stated first in <c>distribution.text</c> (AMBER+STRICT in full, since TLP 1.0
    /// cannot say it); any original text is kept after it, marked as superseded.
    /// Throws <see cref="JsonException"/> when the original is not a JSON object with a <c>document</c> object (never for stored advisories).
    /// </summary>
    public static byte[] Relabel(byte[] original, Sharing.Tlp held)
    {
        var root = JsonNode.Parse(original) as JsonObject ?? throw new JsonException("Not a JSON object.");
        var document = root["document"] as JsonObject ?? throw new JsonException("No document object.");
        if (document["distribution"] is not JsonObject distribution)
        {
            distribution = [];
            document["distribution"] = distribution;
        }

        if (distribution["tlp"] is not JsonObject tlp)
        {
            tlp = new JsonObject { ["url"] = "https://www.first.org/tlp/" };
            distribution["tlp"] = tlp;
        }

        var originalLabel = tlp["label"]?.GetValue<string>();
        tlp["label"] = ToCsafLabel(held);
        // The original text was written for the original label ("Disclosure is not limited" under WHITE) and would
        // contradict the new one, so the copy states its handling first and keeps the old text marked as such.
        var notice = held == Sharing.Tlp.AmberStrict ? StrictNotice : $"TLP:{held.ToLabel()} (TLP 2.0) applies to this copy.";
        var existing = distribution["text"]?.GetValue<string>();
        distribution["text"] = string.IsNullOrWhiteSpace(existing)
            ? notice
            : $"{notice}\n\nOriginal distribution text{(originalLabel is null ? "" : $" (under TLP:{originalLabel})")}, superseded by the label above: {existing}";

        return JsonSerializer.SerializeToUtf8Bytes(root, Options);
    }

    // Relaxed escaping keeps non-ASCII text (German, Dutch names) readable in the downloaded file; it is never embedded in HTML.
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>File name per CSAF 2.0 section 5.1: tracking id in lower case, runs of <c>[^+\-a-z0-9]</c> as <c>_</c>, then <c>.json</c>.</summary>
    public static string FileName(string trackingId) => Schakel.Csaf.CsafFileName.FromTrackingId(trackingId);
}
