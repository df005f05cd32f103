namespace Schakel.Csaf.Validation.Informative;

/// <summary>
/// CSAF 2.0 section 6.3.6 "Use of non-self referencing URLs Failing to Resolve": every URL that is not a reference of category <c>self</c> resolves with HTTP 2xx or 3xx. That needs the live internet, which a validator inside Schakel (and its CI)
/// does not use, so the test always reports "not run (offline)", never "passed".
/// </summary>
public sealed class Test_6_3_06_NonSelfReferencingUrlsFailingToResolve : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.3.6";

    /// <inheritdoc />
    public override string Title => "Use of non-self referencing URLs Failing to Resolve";

    /// <inheritdoc />
    public override void Run(CsafTestContext context) => context.NotRun("not run (offline)");
}
