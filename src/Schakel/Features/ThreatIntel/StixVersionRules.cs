using System.Text.Json;
using Schakel.Stix;

namespace Schakel.Features.ThreatIntel;

/// <summary>
/// What STIX 2.1 allows as a further version of an object the node already holds, checked against every held version of
/// the id (whichever item holds it) and the versions accepted earlier in the same import:
/// <list type="bullet">
/// <item>nothing later than a revoked version: "Revoking an object is permanent; future versions of the object with this id
/// MUST NOT be created" (section 3.2, <c>revoked</c>; section 3.6);</item>
/// <item>the same <c>created</c>: it "MUST NOT be changed when creating a new version" (section 3.2; for objects versioned
/// by <c>modified</c>: without it, <c>created</c> is the version);</item>
/// <item>the same <c>created_by_ref</c>: only the object creator makes new versions (section 3.6); another producer makes a
/// new object.</item>
/// </list>
/// A version that breaks one is a conflict: not stored, reported. Earlier versions (history) are held to the last two rules only.
/// </summary>
internal sealed class StixVersionRules
{
    private readonly Dictionary<string, string> _revokedKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _createdKey = new(StringComparer.Ordinal);
    // The JSON of one version per id; its created_by_ref is read only when another version of the id comes along, so an
    // import of new objects parses nothing more.
    private readonly Dictionary<string, string> _creatorJson = new(StringComparer.Ordinal);

    /// <summary>Records a held version: its key, whether it is revoked, its <c>created</c> text.</summary>
    public void AddHeld(string id, string versionKey, bool revoked, string? created)
    {
        Record(id, versionKey, revoked, created is not null && StixTimestamp.TryParse(created, out var c) ? c.SortKey : null);
    }

    /// <summary>Records the creator of a held version (its stored JSON).</summary>
    public void AddHeldCreator(string id, string content) => _creatorJson.TryAdd(id, content);

    /// <summary>The reason <paramref name="o"/> (version key <paramref name="key"/>) may not be stored next to what is held; null when it may.</summary>
    public string? Problem(StixObject o, string key)
    {
        var version = o.Version?.Text ?? "(unversioned)";
        if (_revokedKey.TryGetValue(o.Id, out var revoked) && string.CompareOrdinal(key, revoked) > 0)
            return $"{o.Id} version {version} comes after a revoked version held here; revoking an object is permanent (STIX 2.1 sections 3.2 and 3.6). Not stored.";
        if (o.Modified is not null && o.Created is { } created && _createdKey.TryGetValue(o.Id, out var heldCreated) && created.SortKey != heldCreated)
            return $"{o.Id} version {version} has another 'created' ({created.Text}) than the versions held here; it must not change between versions (STIX 2.1 section 3.2). Not stored.";
        if (_creatorJson.TryGetValue(o.Id, out var heldJson) && CreatorOf(o.Json) != CreatorOf(heldJson))
            return $"{o.Id} version {version} has another 'created_by_ref' than the versions held here; only the object creator makes new versions (STIX 2.1 section 3.6). Not stored.";
        return null;
    }

    /// <summary>Records a version accepted in this import, so later objects of the same import are checked against it too.</summary>
    public void Accept(StixObject o, string key)
    {
        Record(o.Id, key, o.Revoked, o.Created?.SortKey);
        _creatorJson.TryAdd(o.Id, o.Json);
    }

    private void Record(string id, string versionKey, bool revoked, string? createdKey)
    {
        if (revoked && (!_revokedKey.TryGetValue(id, out var k) || string.CompareOrdinal(versionKey, k) < 0)) _revokedKey[id] = versionKey;
        if (createdKey is not null) _createdKey.TryAdd(id, createdKey);
    }

    private static string? CreatorOf(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.TryGetProperty("created_by_ref", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
    }
}
