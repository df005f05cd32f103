using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.24 "Multiple Definition in Involvements": within one vulnerability, no two involvements have the
/// same <c>party</c> at the same <c>date</c>, whatever their <c>status</c>.
/// </summary>
/// <remarks>
/// Dates are compared as instants (<c>10:00Z</c> equals <c>12:00+02:00</c>). An involvement without a valid date is not
/// "at" any date, so it is not compared (6.2.7 warns about the missing date).
/// </remarks>
public sealed class Test_6_1_24_MultipleDefinitionInInvolvements : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.24";

    /// <inheritdoc />
    public override string Title => "Multiple Definition in Involvements";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        foreach (var (vulnerability, path) in CsafProfiles.Vulnerabilities(context.Root))
        {
            var first = new Dictionary<(string Party, DateTimeOffset Date), string>();
            var i = 0;
            foreach (var involvement in vulnerability.Items("involvements"))
            {
                var ip = CsafPointer.Append(path, "involvements", i++);
                if (involvement.Str("party") is not { } party || RevisionNumbers.ParseDate(involvement.Str("date")) is not { } date) continue;
                var key = (party, date.ToUniversalTime());
                if (first.TryGetValue(key, out var earlier))
                {
                    context.Report(ip, $"Party '{party}' already has an involvement at date '{involvement.Str("date")}' ({earlier}).");
                }
                else
                {
                    first[key] = ip;
                }
            }
        }
    }
}
