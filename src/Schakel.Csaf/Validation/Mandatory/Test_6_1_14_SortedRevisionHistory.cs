using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.14 "Sorted Revision History": with the revision history sorted ascending by <c>date</c> (same dates
/// by <c>number</c>), the <c>number</c>s ascend too. Numbers compare as versions (section 3.1.11: <c>10</c> after <c>9</c>,
/// <c>1.10.0</c> after <c>1.9.0</c>); numbers that cannot be compared (mixed schemes, 6.1.30) are skipped.
/// </summary>
public sealed class Test_6_1_14_SortedRevisionHistory : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.14";

    /// <inheritdoc />
    public override string Title => "Sorted Revision History";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        var sorted = RevisionHistory.Sorted(context.Root, out _);
        for (var i = 1; i < sorted.Count; i++)
        {
            var (earlier, later) = (sorted[i - 1], sorted[i]);
            if (SafeVersionComparer.Comparable(earlier.Number, later.Number) && CsafVersion.Compare(earlier.Number, later.Number) > 0)
            {
                context.Report(later.NumberPath, $"Revision '{later.Number}' ({later.Date}) is dated after revision '{earlier.Number}' ({earlier.Date}) but has a lower number.");
            }
        }
    }
}
