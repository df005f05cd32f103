namespace Schakel.Csaf.Validation.Support;

/// <summary>One CVSS metric: its abbreviation in the vector, the matching property of the FIRST JSON schema, and its values.</summary>
/// <param name="Key">Abbreviation in the vector string, e.g. <c>AV</c> or <c>MPR</c>.</param>
/// <param name="Property">Property in the CVSS JSON object, e.g. <c>attackVector</c>.</param>
/// <param name="Values">Vector value (e.g. <c>N</c>) to JSON value (e.g. <c>NETWORK</c>).</param>
/// <param name="NotDefined">The vector value that means "not defined" (<c>X</c> in v3, <c>ND</c> in v2), or null for a
/// base metric, which a vector must carry.</param>
internal sealed record CvssMetric(string Key, string Property, IReadOnlyDictionary<string, string> Values, string? NotDefined)
{
    public bool IsBase => NotDefined is null;
}

/// <summary>
/// A parsed CVSS vector string: v2.0 (<c>AV:N/AC:L/Au:N/C:P/I:P/A:P</c>, FIRST CVSS v2 guide section 2.4) or v3.0/v3.1
/// (<c>CVSS:3.1/AV:N/...</c>, FIRST CVSS v3.x specification section 6). Metrics absent from the vector read as "not defined".
/// </summary>
internal sealed class CvssVector
{
    private readonly Dictionary<string, string> metrics;

    private CvssVector(string version, Dictionary<string, string> metrics)
    {
        Version = version;
        this.metrics = metrics;
    }

    /// <summary><c>2.0</c>, <c>3.0</c> or <c>3.1</c>.</summary>
    public string Version { get; }

    /// <summary>The metric table of <see cref="Version"/>.</summary>
    public IReadOnlyList<CvssMetric> Metrics => Version == "2.0" ? V2Metrics : V3Metrics;

    /// <summary>True when the vector string itself gives metric <paramref name="key"/>.</summary>
    public bool Has(string key) => metrics.ContainsKey(key);

    /// <summary>The vector value of a metric (e.g. <c>N</c> for <c>AV</c>); the "not defined" value when absent.</summary>
    public string this[string key] =>
        metrics.TryGetValue(key, out var value) ? value : Metrics.First(m => m.Key == key).NotDefined ?? throw new KeyNotFoundException(key);

    /// <summary>
    /// Parses <paramref name="vector"/>: v3 when it starts with <c>CVSS:3.0/</c> or <c>CVSS:3.1/</c>, otherwise v2.
    /// Every metric must be known, appear once, carry an allowed value, and every base metric must be present.
    /// </summary>
    /// <returns>The vector, or null with <paramref name="error"/> saying why (one English sentence).</returns>
    public static CvssVector? TryParse(string vector, out string error)
    {
        string version;
        string body;
        if (vector.StartsWith("CVSS:3.1/", StringComparison.Ordinal) || vector.StartsWith("CVSS:3.0/", StringComparison.Ordinal))
        {
            version = vector[5..8];
            body = vector[9..];
        }
        else if (vector.StartsWith("CVSS:", StringComparison.Ordinal))
        {
            error = $"Vector '{vector}' names a CVSS version other than 3.0 or 3.1.";
            return null;
        }
        else
        {
            version = "2.0";
            body = vector;
        }

        var table = version == "2.0" ? V2Metrics : V3Metrics;
        var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in body.Split('/'))
        {
            var colon = part.IndexOf(':');
            var key = colon < 0 ? part : part[..colon];
            var metric = table.FirstOrDefault(m => m.Key == key);
            if (colon < 0 || metric is null)
            {
                error = $"Vector '{vector}' has an unknown CVSS v{version} metric '{part}'.";
                return null;
            }

            var value = part[(colon + 1)..];
            if (!metric.Values.ContainsKey(value))
            {
                error = $"Vector '{vector}' gives metric {key} the value '{value}', allowed are {string.Join(", ", metric.Values.Keys)}.";
                return null;
            }

            if (!parsed.TryAdd(key, value))
            {
                error = $"Vector '{vector}' gives metric {key} more than once.";
                return null;
            }
        }

        var missing = table.Where(m => m.IsBase && !parsed.ContainsKey(m.Key)).Select(m => m.Key).ToList();
        if (missing.Count > 0)
        {
            error = $"Vector '{vector}' lacks the base metric(s) {string.Join(", ", missing)}.";
            return null;
        }

