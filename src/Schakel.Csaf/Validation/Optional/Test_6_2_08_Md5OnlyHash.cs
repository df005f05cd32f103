using System.Text.Json;
using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Optional;

/// <summary>
/// CSAF 2.0 section 6.2.8 "Use of MD5 as the only Hash Algorithm": no <c>file_hashes</c> list of a product
/// identification helper has <c>md5</c> as its only algorithm.
/// </summary>
public sealed class Test_6_2_08_Md5OnlyHash : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.2.8";

    /// <inheritdoc />
    public override string Title => "Use of MD5 as the only Hash Algorithm";

    /// <inheritdoc />
    public override void Run(CsafTestContext context) => OnlyHashAlgorithm.Check(context, "md5");
}

/// <summary>Shared by 6.2.8 and 6.2.9: a weak algorithm must be accompanied by a second, stronger one.</summary>
internal static class OnlyHashAlgorithm
{
    /// <summary>Reports every <c>.../product_identification_helper/hashes[]/file_hashes</c> whose algorithms are all <paramref name="weak"/>.</summary>
    public static void Check(CsafTestContext context, string weak)
    {
        foreach (var (path, product) in ProductTreeElements.FullProductNames(context.Root))
        {
            var i = 0;
            foreach (var hash in product.Obj("product_identification_helper")?.Items("hashes") ?? [])
            {
                // Algorithm names are compared case-insensitively: "MD5" is no stronger than "md5".
                var algorithms = hash.Items("file_hashes").Select(h => h.Str("algorithm")).ToList();
                if (algorithms.Count > 0 && algorithms.All(a => string.Equals(a, weak, StringComparison.OrdinalIgnoreCase)))
                {
                    var file = hash.Str("filename") is { } f ? $" of file '{f}'" : "";
                    var id = product.Str("product_id") is { } p ? $" of product '{p}'" : "";
                    context.Report(CsafPointer.Append(path, "product_identification_helper", "hashes", i, "file_hashes"),
                        $"The hashes{file}{id} use only the algorithm '{weak}'; add a second, cryptographically stronger hash.");
                }

                i++;
            }
        }
    }
}
