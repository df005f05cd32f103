using System.Text;
using System.Text.Json.Nodes;

namespace Schakel.Csaf.Tests;

/// <summary>Makes documents invalid on purpose, in memory, starting from a real one.</summary>
internal static class Mutated
{
    public const string Bsi = "csaf/advisories/oasis-examples/bsi-2022-0001.json";

    public static byte[] From(string relative, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(TestData.Bytes(relative))!;
        change(node);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    public static JsonObject Tracking(JsonNode doc) => doc["document"]!["tracking"]!.AsObject();
}
