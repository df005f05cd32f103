using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.22 "Multiple Definition in Revision History": no two revision history items have the same
/// <c>number</c>. Numbers are compared as written (so <c>1.0.0+a</c> and <c>1.0.0+b</c> differ; 6.2.4 warns about build metadata).
/// </summary>
public sealed class Test_6_1_22_MultipleDefinitionInRevisionHistory : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.22";

    /// <inheritdoc />
    public override string Title => "Multiple Definition in Revision History";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        var numbered = RevisionNumbers.Items(context.Root).Where(i => i.Number is not null);
        foreach (var group in numbered.GroupBy(i => i.Number!, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var again in group.Skip(1))
            {
                context.Report(again.Path + "/number",
                    $"The revision history contains {group.Count()} items with the version number '{group.Key}'; the first is at {first.Path}.");
            }
        }
    }
}
