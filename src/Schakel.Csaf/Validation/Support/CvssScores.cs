namespace Schakel.Csaf.Validation.Support;

/// <summary>The three scores of a CVSS vector, each 0.0–10.0 with one decimal.</summary>
internal sealed record CvssScores(double Base, double Temporal, double Environmental);

/// <summary>
/// The CVSS score equations: v2 (FIRST CVSS v2 guide section 3.2), v3.0 (CVSS v3.0 specification section 8) and
/// v3.1 (CVSS v3.1 specification section 7 and appendix A for the rounding). Used by mandatory test 6.1.9.
/// </summary>
internal static class CvssCalculator
{
    /// <summary>Computes base, temporal and environmental score of <paramref name="vector"/>.</summary>
    public static CvssScores Compute(CvssVector vector) => vector.Version == "2.0" ? V2(vector) : V3(vector);

    /// <summary>The qualitative severity of a v3 score (CVSS v3.x section 5): NONE, LOW, MEDIUM, HIGH or CRITICAL.</summary>
    public static string Severity(double score) => score switch
    {
        <= 0 => "NONE",
        < 4.0 => "LOW",
        < 7.0 => "MEDIUM",
        < 9.0 => "HIGH",
        _ => "CRITICAL",
    };

    private static CvssScores V3(CvssVector v)
    {
        var v31 = v.Version == "3.1";
        double Weight(string key, string value) => key switch
        {
            "AV" => value switch { "N" => 0.85, "A" => 0.62, "L" => 0.55, _ => 0.2 },
            "AC" => value == "L" ? 0.77 : 0.44,
            "UI" => value == "N" ? 0.85 : 0.62,
            "C" or "I" or "A" => value switch { "H" => 0.56, "L" => 0.22, _ => 0 },
            "E" => value switch { "U" => 0.91, "P" => 0.94, "F" => 0.97, _ => 1 },
            "RL" => value switch { "O" => 0.95, "T" => 0.96, "W" => 0.97, _ => 1 },
            "RC" => value switch { "U" => 0.92, "R" => 0.96, _ => 1 },
            "CR" or "IR" or "AR" => value switch { "L" => 0.5, "H" => 1.5, _ => 1 },
            _ => throw new ArgumentException($"No weight for metric {key}.", nameof(key)),
        };

        // Privileges Required weighs more when the scope changes (v3.x section 7.4 / 8.4).
        static double Privileges(string value, bool changed) => value switch
        {
            "N" => 0.85,
            "L" => changed ? 0.68 : 0.62,
            _ => changed ? 0.5 : 0.27,
        };

        // Base score.
        var changed = v["S"] == "C";
        var iss = 1 - ((1 - Weight("C", v["C"])) * (1 - Weight("I", v["I"])) * (1 - Weight("A", v["A"])));
        var impact = changed ? (7.52 * (iss - 0.029)) - (3.25 * Math.Pow(iss - 0.02, 15)) : 6.42 * iss;
        var exploitability = 8.22 * Weight("AV", v["AV"]) * Weight("AC", v["AC"]) * Privileges(v["PR"], changed) * Weight("UI", v["UI"]);
        var baseScore = impact <= 0 ? 0 : RoundUp(Math.Min((changed ? 1.08 : 1) * (impact + exploitability), 10));

        var temporalFactor = Weight("E", v["E"]) * Weight("RL", v["RL"]) * Weight("RC", v["RC"]);
        var temporal = RoundUp(baseScore * temporalFactor);

        // Environmental score: each modified metric falls back to its base metric when not defined.
        string Modified(string key) => v["M" + key] is "X" ? v[key] : v["M" + key];
        var mChanged = Modified("S") == "C";
        var miss = Math.Min(
            1 - ((1 - (Weight("CR", v["CR"]) * Weight("C", Modified("C"))))
                 * (1 - (Weight("IR", v["IR"]) * Weight("I", Modified("I"))))
                 * (1 - (Weight("AR", v["AR"]) * Weight("A", Modified("A"))))),
            0.915);
        var mImpact = !mChanged ? 6.42 * miss
            : v31 ? (7.52 * (miss - 0.029)) - (3.25 * Math.Pow((miss * 0.9731) - 0.02, 13))
            : (7.52 * (miss - 0.029)) - (3.25 * Math.Pow(miss - 0.02, 15));
        var mExploitability = 8.22 * Weight("AV", Modified("AV")) * Weight("AC", Modified("AC")) * Privileges(Modified("PR"), mChanged)
                              * Weight("UI", Modified("UI"));
        var environmental = mImpact <= 0 ? 0
            : RoundUp(RoundUp(Math.Min((mChanged ? 1.08 : 1) * (mImpact + mExploitability), 10)) * temporalFactor);

        return new CvssScores(baseScore, temporal, environmental);
    }

