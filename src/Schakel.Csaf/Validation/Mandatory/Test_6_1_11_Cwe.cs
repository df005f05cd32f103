namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.11 "CWE": each <c>/vulnerabilities[]/cwe</c> names a weakness that exists in the CWE catalogue,
/// with the catalogue's name for that id. Needs <see cref="CsafReferenceData.CweNames"/>: without it, a document that has
/// a CWE is "not run"; one without any CWE has nothing to test and passes.
/// </summary>
public sealed class Test_6_1_11_Cwe : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.11";

    /// <inheritdoc />
    public override string Title => "CWE";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        var v = 0;
        foreach (var vulnerability in context.Root.Items("vulnerabilities"))
        {
            var cwePath = CsafPointer.Of("vulnerabilities", v++, "cwe");
            if (vulnerability.Obj("cwe") is not { } cwe || cwe.Str("id") is not { } id) continue;
            if (context.Data.CweNames is not { } names)
            {
                context.NotRun("no CWE catalogue available");
                return;
            }

            if (!names.TryGetValue(id, out var expected))
            {
                context.Report(CsafPointer.Append(cwePath, "id"), $"CWE id '{id}' does not exist in the CWE catalogue ({context.Data.CweSource ?? "source unknown"}).");
            }
            else if (cwe.Str("name") is { } name && name != expected)
            {
                context.Report(CsafPointer.Append(cwePath, "name"), $"CWE name '{name}' is not the name of {id}, which is '{expected}' ({context.Data.CweSource ?? "source unknown"}).");
            }
        }
    }
}
