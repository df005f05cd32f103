using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.29 "Remediation without Product Reference": every remediation names at least one product
/// (<c>product_ids</c>) or product group (<c>group_ids</c>).
/// </summary>
public sealed class Test_6_1_29_RemediationWithoutProductReference : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.29";

    /// <inheritdoc />
    public override string Title => "Remediation without Product Reference";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        foreach (var (vulnerability, path) in CsafProfiles.Vulnerabilities(context.Root))
        {
            var i = 0;
            foreach (var remediation in vulnerability.Items("remediations"))
            {
                var rp = CsafPointer.Append(path, "remediations", i++);
                if (remediation.ValueKind != System.Text.Json.JsonValueKind.Object || ProductGroupMembers.NamesProducts(remediation)) continue;
                context.Report(rp, $"Remediation '{remediation.Str("category")}' of vulnerability {CsafProfiles.Name(vulnerability)}names no product_ids or group_ids, so it applies to no product.");
            }
        }
    }
}
