using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Schakel.Stix.Markings;

namespace Schakel.Benchmarks;

/// <summary>
/// <c>stix-bundle --objects N --out FILE [--seed S]</c>: writes a STIX 2.1 bundle of exactly N objects, made
/// deterministically (same seed, same bytes) from the real objects in <c>SCHAKEL_DATA/stix</c>. Each template group (one
/// OASIS example bundle, the SCO examples, the filesystem store with its object versions, one medallion collection) is
/// copied with fresh ids, consistently inside the copy, so relationships, reports' <c>object_refs</c> and the several
/// versions of one object stay intact. Marking definitions keep their ids and are written once at the start; a third of
/// the copied objects without markings get TLP 2.0 CLEAR or GREEN, so the bundle's label is GREEN.
/// </summary>
public static partial class StixBundleGenerator
{
    public static int Run(int objects, string output, int seed)
    {
        var stats = Write(objects, output, seed, Environment.GetEnvironmentVariable("SCHAKEL_DATA") ?? Path.Combine("..", "shared", "data"));
        Console.WriteLine($"wrote {output}: {objects} objects, {new FileInfo(output).Length / 1048576.0:0.0} MiB, seed {seed}");
        Console.WriteLine("types " + string.Join(", ", stats.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value}")));
        return 0;
    }

    /// <summary>Writes the bundle and returns the number of objects per type.</summary>
    public static Dictionary<string, int> Write(int count, string output, int seed, string dataFolder)
    {
        var stix = Path.Combine(dataFolder, "stix");
        var (fixedObjects, groups) = LoadTemplates(stix);
        var random = new Random(seed);
        var types = new Dictionary<string, int>(StringComparer.Ordinal);
        using var stream = File.Create(output);
        using var writer = new Utf8JsonWriter(stream);
        writer.WriteStartObject();
        writer.WriteString("type", "bundle");
        writer.WriteString("id", "bundle--" + NewGuid(random));
        writer.WriteStartArray("objects");
        var written = 0;
        void Emit(JsonNode node)
        {
            node.WriteTo(writer);
            var type = node["type"]!.GetValue<string>();
            types[type] = types.GetValueOrDefault(type) + 1;
            written++;
        }

        foreach (var o in fixedObjects.Take(count)) Emit(o);
        while (written < count)
        {
            var group = groups[random.Next(groups.Count)];
            // Fresh ids for every object the group defines (one new id per old id, so versions keep sharing theirs).
            var remapped = new Dictionary<string, string>(StringComparer.Ordinal);
            var text = IdPattern().Replace(group.Text, m =>
            {
                if (!group.Ids.Contains(m.Value)) return m.Value;
                if (!remapped.TryGetValue(m.Value, out var fresh))
                    remapped[m.Value] = fresh = m.Value[..(m.Value.IndexOf("--", StringComparison.Ordinal) + 2)] + NewGuid(random);
                return fresh;
            });

            foreach (var node in JsonNode.Parse(text)!.AsArray().ToList())
            {
                if (written == count) break;
                var o = node!.AsObject();
                if (!o.ContainsKey("object_marking_refs") && random.Next(3) == 0)
                    o["object_marking_refs"] = new JsonArray(random.Next(4) == 0 ? TlpMarkings.Tlp2Clear : TlpMarkings.Tlp2Green);
                Emit(o);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        return types;
    }

    private static (List<JsonNode> Fixed, List<Group> Groups) LoadTemplates(string stix)
    {
        var fixedObjects = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        var groups = new List<Group>();
        void AddGroup(IEnumerable<JsonNode> objects)
        {
            var list = new JsonArray();
            foreach (var o in objects)
            {
                var id = o["id"]!.GetValue<string>();
                if (o["type"]!.GetValue<string>() == "marking-definition") fixedObjects.TryAdd(id, o.DeepClone());
                else list.Add(o.DeepClone());
            }

            if (list.Count == 0) return;
            var ids = list.Select(o => o!["id"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            groups.Add(new Group(list.ToJsonString(), ids));
        }

        static IEnumerable<JsonNode> ObjectsOf(JsonNode root) => root switch
        {
            JsonArray a => a.Select(x => x!),
            JsonObject o when o["objects"] is JsonArray a => a.Select(x => x!),
            JsonObject o => [o],
            _ => [],
        };

        foreach (var file in Directory.EnumerateFiles(Path.Combine(stix, "bundles"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            // This example references marking definitions it does not contain: unknown markings, held as AMBER+STRICT.
            if (Path.GetFileName(file) == "interop-objectmarking-test.json") continue;
            AddGroup(ObjectsOf(JsonNode.Parse(File.ReadAllBytes(file))!));
        }

        // The filesystem store is one group: its relationships point at its attack patterns, and it holds several versions of objects.
        AddGroup(Directory.EnumerateFiles(Path.Combine(stix, "filesystem-store"), "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal).SelectMany(f => ObjectsOf(JsonNode.Parse(File.ReadAllBytes(f))!)));

        // medallion's test server data: one group per collection.
        var medallion = JsonNode.Parse(File.ReadAllBytes(Path.Combine(stix, "taxii", "medallion-default_data.json")))!;
        foreach (var root in medallion.AsObject().Select(kv => kv.Value).OfType<JsonObject>())
        {
            if (root["collections"] is not JsonArray collections) continue;
            foreach (var c in collections.OfType<JsonObject>())
                if (c["objects"] is JsonArray objects) AddGroup(objects.Select(x => x!));
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(stix, "tlp2"), "tlp-*.json").Order(StringComparer.Ordinal))
            foreach (var o in ObjectsOf(JsonNode.Parse(File.ReadAllBytes(file))!)) fixedObjects.TryAdd(o["id"]!.GetValue<string>(), o.DeepClone());
        return ([.. fixedObjects.Values], groups);
    }

    private static Guid NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)(bytes[7] & 0x0F | 0x40); // version 4 (little-endian field layout of Guid)
        bytes[8] = (byte)(bytes[8] & 0x3F | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }

    /// <summary>A STIX identifier inside JSON text.</summary>
    [GeneratedRegex("[a-z0-9-]+--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex IdPattern();

    private sealed record Group(string Text, HashSet<string> Ids);
}
