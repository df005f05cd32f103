using System.Text.Json;

namespace Schakel.Csaf.Validation.Optional;

/// <summary>CSAF 2.0 section 6.2.7 "Missing Date in Involvements": every item of <c>/vulnerabilities[]/involvements</c> has a <c>date</c>.</summary>
public sealed class Test_6_2_07_MissingDateInInvolvements : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.2.7";

    /// <inheritdoc />
    public override string Title => "Missing Date in Involvements";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        var v = 0;
        foreach (var vulnerability in context.Root.Items("vulnerabilities"))
        {
            var i = 0;
            foreach (var involvement in vulnerability.Items("involvements"))
            {
                if (involvement.ValueKind == JsonValueKind.Object && !involvement.TryGetProperty("date", out _))
                {
                    var party = involvement.Str("party") is { } p ? $" (party '{p}')" : "";
                    context.Report(CsafPointer.Of("vulnerabilities", v, "involvements", i), $"The involvement{party} has no 'date'.");
                }

                i++;
            }

            v++;
        }
    }
}
