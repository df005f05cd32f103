using System.Text.Json;

namespace Schakel.Csaf.Validation.Support;

/// <summary>One branch of <c>/product_tree/branches</c> (at any depth), with its path and the categories from the root down to it.</summary>
/// <param name="Element">The branch object.</param>
/// <param name="Path">JSON pointer to it, e.g. <c>/product_tree/branches/0/branches/1</c>.</param>
/// <param name="Categories">The <c>category</c> of each branch from the top to this one (inclusive); null where missing or not a string.</param>
internal sealed record BranchNode(JsonElement Element, string Path, IReadOnlyList<string?> Categories);

/// <summary>Walks the parts of a document that the informative tests (CSAF 2.0 section 6.3) read; tolerant of any JSON shape.</summary>
internal static class InformativeWalk
{
    /// <summary>Every branch below <c>/product_tree/branches</c>, depth first in document order.</summary>
    public static IEnumerable<BranchNode> Branches(JsonElement root)
    {
        if (root.Obj("product_tree") is not { } tree) yield break;
        var stack = new Stack<BranchNode>();
        Push(stack, tree, "/product_tree", []);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            Push(stack, node.Element, node.Path, node.Categories);
        }
    }

    /// <summary>
    /// Every full product name object in the product tree with its pointer: branch products, <c>full_product_names[]</c>
    /// and <c>relationships[]/full_product_name</c>.
    /// </summary>
    public static IEnumerable<(JsonElement Product, string Path)> FullProductNames(JsonElement root)
    {
        foreach (var branch in Branches(root))
        {
            if (branch.Element.Obj("product") is { } product) yield return (product, branch.Path + "/product");
        }

        if (root.Obj("product_tree") is not { } tree) yield break;
        var i = 0;
        foreach (var fpn in tree.Items("full_product_names")) yield return (fpn, CsafPointer.Of("product_tree", "full_product_names", i++));
        i = 0;
        foreach (var rel in tree.Items("relationships"))
        {
            var rp = CsafPointer.Of("product_tree", "relationships", i++);
            if (rel.Obj("full_product_name") is { } fpn) yield return (fpn, rp + "/full_product_name");
        }
    }

    /// <summary>Each vulnerability with its pointer (<c>/vulnerabilities/N</c>); only objects.</summary>
    public static IEnumerable<(JsonElement Vulnerability, string Path)> Vulnerabilities(JsonElement root)
    {
        var i = 0;
        foreach (var v in root.Items("vulnerabilities"))
        {
            var path = CsafPointer.Of("vulnerabilities", i++);
            if (v.ValueKind == JsonValueKind.Object) yield return (v, path);
        }
    }

    private static void Push(Stack<BranchNode> stack, JsonElement parent, string parentPath, IReadOnlyList<string?> categories)
    {
        var children = parent.Items("branches").Select((b, i) => (b, i)).Where(x => x.b.ValueKind == JsonValueKind.Object).ToList();

        // Pushed in reverse so that popping yields document order.
        for (var k = children.Count - 1; k >= 0; k--)
        {
            var (branch, i) = children[k];
            stack.Push(new BranchNode(branch, CsafPointer.Append(parentPath, "branches", i), [.. categories, branch.Str("category")]));
        }
    }
}
