using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.32 "Flag without Product Reference": every flag names at least one product (<c>product_ids</c>)
/// or product group (<c>group_ids</c>).
/// </summary>
public sealed class Test_6_1_32_FlagWithoutProductReference : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.32";

    /// <inheritdoc />
    public override string Title => "Flag without Product Reference";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        foreach (var (vulnerability, path) in CsafProfiles.Vulnerabilities(context.Root))
        {
            var i = 0;
            foreach (var flag in vulnerability.Items("flags"))
            {
                var fp = CsafPointer.Append(path, "flags", i++);
                if (flag.ValueKind != System.Text.Json.JsonValueKind.Object || ProductGroupMembers.NamesProducts(flag)) continue;
                context.Report(fp, $"Flag '{flag.Str("label")}' of vulnerability {CsafProfiles.Name(vulnerability)}names no product_ids or group_ids, so it applies to no product.");
            }
        }
    }
}
