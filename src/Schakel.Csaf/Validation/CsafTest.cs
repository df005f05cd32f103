namespace Schakel.Csaf.Validation;

/// <summary>
/// One test of CSAF 2.0 section 6 (mandatory 6.1, optional 6.2 or informative 6.3). Each test is a sealed class in
/// this assembly with a public parameterless constructor; <see cref="CsafValidator"/> finds them all by reflection,
/// so adding a test is adding a file.
/// </summary>
public abstract class CsafTest
{
    /// <summary>The section number, e.g. <c>6.1.1</c>, <c>6.1.27.4</c>, <c>6.2.3</c>.</summary>
    public abstract string Id { get; }

    /// <summary>The section's title, e.g. "Missing Definition of Product ID".</summary>
    public abstract string Title { get; }

    /// <summary>Mandatory, optional or informative, from the section number.</summary>
    public CsafTestGroup Group => Id.StartsWith("6.1.", StringComparison.Ordinal) ? CsafTestGroup.Mandatory
        : Id.StartsWith("6.2.", StringComparison.Ordinal) ? CsafTestGroup.Optional
        : Id.StartsWith("6.3.", StringComparison.Ordinal) ? CsafTestGroup.Informative
        : throw new InvalidOperationException($"Test id '{Id}' is not in section 6.1, 6.2 or 6.3.");

    /// <summary>
    /// Runs the test on one document. Report problems with <see cref="CsafTestContext.Report"/>; call
    /// <see cref="CsafTestContext.NotRun"/> when the test cannot run. Must not throw for any JSON input, valid or not:
    /// a document that broke the schema is still tested, so read defensively (the value kinds are not guaranteed).
    /// </summary>
    public abstract void Run(CsafTestContext context);
}
