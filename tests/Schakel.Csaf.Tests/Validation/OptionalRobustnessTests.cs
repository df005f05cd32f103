using System.Text;
using System.Text.Json.Nodes;
using Schakel.Csaf.Validation;
using static Schakel.Csaf.Tests.Validation.OptionalTestDocuments;

namespace Schakel.Csaf.Tests.Validation;

/// <summary>The optional tests read defensively: a document that breaks the schema anywhere never makes one of them fail to run.</summary>
public sealed class OptionalRobustnessTests
{
    // 1e400 is valid JSON but beyond double's range; the mixed array puts wrong kinds where strings or objects belong.
    private static readonly string[] Replacements = ["null", "1e400", "\"\"", "\"CVE-2021-44228\"", "[]", "{}", "[null, 1, \"a\", {}]"];

    public static TheoryData<string> Documents() => new() { "clean", "rich" };

    [Theory]
    [MemberData(nameof(Documents))]
    public void OptionalTests_EveryValueReplacedByEveryKind_NeverFailToRun(string which)
    {
        var json = which == "clean" ? Clean : Encoding.UTF8.GetString(Rich());
        var validator = new CsafValidator(CsafReferenceData.Default, new CsafValidatorOptions { Informative = false });
        var paths = Paths(JsonNode.Parse(json)!, "").ToList();
        var problems = new List<string>();

        foreach (var path in paths)
        {
            foreach (var replacement in Replacements)
            {
                var root = JsonNode.Parse(json)!;
                Replace(root, path, JsonNode.Parse(replacement));
                // 1e400 inside a unique array defeats JsonSchema.Net's uniqueItems; CsafSchema reports that as a schema finding.
                var report = validator.Validate(Encoding.UTF8.GetBytes(root.ToJsonString()));
                problems.AddRange(report.Runs
                    .Where(r => r.Group == CsafTestGroup.Optional && r.Outcome == CsafTestOutcome.NotRun)
                    .Select(r => $"{path} = {replacement}: {r.TestId} {r.Reason}"));
            }
        }

        Assert.True(paths.Count > 50, $"only {paths.Count} paths");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Take(20)));
    }

    /// <summary>The clean document plus every part the optional tests read: branches, relationships, groups, involvements, ids, CVSS v2 and v3 with environmental scores on a fixed product.</summary>
    private static byte[] Rich() => With(d =>
    {
        d["product_tree"]!["branches"] = Node(
            """[{ "branches": [ { "category": "product_version_range", "name": "vers:generic/<2", "product": { "name": "B <2", "product_id": "B", "product_identification_helper": { "hashes": [ { "file_hashes": [ { "algorithm": "md5", "value": "6ae24620ea9656230f49234efd078935" } ], "filename": "b.so" } ] } } } ], "category": "product_name", "name": "B" }]""");
        d["product_tree"]!["product_groups"] = Node("""[{ "group_id": "G", "product_ids": [ "A", "B" ] }]""");
        d["product_tree"]!["relationships"] = Node(
            """[{ "category": "installed_on", "full_product_name": { "name": "A on B", "product_id": "AB" }, "product_reference": "A", "relates_to_product_reference": "B" }]""");
        d.Doc()["source_lang"] = "nl";
        d.Vuln()["ids"] = Node("""[{ "system_name": "Example", "text": "EX-1" }]""");
        d.Vuln()["involvements"] = Node("""[{ "date": "2024-01-01T10:00:00.000Z", "party": "vendor", "status": "completed" }]""");
        d.Vuln()["product_status"] = Node("""{ "fixed": [ "AB" ], "known_affected": [ "A" ], "under_investigation": [ "B" ] }""");
        d.Vuln()["remediations"]!.AsArray().Add(Node("""{ "category": "workaround", "details": "Block port 80.", "group_ids": [ "G" ] }"""));
        d.Vuln()["scores"]!.AsArray().Add(Node(
            """{ "cvss_v2": { "baseScore": 10, "environmentalScore": 5, "targetDistribution": "LOW", "vectorString": "AV:N/AC:L/Au:N/C:C/I:C/A:C/TD:L", "version": "2.0" }, "cvss_v3": { "baseScore": 9.8, "baseSeverity": "CRITICAL", "environmentalScore": 9.8, "modifiedConfidentialityImpact": "HIGH", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MC:H", "version": "3.1" }, "products": [ "AB" ] }"""));
    });

    private static IEnumerable<string> Paths(JsonNode node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    yield return path + "/" + key;
                    if (child is not null) foreach (var p in Paths(child, path + "/" + key)) yield return p;
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    yield return path + "/" + i;
                    if (array[i] is { } child) foreach (var p in Paths(child, path + "/" + i)) yield return p;
                }

                break;
        }
    }

    /// <summary>Puts <paramref name="value"/> at <paramref name="path"/> and returns the parent it went into.</summary>
    private static JsonNode Replace(JsonNode root, string path, JsonNode? value)
    {
        var segments = path.TrimStart('/').Split('/');
        var parent = segments[..^1].Aggregate(root, (n, s) => n is JsonArray a ? a[int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)]! : n[s]!);
        if (parent is JsonArray array) array[int.Parse(segments[^1], System.Globalization.CultureInfo.InvariantCulture)] = value;
        else parent[segments[^1]] = value;
        return parent;
    }
}
