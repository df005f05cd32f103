using System.Text.Json;

namespace Schakel.Csaf.Validation.Support;

/// <summary>One <c>cvss_v2</c> or <c>cvss_v3</c> member of a score in <c>/vulnerabilities[]/scores[]</c>.</summary>
/// <param name="Vulnerability">Index of the vulnerability.</param>
/// <param name="Score">JSON pointer to the score item (<c>/vulnerabilities/0/scores/1</c>).</param>
/// <param name="Member"><c>cvss_v2</c> or <c>cvss_v3</c>.</param>
/// <param name="Path">JSON pointer to the CVSS value (<c>/vulnerabilities/0/scores/1/cvss_v3</c>).</param>
/// <param name="Value">The CVSS value, of any JSON kind (documents that break the schema are tested too).</param>
/// <param name="ScoreItem">The score item holding it (with its <c>products</c>).</param>
internal sealed record CvssObject(int Vulnerability, string Score, string Member, string Path, JsonElement Value, JsonElement ScoreItem)
{
    /// <summary>The object's <c>vectorString</c>, or null.</summary>
    public string? VectorString => Value.Str("vectorString");

    /// <summary>
    /// The CVSS version this object claims: its <c>version</c> member, else the vector's prefix (v3) or <c>2.0</c> for
    /// <c>cvss_v2</c>; null when a <c>cvss_v3</c> value names neither 3.0 nor 3.1.
    /// </summary>
    public string? ClaimedVersion
    {
        get
        {
            var version = Value.Str("version");
            if (Member == "cvss_v2") return "2.0";
            if (version is "3.0" or "3.1") return version;
            if (version is not null) return null;
            return VectorString is { } v && v.StartsWith("CVSS:3.", StringComparison.Ordinal) && v.Length > 8 && v[8] == '/' && v[7] is '0' or '1'
                ? v[5..8]
                : null;
        }
    }

    /// <summary>Every <c>cvss_v2</c> and <c>cvss_v3</c> member of every score of every vulnerability, in document order.</summary>
    public static IEnumerable<CvssObject> All(JsonElement root)
    {
        var v = 0;
        foreach (var vulnerability in root.Items("vulnerabilities"))
        {
            var s = 0;
            foreach (var score in vulnerability.Items("scores"))
            {
                var scorePath = CsafPointer.Of("vulnerabilities", v, "scores", s++);
                foreach (var member in new[] { "cvss_v2", "cvss_v3" })
                {
                    if (score.ValueKind == JsonValueKind.Object && score.TryGetProperty(member, out var value))
                    {
                        yield return new CvssObject(v, scorePath, member, CsafPointer.Append(scorePath, member), value, score);
                    }
                }
            }

            v++;
        }
    }
}
