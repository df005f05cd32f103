using System.Text.Json;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.31 "Version Range in Product Version": the <c>name</c> of a branch of category
/// <c>product_version</c> is one version, not a range.
/// </summary>
/// <remarks>
/// As the section allows, a name is a range when, in lower case, it contains one of the operators <c>&lt;</c>,
/// <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>, or one of the keywords after, all, before, earlier, later, prior, versions
/// as a word of its own (split on whitespace). Whole words, as CSAF 2.1 states it and the OASIS suite expects
/// ("after-eight" is a valid version name, test file 6-1-31-12), so "install" or "4.1-later-fix" do not count.
/// </remarks>
public sealed class Test_6_1_31_VersionRangeInProductVersion : CsafTest
{
    private static readonly string[] Operators = ["<=", ">=", "<", ">"];
    private static readonly HashSet<string> Keywords = new(["after", "all", "before", "earlier", "later", "prior", "versions"], StringComparer.Ordinal);

    /// <inheritdoc />
    public override string Id => "6.1.31";

    /// <inheritdoc />
    public override string Title => "Version Range in Product Version";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        if (context.Root.Obj("product_tree") is { } tree) Walk(context, tree, "/product_tree", 0);
    }

    private static void Walk(CsafTestContext context, JsonElement parent, string parentPath, int depth)
    {
        // The parser caps nesting at 64, so this recursion is bounded; the guard keeps it so for any JsonElement.
        if (depth > 64) return;
        var i = 0;
        foreach (var branch in parent.Items("branches"))
        {
            var bp = CsafPointer.Append(parentPath, "branches", i++);
            if (branch.Str("category") == "product_version" && branch.Str("name") is { } name && RangeMarker(name) is { } marker)
            {
                context.Report(bp + "/name",
                    $"The product_version branch name '{name}' contains '{marker}', so it looks like a version range; use category product_version_range for ranges.");
            }

            Walk(context, branch, bp, depth + 1);
        }
    }

    private static string? RangeMarker(string name)
    {
        var lower = name.ToLowerInvariant();
        return Operators.FirstOrDefault(o => lower.Contains(o, StringComparison.Ordinal))
            ?? lower.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(Keywords.Contains);
    }
}
