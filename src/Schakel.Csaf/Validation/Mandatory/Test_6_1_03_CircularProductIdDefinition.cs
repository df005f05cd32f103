using System.Text.Json;

namespace Schakel.Csaf.Validation.Mandatory;

/// <summary>
/// CSAF 2.0 section 6.1.3 "Circular Definition of Product ID": a product id defined in
/// <c>/product_tree/relationships[]/full_product_name/product_id</c> must not, following the relationships'
/// <c>product_reference</c> and <c>relates_to_product_reference</c>, lead back to itself.
/// </summary>
public sealed class Test_6_1_03_CircularProductIdDefinition : CsafTest
{
    /// <inheritdoc />
    public override string Id => "6.1.3";

    /// <inheritdoc />
    public override string Title => "Circular Definition of Product ID";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        // Edges: a product defined by a relationship depends on the two products the relationship names.
        var definitions = new List<(string Id, string Path)>();
        var edges = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var i = 0;
        foreach (var relationship in context.Root.Obj("product_tree")?.Items("relationships") ?? [])
        {
            var path = CsafPointer.Of("product_tree", "relationships", i++, "full_product_name", "product_id");
            if (relationship.Obj("full_product_name")?.Str("product_id") is not { } id) continue;
            definitions.Add((id, path));
            if (!edges.TryGetValue(id, out var targets)) edges[id] = targets = [];
            targets.AddRange(new[] { relationship.Str("product_reference"), relationship.Str("relates_to_product_reference") }.OfType<string>());
        }

        foreach (var (id, path) in definitions)
        {
            if (CycleFrom(id, edges) is { } cycle)
            {
                context.Report(path, $"Product id '{id}' is defined through a relationship that refers back to it: {string.Join(" -> ", cycle)}.");
            }
        }
    }

    /// <summary>A path <c>start, ..., start</c> through <paramref name="edges"/>, or null when there is none.</summary>
    private static List<string>? CycleFrom(string start, Dictionary<string, List<string>> edges)
    {
        // Breadth-first with parents, so the reported cycle is a shortest one; visited nodes keep it linear in the tree size.
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var next in edges.GetValueOrDefault(node) ?? [])
            {
                if (next == start) return Rebuild(start, node, parent);

                if (parent.TryAdd(next, node)) queue.Enqueue(next);
            }
        }

        return null;
    }

    /// <summary><c>start, ..., last, start</c> from the breadth-first parents.</summary>
    private static List<string> Rebuild(string start, string last, Dictionary<string, string> parent)
    {
        var path = new List<string> { start };
        for (var n = last; n != start; n = parent[n]) path.Insert(0, n);
        path.Insert(0, start);
        return path;
    }
}
