using System.Text.Json;

namespace Schakel.Csaf.Validation.Support;

/// <summary>
/// Resolves the products an item of a vulnerability (a flag, threat or remediation) is about: its <c>product_ids</c> plus
/// the members of the product groups named in its <c>group_ids</c> (tests 6.1.27.9, 6.1.27.10 and 6.1.33).
/// </summary>
public sealed class ProductGroupMembers
{
    private readonly Dictionary<string, HashSet<string>> members = new(StringComparer.Ordinal);

    /// <summary>Reads <c>/product_tree/product_groups</c> from the index. A group defined twice (a 6.1.5 failure) gets the union of both.</summary>
    public ProductGroupMembers(CsafProductIndex products)
    {
        ArgumentNullException.ThrowIfNull(products);
        foreach (var group in products.GroupDefinitions)
        {
            if (!members.TryGetValue(group.Id, out var set)) members[group.Id] = set = new HashSet<string>(StringComparer.Ordinal);
            set.UnionWith(group.Element.Strings("product_ids"));
        }
    }

    /// <summary>The product ids of group <paramref name="groupId"/>; none for an undefined group (6.1.4 reports that).</summary>
    public IReadOnlyCollection<string> Of(string groupId) => members.TryGetValue(groupId, out var set) ? set : [];

    /// <summary>The distinct products <paramref name="item"/> names directly (<c>product_ids</c>) or through <c>group_ids</c>, direct ones first.</summary>
    public IReadOnlyList<string> ProductsOf(JsonElement item)
    {
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in item.Strings("product_ids").Concat(item.Strings("group_ids").SelectMany(Of)))
        {
            if (seen.Add(id)) result.Add(id);
        }

        return result;
    }

    /// <summary>
    /// True when <paramref name="item"/> names at least one product or group: a non-empty <c>product_ids</c> or
    /// <c>group_ids</c> array (tests 6.1.29 and 6.1.32). An empty array names nothing (and breaks the schema's minItems).
    /// </summary>
    public static bool NamesProducts(JsonElement item) =>
        new[] { "product_ids", "group_ids" }.Any(name =>
            item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > 0);
}

/// <summary>Reads <c>/document/category</c> for the profile tests of section 6.1.27 and for 6.1.26.</summary>
public static class CsafProfiles
{
    /// <summary>Profile "Security Advisory" (section 4.5).</summary>
    public const string SecurityAdvisory = "csaf_security_advisory";

    /// <summary>Profile "VEX" (section 4.6).</summary>
    public const string Vex = "csaf_vex";

    /// <summary>Profile "Informational Advisory" (section 4.4).</summary>
    public const string InformationalAdvisory = "csaf_informational_advisory";

    /// <summary>Profile "Security Incident Response" (section 4.3).</summary>
    public const string SecurityIncidentResponse = "csaf_security_incident_response";

    /// <summary>Profile "CSAF Base" (section 4.1).</summary>
    public const string Base = "csaf_base";

    /// <summary><c>/document/category</c> as written, or null.</summary>
    public static string? Category(JsonElement root) => root.Obj("document")?.Str("category");

    /// <summary>
    /// True when the document's category is exactly one of <paramref name="categories"/>. The profile tests apply only then;
    /// on any other document they have nothing to test and pass (section 6.1.27: "Tests SHOULD be skipped if the document
    /// category does not match").
    /// </summary>
    public static bool Is(JsonElement root, params string[] categories) => Category(root) is { } category && categories.Contains(category, StringComparer.Ordinal);

    /// <summary>
    /// How a message names a vulnerability: its CVE, else its first other id, else its title, quoted and followed by a
    /// space (<c>'CVE-2021-44228' </c>); empty when it has none of these.
    /// </summary>
    public static string Name(JsonElement vulnerability)
    {
        var name = vulnerability.Str("cve")
            ?? vulnerability.Items("ids").Select(i => i.Str("text")).FirstOrDefault(t => t is not null)
            ?? vulnerability.Str("title");
        return name is null ? "" : $"'{name}' ";
    }

    /// <summary>The vulnerability objects with their pointers (<c>/vulnerabilities/0</c>, ...), in document order.</summary>
    public static IEnumerable<(JsonElement Vulnerability, string Path)> Vulnerabilities(JsonElement root)
    {
        var i = 0;
        foreach (var vulnerability in root.Items("vulnerabilities"))
        {
            var path = CsafPointer.Of("vulnerabilities", i++);
            if (vulnerability.ValueKind == JsonValueKind.Object) yield return (vulnerability, path);
        }
    }
}
