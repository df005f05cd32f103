using System.Text.Json;

namespace Schakel.Csaf;

/// <summary>
/// Flattens the product tree (CSAF 2.0 3.2.2): branch leaves (3.2.2.1), <c>full_product_names</c> (3.2.2.2) and
/// <c>relationships</c> (3.2.2.4), and resolves product groups (3.2.2.3) to their member product ids.
/// </summary>
internal static class ProductTreeReader
{
    // Walking stops here; JsonDocument's default MaxDepth (64) already bounds the tree far below this.
    private const int MaxBranchDepth = 64;

    public static IReadOnlyList<CsafProduct> ReadProducts(JsonElement root)
    {
        var products = new List<CsafProduct>();
        if (root.Obj("product_tree") is not { } tree)
        {
            return products;
        }

        WalkBranches(tree, new BranchPath(null, null, null, false), products, 0);

        foreach (var full in tree.Items("full_product_names"))
        {
            products.Add(Leaf(full, new BranchPath(null, null, null, false), "full_product_names"));
        }

        // Relationship products are combinations ("X as a component of Y"); they inherit vendor, product and
        // version from the product they reference (X), since that is what a version match has to look at.
        var byId = products.GroupBy(p => p.ProductId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var relationship in tree.Items("relationships"))
        {
            if (relationship.Obj("full_product_name") is not { } full)
            {
                continue;
            }

            var reference = relationship.Str("product_reference");
            var basis = reference is not null && byId.TryGetValue(reference, out var referenced) ? referenced : null;
            var path = new BranchPath(basis?.Vendor, basis?.Product, basis?.Version, basis?.IsVersionRange ?? false);
            products.Add(Leaf(full, path, "relationships"));
        }

        return products;
    }

    /// <summary>Group id to its product ids (<c>/product_tree/product_groups</c>).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ReadGroups(JsonElement root)
    {
        var groups = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (root.Obj("product_tree") is { } tree)
        {
            foreach (var group in tree.Items("product_groups"))
            {
                if (group.Str("group_id") is { } id)
                {
                    groups.TryAdd(id, group.Strings("product_ids"));
                }
            }
        }

        return groups;
    }

    private static void WalkBranches(JsonElement node, BranchPath path, List<CsafProduct> sink, int depth)
    {
        if (depth > MaxBranchDepth)
        {
            return;
        }

        foreach (var branch in node.Items("branches"))
        {
            var name = branch.Str("name");
            var here = branch.Str("category") switch
            {
                "vendor" => path with { Vendor = name },
                "product_name" => path with { Product = name },
                "product_version" => path with { Version = name, IsRange = false },
                "product_version_range" => path with { Version = name, IsRange = true },
                // A service pack or patch level refines the version (Cisco: 15.2 → 15.2(2)E); without it leaves would repeat.
                "service_pack" or "patch_level" when name is not null => path with { Version = Refine(path.Version, name) },
                _ => path, // product_family, architecture, language, ... do not change the triple
            };

            if (branch.Obj("product") is { } product)
            {
                sink.Add(Leaf(product, here, "branches"));
            }

            WalkBranches(branch, here, sink, depth + 1);
        }
    }

    private static CsafProduct Leaf(JsonElement fullProductName, BranchPath path, string source)
    {
        var helper = fullProductName.Obj("product_identification_helper");
        return new CsafProduct
        {
            ProductId = fullProductName.Str("product_id") ?? "",
            FullName = fullProductName.Str("name") ?? "",
            Vendor = path.Vendor,
            Product = path.Product,
            Version = path.Version,
            IsVersionRange = path.IsRange,
            Cpe = helper?.Str("cpe"),
            Purl = helper?.Str("purl"),
            Source = source,
        };
    }

    private sealed record BranchPath(string? Vendor, string? Product, string? Version, bool IsRange);

    /// <summary>
    /// The refined version: the refinement alone when it is a full version itself (starts with a digit, as Cisco's
    /// <c>12.2(55)SE3</c> under <c>12.2SE</c>), else both (<c>2.4 SP1</c>).
    /// </summary>
    private static string Refine(string? version, string refinement) =>
        version is null || char.IsAsciiDigit(refinement[0]) ? refinement : $"{version} {refinement}";
}