        error = "";
        return new CvssVector(version, parsed);
    }

    private static Dictionary<string, string> Map(params string[] pairs)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < pairs.Length; i += 2) map[pairs[i]] = pairs[i + 1];
        return map;
    }

    private static readonly Dictionary<string, string> V3Av = Map("N", "NETWORK", "A", "ADJACENT_NETWORK", "L", "LOCAL", "P", "PHYSICAL");
    private static readonly Dictionary<string, string> V3Ac = Map("L", "LOW", "H", "HIGH");
    private static readonly Dictionary<string, string> V3Pr = Map("N", "NONE", "L", "LOW", "H", "HIGH");
    private static readonly Dictionary<string, string> V3Ui = Map("N", "NONE", "R", "REQUIRED");
    private static readonly Dictionary<string, string> V3S = Map("U", "UNCHANGED", "C", "CHANGED");
    private static readonly Dictionary<string, string> V3Cia = Map("N", "NONE", "L", "LOW", "H", "HIGH");
    private static readonly Dictionary<string, string> V3Req = Map("X", "NOT_DEFINED", "L", "LOW", "M", "MEDIUM", "H", "HIGH");

    private static Dictionary<string, string> WithX(Dictionary<string, string> values) =>
        values.Append(new KeyValuePair<string, string>("X", "NOT_DEFINED")).ToDictionary(StringComparer.Ordinal);

    /// <summary>CVSS v3.0 and v3.1 share their metrics and property names (FIRST JSON schemas cvss-v3.0/3.1).</summary>
    internal static readonly IReadOnlyList<CvssMetric> V3Metrics =
    [
        new("AV", "attackVector", V3Av, null),
        new("AC", "attackComplexity", V3Ac, null),
        new("PR", "privilegesRequired", V3Pr, null),
        new("UI", "userInteraction", V3Ui, null),
        new("S", "scope", V3S, null),
        new("C", "confidentialityImpact", V3Cia, null),
        new("I", "integrityImpact", V3Cia, null),
        new("A", "availabilityImpact", V3Cia, null),
        new("E", "exploitCodeMaturity", Map("X", "NOT_DEFINED", "U", "UNPROVEN", "P", "PROOF_OF_CONCEPT", "F", "FUNCTIONAL", "H", "HIGH"), "X"),
        new("RL", "remediationLevel", Map("X", "NOT_DEFINED", "O", "OFFICIAL_FIX", "T", "TEMPORARY_FIX", "W", "WORKAROUND", "U", "UNAVAILABLE"), "X"),
        new("RC", "reportConfidence", Map("X", "NOT_DEFINED", "U", "UNKNOWN", "R", "REASONABLE", "C", "CONFIRMED"), "X"),
        new("CR", "confidentialityRequirement", V3Req, "X"),
        new("IR", "integrityRequirement", V3Req, "X"),
        new("AR", "availabilityRequirement", V3Req, "X"),
        new("MAV", "modifiedAttackVector", WithX(V3Av), "X"),
        new("MAC", "modifiedAttackComplexity", WithX(V3Ac), "X"),
        new("MPR", "modifiedPrivilegesRequired", WithX(V3Pr), "X"),
        new("MUI", "modifiedUserInteraction", WithX(V3Ui), "X"),
        new("MS", "modifiedScope", WithX(V3S), "X"),
        new("MC", "modifiedConfidentialityImpact", WithX(V3Cia), "X"),
        new("MI", "modifiedIntegrityImpact", WithX(V3Cia), "X"),
        new("MA", "modifiedAvailabilityImpact", WithX(V3Cia), "X"),
    ];

    private static readonly Dictionary<string, string> V2Cia = Map("N", "NONE", "P", "PARTIAL", "C", "COMPLETE");
    private static readonly Dictionary<string, string> V2Req = Map("L", "LOW", "M", "MEDIUM", "H", "HIGH", "ND", "NOT_DEFINED");

    /// <summary>CVSS v2 metrics and the property names of the FIRST JSON schema cvss-v2.0.</summary>
    internal static readonly IReadOnlyList<CvssMetric> V2Metrics =
    [
        new("AV", "accessVector", Map("L", "LOCAL", "A", "ADJACENT_NETWORK", "N", "NETWORK"), null),
        new("AC", "accessComplexity", Map("H", "HIGH", "M", "MEDIUM", "L", "LOW"), null),
        new("Au", "authentication", Map("M", "MULTIPLE", "S", "SINGLE", "N", "NONE"), null),
        new("C", "confidentialityImpact", V2Cia, null),
        new("I", "integrityImpact", V2Cia, null),
        new("A", "availabilityImpact", V2Cia, null),
        new("E", "exploitability", Map("U", "UNPROVEN", "POC", "PROOF_OF_CONCEPT", "F", "FUNCTIONAL", "H", "HIGH", "ND", "NOT_DEFINED"), "ND"),
        new("RL", "remediationLevel", Map("OF", "OFFICIAL_FIX", "TF", "TEMPORARY_FIX", "W", "WORKAROUND", "U", "UNAVAILABLE", "ND", "NOT_DEFINED"), "ND"),
        new("RC", "reportConfidence", Map("UC", "UNCONFIRMED", "UR", "UNCORROBORATED", "C", "CONFIRMED", "ND", "NOT_DEFINED"), "ND"),
        new("CDP", "collateralDamagePotential", Map("N", "NONE", "L", "LOW", "LM", "LOW_MEDIUM", "MH", "MEDIUM_HIGH", "H", "HIGH", "ND", "NOT_DEFINED"), "ND"),
        new("TD", "targetDistribution", Map("N", "NONE", "L", "LOW", "M", "MEDIUM", "H", "HIGH", "ND", "NOT_DEFINED"), "ND"),
        new("CR", "confidentialityRequirement", V2Req, "ND"),
        new("IR", "integrityRequirement", V2Req, "ND"),
        new("AR", "availabilityRequirement", V2Req, "ND"),
    ];
}