    /// <summary>
    /// "Round up" to one decimal as CVSS v3.1 appendix A defines it: first to five decimals, so that floating point noise
    /// (4.000000000000001) does not round 4.0 up to 4.1. Used for v3.0 as well, whose text defines the same mathematical
    /// rounding; only its sample code lacked the guard against floating point noise.
    /// </summary>
    private static double RoundUp(double value)
    {
        var scaled = (long)Math.Round(value * 100000, MidpointRounding.AwayFromZero);
        return scaled % 10000 == 0 ? scaled / 100000.0 : (Math.Floor(scaled / 10000.0) + 1) / 10.0;
    }

    // CVSS v2 in decimal: its equations use only + - * and fixed constants, so decimal gives the exact values the guide
    // defines, and "round to one decimal" (half up) is not disturbed by binary floating point.
    private static CvssScores V2(CvssVector v)
    {
        static decimal Weight(string key, string value) => key switch
        {
            "AV" => value switch { "L" => 0.395m, "A" => 0.646m, _ => 1.0m },
            "AC" => value switch { "H" => 0.35m, "M" => 0.61m, _ => 0.71m },
            "Au" => value switch { "M" => 0.45m, "S" => 0.56m, _ => 0.704m },
            "C" or "I" or "A" => value switch { "N" => 0m, "P" => 0.275m, _ => 0.660m },
            "E" => value switch { "U" => 0.85m, "POC" => 0.9m, "F" => 0.95m, _ => 1m },
            "RL" => value switch { "OF" => 0.87m, "TF" => 0.90m, "W" => 0.95m, _ => 1m },
            "RC" => value switch { "UC" => 0.90m, "UR" => 0.95m, _ => 1m },
            "CDP" => value switch { "L" => 0.1m, "LM" => 0.3m, "MH" => 0.4m, "H" => 0.5m, _ => 0m },
            "TD" => value switch { "N" => 0m, "L" => 0.25m, "M" => 0.75m, _ => 1m },
            "CR" or "IR" or "AR" => value switch { "L" => 0.5m, "H" => 1.51m, _ => 1m },
            _ => throw new ArgumentException($"No weight for metric {key}.", nameof(key)),
        };

        static decimal Round1(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

        var exploitability = 20 * Weight("AV", v["AV"]) * Weight("AC", v["AC"]) * Weight("Au", v["Au"]);
        decimal Base(decimal impact) => Round1(((0.6m * impact) + (0.4m * exploitability) - 1.5m) * (impact == 0 ? 0 : 1.176m));

        var impact = 10.41m * (1 - ((1 - Weight("C", v["C"])) * (1 - Weight("I", v["I"])) * (1 - Weight("A", v["A"]))));
        var baseScore = Base(impact);
        var temporalFactor = Weight("E", v["E"]) * Weight("RL", v["RL"]) * Weight("RC", v["RC"]);
        var temporal = Round1(baseScore * temporalFactor);

        var adjustedImpact = Math.Min(10, 10.41m * (1 - ((1 - (Weight("C", v["C"]) * Weight("CR", v["CR"])))
                                                          * (1 - (Weight("I", v["I"]) * Weight("IR", v["IR"])))
                                                          * (1 - (Weight("A", v["A"]) * Weight("AR", v["AR"]))))));
        var adjustedTemporal = Round1(Base(adjustedImpact) * temporalFactor);
        var environmental = Round1((adjustedTemporal + ((10 - adjustedTemporal) * Weight("CDP", v["CDP"]))) * Weight("TD", v["TD"]));

        return new CvssScores((double)baseScore, (double)temporal, (double)environmental);
    }
}
