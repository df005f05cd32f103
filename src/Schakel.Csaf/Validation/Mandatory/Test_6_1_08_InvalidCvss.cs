using System.Text.Json;
using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.8 "Invalid CVSS": each <c>cvss_v2</c> value is valid against FIRST's CVSS v2.0 JSON schema and
/// each <c>cvss_v3</c> value against the CVSS v3.0 or v3.1 schema its version names.
/// </summary>
public sealed class Test_6_1_08_InvalidCvss : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.8";

    /// <inheritdoc />
    public override string Title => "Invalid CVSS";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        foreach (var cvss in CvssObject.All(context.Root))
        {
            if (cvss.Value.ValueKind != JsonValueKind.Object)
            {
                context.Report(cvss.Path, $"{cvss.Member} is a {cvss.Value.ValueKind.ToString().ToLowerInvariant()}, not a CVSS object.");
                continue;
            }

            if (cvss.ClaimedVersion is not { } version)
            {
                context.Report(CsafPointer.Append(cvss.Path, "version"), $"{cvss.Member} names no CVSS version 3.0 or 3.1 (version {Show(cvss.Value, "version")}, vectorString {Show(cvss.Value, "vectorString")}).");
                continue;
            }

            foreach (var finding in CvssSchemas.Validate(cvss.Value, version))
            {
                context.Report(cvss.Path + finding.Path, $"Not valid against the CVSS v{version} schema: {finding.Message}");
            }
        }
    }

    private static string Show(JsonElement obj, string name) => obj.TryGetProperty(name, out var value) ? value.GetRawText() : "missing";
}
