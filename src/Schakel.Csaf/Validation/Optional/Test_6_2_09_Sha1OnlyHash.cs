namespace Schakel.Csaf.Validation.Optional;

/// <summary>
/// CSAF 2.0 section 6.2.9 "Use of SHA-1 as the only Hash Algorithm": no <c>file_hashes</c> list of a product
/// identification helper has <c>sha1</c> as its only algorithm.
/// </summary>
public sealed class Test_6_2_09_Sha1OnlyHash : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.2.9";

    /// <inheritdoc />
    public override string Title => "Use of SHA-1 as the only Hash Algorithm";

    /// <inheritdoc />
    public override void Run(CsafTestContext context) => OnlyHashAlgorithm.Check(context, "sha1");
}
