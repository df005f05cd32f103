using System.Text.RegularExpressions;

namespace Schakel.Csaf.Validation.Optional;

/// <summary>
/// CSAF 2.0 section 6.2.17 "CVE in field IDs": no <c>/vulnerabilities[]/ids[]/text</c> is a CVE id (matches
/// <c>^CVE-[0-9]{4}-[0-9]{4,}$</c>, the check the section deems sufficient); a CVE belongs in <c>cve</c>.
/// </summary>
public sealed partial class Test_6_2_17_CveInIds : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.2.17";

    /// <inheritdoc />
    public override string Title => "CVE in field IDs";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        var v = 0;
        foreach (var vulnerability in context.Root.Items("vulnerabilities"))
        {
            var i = 0;
            foreach (var id in vulnerability.Items("ids"))
            {
                if (id.Str("text") is { } text && CveId().IsMatch(text))
                {
                    context.Report(CsafPointer.Of("vulnerabilities", v, "ids", i, "text"),
                        $"'{text}' is listed in an item of 'ids' instead of under 'cve'.");
                }

                i++;
            }

            v++;
        }
    }

    // ECMAScript semantics as the CSAF schema's patterns: \d and $ behave as there ('$' does not match before a final newline).
    [GeneratedRegex("^CVE-[0-9]{4}-[0-9]{4,}$", RegexOptions.ECMAScript)]
    private static partial Regex CveId();
}
