using System.Text.Json;

namespace Schakel.Csaf.Validation.Support;

/// <summary>
/// The elements of <c>/product_tree</c> that several tests walk, with JSON pointers, in document order. Reads defensively:
/// anything of the wrong kind is skipped (the schema reports it).
/// </summary>
internal static class ProductTreeElements
{
    /// <summary>Every <c>full_product_name_t</c>: <c>/product_tree/branches[](/branches[])*/product</c>,
    /// <c>/product_tree/full_product_names[]</c>, <c>/product_tree/relationships[]/full_product_name</c> (objects only).</summary>
    public static IEnumerable<(string Path, JsonElement Element)> FullProductNames(JsonElement root)
    {
        if (root.Obj("product_tree") is not { } tree) yield break;
        foreach (var (path, branch) in Branches(root))
        {
            if (branch.Obj("product") is { } product) yield return (path + "/product", product);
        }

        var i = 0;
        foreach (var fpn in tree.Items("full_product_names"))
        {
            if (fpn.ValueKind == JsonValueKind.Object) yield return (CsafPointer.Of("product_tree", "full_product_names", i), fpn);
            i++;
        }

        i = 0;
        foreach (var rel in tree.Items("relationships"))
        {
            if (rel.Obj("full_product_name") is { } fpn) yield return (CsafPointer.Of("product_tree", "relationships", i, "full_product_name"), fpn);
            i++;
        }
    }

    /// <summary>Every branch object, <c>/product_tree/branches[](/branches[])*</c>, parents before their children.</summary>
    public static IEnumerable<(string Path, JsonElement Element)> Branches(JsonElement root)
    {
        if (root.Obj("product_tree") is not { } tree) return [];
        var found = new List<(string, JsonElement)>();
        Collect(tree, "/product_tree", found, depth: 0);
        return found;
    }

    private static void Collect(JsonElement parent, string parentPath, List<(string, JsonElement)> found, int depth)
    {
        // The parser's depth limit (64) already bounds this; the guard keeps the walk safe if that limit is raised.
        if (depth > 100) return;
        var i = 0;
        foreach (var branch in parent.Items("branches"))
        {
            var path = CsafPointer.Append(parentPath, "branches", i++);
            if (branch.ValueKind != JsonValueKind.Object) continue;
            found.Add((path, branch));
            Collect(branch, path, found, depth + 1);
        }
    }
}
