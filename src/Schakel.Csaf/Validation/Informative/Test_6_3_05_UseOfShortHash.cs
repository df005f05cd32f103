using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Informative;

/// <summary>
/// CSAF 2.0 section 6.3.5 "Use of Short Hash": every <c>product_identification_helper/hashes[]/file_hashes[]/value</c> is
/// at least 64 characters long.
/// </summary>
public sealed class Test_6_3_05_UseOfShortHash : CsafTest
{
    private const int MinimumLength = 64;

    /// <inheritdoc />
    public override string Id => "6.3.5";

    /// <inheritdoc />
    public override string Title => "Use of Short Hash";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        foreach (var (product, path) in InformativeWalk.FullProductNames(context.Root))
        {
            if (product.Obj("product_identification_helper") is not { } helper) continue;
            var h = 0;
            foreach (var hash in helper.Items("hashes"))
            {
                var f = 0;
                foreach (var fileHash in hash.Items("file_hashes"))
                {
                    var at = CsafPointer.Append(path, "product_identification_helper", "hashes", h, "file_hashes", f++, "value");
                    if (fileHash.Str("value") is { Length: < MinimumLength } value)
                    {
                        context.Report(at, $"The {fileHash.Str("algorithm") ?? "file"} hash value is only {value.Length} characters long (at least {MinimumLength} recommended).");
                    }
                }

                h++;
            }
        }
    }
}
