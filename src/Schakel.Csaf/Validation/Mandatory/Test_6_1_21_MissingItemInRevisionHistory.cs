using System.Numerics;
using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.21 "Missing Item in Revision History": sorted ascending by <c>date</c>, the revision history
/// starts at version 0 or 1 (major version for semantic versioning) and omits no version (major) number.
/// </summary>
/// <remarks>
/// A gap is a version (major) between the smallest and the largest in the history that no item has; an item out of
/// date order is 6.1.14's finding, not a gap. Items without a valid number or date are left out (the schema reports them).
/// </remarks>
public sealed class Test_6_1_21_MissingItemInRevisionHistory : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.21";

    /// <inheritdoc />
    public override string Title => "Missing Item in Revision History";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        var sorted = RevisionNumbers.ByDate(RevisionNumbers.Items(context.Root));
        if (sorted.Count == 0) return;

        var first = sorted[0];
        if (first.Version!.Major > BigInteger.One)
        {
            context.Report(first.Path + "/number", first.Version.IsInteger
                ? $"The oldest revision history item (by date) has number '{first.Number}'; the first version must be 0 or 1."
                : $"The oldest revision history item (by date) has number '{first.Number}'; the first major version must be 0 or 1.");
        }

        var majors = sorted.Select(i => i.Version!.Major).Distinct().Order().ToList();
        for (var k = 1; k < majors.Count; k++)
        {
            if (majors[k] - majors[k - 1] <= BigInteger.One) continue;
            var from = majors[k - 1] + 1;
            var to = majors[k] - 1;
            var what = first.Version.IsInteger ? "version" : "major version";
            var missing = from == to ? $"{what} {from}" : $"{what}s {from} to {to}";
            context.Report(RevisionNumbers.HistoryPath,
                $"The revision history has no item for {missing} (it goes from {majors[k - 1]} to {majors[k]}).");
        }
    }
}
