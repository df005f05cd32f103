namespace Schakel.Csaf.Validation.Optional;

/// <summary>
/// CSAF 2.0 section 6.2.6 "Older Current Release Date than Revision History": <c>/document/tracking/current_release_date</c>
/// is not earlier than the <c>date</c> of the newest revision history item (compared as instants).
/// </summary>
public sealed class Test_6_2_06_OlderCurrentReleaseDate : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.2.6";

    /// <inheritdoc />
    public override string Title => "Older Current Release Date than Revision History";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        if (context.Root.Obj("document")?.Obj("tracking") is not { } tracking) return;
        if (!RevisionDates.TryParse(tracking.Str("current_release_date"), out var current)) return;
        var dates = RevisionDates.Read(tracking);
        if (dates.Count == 0) return;
        var newest = dates.MaxBy(d => d.Date);
        if (current < newest.Date)
        {
            context.Report(CsafPointer.Of("document", "tracking", "current_release_date"),
                $"The current release date '{tracking.Str("current_release_date")}' is older than '{newest.Text}', the date of the newest revision history item.");
        }
    }
}
