namespace Schakel.Csaf.Validation.Optional;

/// <summary>
/// CSAF 2.0 section 6.2.5 "Older Initial Release Date than Revision History": <c>/document/tracking/initial_release_date</c>
/// is not earlier than the <c>date</c> of the oldest revision history item. Dates are compared as instants (their offsets
/// applied); dates that do not parse are left to the schema.
/// </summary>
public sealed class Test_6_2_05_OlderInitialReleaseDate : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.2.5";

    /// <inheritdoc />
    public override string Title => "Older Initial Release Date than Revision History";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        if (context.Root.Obj("document")?.Obj("tracking") is not { } tracking) return;
        if (!RevisionDates.TryParse(tracking.Str("initial_release_date"), out var initial)) return;
        var dates = RevisionDates.Read(tracking);
        if (dates.Count == 0) return;
        var oldest = dates.MinBy(d => d.Date);
        if (initial < oldest.Date)
        {
            context.Report(CsafPointer.Of("document", "tracking", "initial_release_date"),
                $"The initial release date '{tracking.Str("initial_release_date")}' is older than '{oldest.Text}', the date of the oldest revision history item.");
        }
    }
}

/// <summary>The parsed <c>date</c>s of <c>revision_history</c> (6.2.5, 6.2.6), with their text as written.</summary>
internal static class RevisionDates
{
    public static IReadOnlyList<(DateTimeOffset Date, string? Text)> Read(System.Text.Json.JsonElement tracking) =>
        tracking.Items("revision_history")
            .Select(r => r.Str("date"))
            .Select(text => (Ok: TryParse(text, out var date), Date: date, Text: text))
            .Where(d => d.Ok)
            .Select(d => (d.Date, d.Text))
            .ToList();

    /// <summary>Parses an RFC 3339 date-time as CSAF writes it; false when absent or not a date.</summary>
    public static bool TryParse(string? text, out DateTimeOffset date) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out date);
}
