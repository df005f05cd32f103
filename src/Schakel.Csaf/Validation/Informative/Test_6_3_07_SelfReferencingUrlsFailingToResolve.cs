namespace Schakel.Csaf.Validation.Informative;

/// <summary>
/// CSAF 2.0 section 6.3.7 "Use of self referencing URLs Failing to Resolve": every reference of category <c>self</c> resolves with an HTTP status below 400. That needs the live internet, which a validator inside Schakel (and its CI)
/// does not use, so the test always reports "not run (offline)", never "passed".
/// </summary>
public sealed class Test_6_3_07_SelfReferencingUrlsFailingToResolve : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.3.7";

    /// <inheritdoc />
    public override string Title => "Use of self referencing URLs Failing to Resolve";

    /// <inheritdoc />
    public override void Run(CsafTestContext context) => context.NotRun("not run (offline)");
}
