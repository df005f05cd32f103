using System.Text.Json;

namespace Schakel.Csaf.Validation;

/// <summary>One occurrence of a product id or product group id.</summary>
/// <param name="Id">The id as written.</param>
/// <param name="Path">JSON pointer to the id string itself.</param>
/// <param name="Owner">JSON pointer to the object holding it: the <c>full_product_name</c> / <c>product</c> object for a
/// definition, the product group for a group definition, the list's parent (e.g. <c>/vulnerabilities/0/product_status</c>) for a reference.</param>
/// <param name="Element">That owning object.</param>
public sealed record CsafIdOccurrence(string Id, string Path, string Owner, JsonElement Element);

/// <summary>
/// Every product id and product group id of a document, defined or referenced, in document order, with JSON pointers:
/// the lists CSAF 2.0 sections 6.1.1 to 6.1.5 name. Built once per document; reads defensively (no schema assumed).
/// </summary>
public sealed class CsafProductIndex
{
    /// <summary>The <c>product_status</c> lists of a vulnerability (CSAF 2.0 section 3.2.3.9), in schema order.</summary>
    public static readonly IReadOnlyList<string> ProductStatusLists =
        ["first_affected", "first_fixed", "fixed", "known_affected", "known_not_affected", "last_affected", "recommended", "under_investigation"];

    private CsafProductIndex() { }

    /// <summary>Product id definitions: <c>/product_tree/branches[](/branches[])*/product/product_id</c>,
    /// <c>/product_tree/full_product_names[]/product_id</c>, <c>/product_tree/relationships[]/full_product_name/product_id</c>.</summary>
    public List<CsafIdOccurrence> ProductDefinitions { get; } = [];

    /// <summary>Product id references (section 6.1.1's list, plus <c>/vulnerabilities[]/flags[]/product_ids[]</c>).</summary>
    public List<CsafIdOccurrence> ProductReferences { get; } = [];

    /// <summary>Product group definitions: <c>/product_tree/product_groups[]/group_id</c>.</summary>
    public List<CsafIdOccurrence> GroupDefinitions { get; } = [];

    /// <summary>Product group references: <c>/vulnerabilities[]/{flags,remediations,threats}[]/group_ids[]</c>.</summary>
    public List<CsafIdOccurrence> GroupReferences { get; } = [];

    /// <summary>Builds the index of <paramref name="root"/> (the whole document).</summary>
    public static CsafProductIndex Build(JsonElement root)
    {
        var index = new CsafProductIndex();
        if (root.ValueKind != JsonValueKind.Object) return index;
        if (root.TryGetProperty("product_tree", out var tree) && tree.ValueKind == JsonValueKind.Object) index.ReadTree(tree);
        var v = 0;
        foreach (var vuln in Array(root, "vulnerabilities"))
        {
            var vp = CsafPointer.Of("vulnerabilities", v++);
            if (Obj(vuln, "product_status") is { } status)
            {
                foreach (var list in ProductStatusLists) index.AddIds(index.ProductReferences, status, list, vp + "/product_status");
            }

            foreach (var (listName, idsName, target) in new[]
            {
                ("remediations", "product_ids", index.ProductReferences), ("scores", "products", index.ProductReferences),
                ("threats", "product_ids", index.ProductReferences), ("flags", "product_ids", index.ProductReferences),
                ("remediations", "group_ids", index.GroupReferences), ("threats", "group_ids", index.GroupReferences),
                ("flags", "group_ids", index.GroupReferences),
            })
            {
                var i = 0;
                foreach (var entry in Array(vuln, listName)) index.AddIds(target, entry, idsName, CsafPointer.Append(vp, listName, i++));
            }
        }

        return index;
    }

    private void ReadTree(JsonElement tree)
    {
        ReadBranches(tree, "/product_tree");
        var i = 0;
        foreach (var fpn in Array(tree, "full_product_names")) AddDefinition(fpn, CsafPointer.Of("product_tree", "full_product_names", i++));
        i = 0;
        foreach (var rel in Array(tree, "relationships"))
        {
            var rp = CsafPointer.Of("product_tree", "relationships", i++);
            if (Obj(rel, "full_product_name") is { } fpn) AddDefinition(fpn, rp + "/full_product_name");
            foreach (var name in new[] { "product_reference", "relates_to_product_reference" })
            {
                if (Str(rel, name) is { } id) ProductReferences.Add(new CsafIdOccurrence(id, rp + "/" + name, rp, rel));
            }
        }

        i = 0;
        foreach (var group in Array(tree, "product_groups"))
        {
            var gp = CsafPointer.Of("product_tree", "product_groups", i++);
            if (Str(group, "group_id") is { } gid) GroupDefinitions.Add(new CsafIdOccurrence(gid, gp + "/group_id", gp, group));
            AddIds(ProductReferences, group, "product_ids", gp);
        }
    }

    private void ReadBranches(JsonElement parent, string parentPath)
    {
        var i = 0;
        foreach (var branch in Array(parent, "branches"))
        {
            var bp = CsafPointer.Append(parentPath, "branches", i++);
            if (Obj(branch, "product") is { } product) AddDefinition(product, bp + "/product");
            ReadBranches(branch, bp);
        }
    }

    private void AddDefinition(JsonElement fullProductName, string path)
    {
        if (Str(fullProductName, "product_id") is { } id) ProductDefinitions.Add(new CsafIdOccurrence(id, path + "/product_id", path, fullProductName));
    }

    private void AddIds(List<CsafIdOccurrence> target, JsonElement owner, string listName, string ownerPath)
    {
        var i = 0;
        foreach (var item in Array(owner, listName))
        {
            if (item.ValueKind == JsonValueKind.String) target.Add(new CsafIdOccurrence(item.GetString()!, CsafPointer.Append(ownerPath, listName, i), ownerPath, owner));
            i++;
        }
    }

    private static IEnumerable<JsonElement> Array(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [];

    private static JsonElement? Obj(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : null;

    private static string? Str(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
