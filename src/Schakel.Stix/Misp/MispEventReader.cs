using System.Globalization;
using System.Text.Json;

namespace Schakel.Stix.Misp;

/// <summary>
/// Reads MISP events in the MISP core format: <c>{"Event":{…}}</c> or the bare event object, as MISP's REST API, its
/// feeds and PyMISP write them (numbers and booleans may be JSON strings, e.g. <c>"timestamp":"1465681801"</c>,
/// <c>"to_ids":"1"</c>). The size limit is checked before parsing (256 MiB by default, DESIGN.md section 3a).
/// An event needs <c>uuid</c> and <c>info</c>; an attribute needs <c>uuid</c>, <c>type</c> and <c>value</c> — an attribute or
/// object without them is left out and reported, so its importer can reject that part with a reason.
/// </summary>
public static class MispEventReader
{
    /// <summary>The default limit: 256 MiB, as for STIX bundles.</summary>
    public const long DefaultMaxBytes = StixBundleReader.DefaultMaxBytes;

    /// <summary>Reads from a stream, refusing more than <paramref name="maxBytes"/> bytes before anything is parsed.</summary>
    public static async Task<MispReadResult> ReadAsync(Stream stream, long maxBytes = DefaultMaxBytes, CancellationToken ct = default)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > maxBytes) return TooLarge(maxBytes);
            buffer.Write(chunk, 0, n);
        }

        return Read(new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length), maxBytes);
    }

    /// <summary>Reads from bytes in memory with the same limit. Never throws for bad content.</summary>
    public static MispReadResult Read(ReadOnlyMemory<byte> content, long maxBytes = DefaultMaxBytes)
    {
        if (content.Length > maxBytes) return TooLarge(maxBytes);
        if (content.Span.StartsWith("\uFEFF"u8)) content = content[3..]; // a UTF-8 byte order mark, as editors on Windows write
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 128 });
        }
        catch (JsonException e)
        {
            return Fail("", "Not JSON: " + e.Message);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Fail("", "Expected a JSON object: a MISP event ({\"Event\":{…}} or the event itself).");
            var path = "";
            if (root.TryGetProperty("Event", out var wrapped))
            {
                if (wrapped.ValueKind != JsonValueKind.Object) return Fail("/Event", "'Event' must be an object.");
                root = wrapped;
                path = "/Event";
            }
            else if (root.TryGetProperty("response", out _) || root.TryGetProperty("type", out _))
            {
                return Fail("", "This is not a MISP event (a search response or a STIX document?): expected {\"Event\":{…}}.");
            }

            var findings = new List<MispFinding>();
            var uuid = Str(root, "uuid");
            var info = Str(root, "info");
            if (uuid is null || !Guid.TryParse(uuid, out _)) findings.Add(new(path + "/uuid", "The event has no valid 'uuid'."));
            if (info is null) findings.Add(new(path + "/info", "The event has no 'info'."));
            if (findings.Count > 0) return new MispReadResult(null, findings);

            var date = DateOnly.TryParseExact(Str(root, "date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null;
            var attributes = Attributes(root, path, findings);
            var objects = Objects(root, path, findings);
            var ev = new MispEvent(
                uuid!.ToLowerInvariant(), info!, date, Long(root, "timestamp") ?? 0, Long(root, "publish_timestamp"), Bool(root, "published"),
                Str(root, "threat_level_id"), Str(root, "analysis"), Int(root, "distribution"), Str(root, "sharing_group_id"),
                root.TryGetProperty("SharingGroup", out var sg) ? SharingGroupOf(sg, null) : null,
                Org(root, "Orgc") ?? Org(root, "Org"), attributes, objects, Tags(root), Clusters(root));
            return new MispReadResult(ev, findings);
        }
    }

    /// <summary>
    /// Reads sharing groups as MISP's <c>/sharing_groups</c> API lists them (an array, or <c>{"response":[…]}</c>, each
    /// <c>{"SharingGroup":{…},"SharingGroupOrg":[…]}</c>).
    /// </summary>
    /// <exception cref="FormatException">The content is not JSON or not a list of sharing groups.</exception>
    public static IReadOnlyList<MispSharingGroup> ReadSharingGroups(ReadOnlyMemory<byte> content)
    {
        try
        {
            using var doc = JsonDocument.Parse(content);
            var list = doc.RootElement;
            if (list.ValueKind == JsonValueKind.Object && list.TryGetProperty("response", out var response)) list = response;
            if (list.ValueKind != JsonValueKind.Array) throw new FormatException("Expected a JSON array of sharing groups.");
            return list.EnumerateArray()
                .Select(e => e.TryGetProperty("SharingGroup", out var inner) ? SharingGroupOf(inner, e) : SharingGroupOf(e, null))
                .OfType<MispSharingGroup>().ToList();
        }
        catch (JsonException e)
        {
            throw new FormatException("Not JSON: " + e.Message, e);
        }
    }

    private static MispSharingGroup? SharingGroupOf(JsonElement group, JsonElement? outer)
    {
        if (group.ValueKind != JsonValueKind.Object) return null;
        // The event embeds SharingGroupOrg inside SharingGroup; the API list puts it beside it.
        var orgsHolder = group.TryGetProperty("SharingGroupOrg", out _) ? group : outer ?? group;
        var orgs = new List<MispOrganisation>();
        if (orgsHolder.TryGetProperty("SharingGroupOrg", out var members) && members.ValueKind == JsonValueKind.Array)
            orgs.AddRange(members.EnumerateArray().Select(m => Org(m, "Organisation")).OfType<MispOrganisation>());
        return new MispSharingGroup(Str(group, "id"), Str(group, "uuid"), Str(group, "name") ?? "", orgs);
    }

    private static List<MispAttribute> Attributes(JsonElement holder, string path, List<MispFinding> findings)
    {
        var result = new List<MispAttribute>();
        if (!holder.TryGetProperty("Attribute", out var array)) return result;
        if (array.ValueKind != JsonValueKind.Array) { findings.Add(new(path + "/Attribute", "'Attribute' must be an array.")); return result; }
        var i = 0;
        foreach (var a in array.EnumerateArray())
        {
            var at = $"{path}/Attribute/{i++}";
            var uuid = Str(a, "uuid");
            var type = Str(a, "type");
            var value = Str(a, "value");
            if (a.ValueKind != JsonValueKind.Object || uuid is null || !Guid.TryParse(uuid, out _) || type is null || value is null)
            {
                findings.Add(new(at, "The attribute needs an object with a valid 'uuid', a 'type' and a 'value'; it was left out."));
                continue;
            }

            result.Add(new MispAttribute(
                uuid.ToLowerInvariant(), type, Str(a, "category") ?? "Other", value, Bool(a, "to_ids"), Str(a, "comment"), Long(a, "timestamp") ?? 0,
                Int(a, "distribution"), Str(a, "sharing_group_id"), Bool(a, "deleted"), Str(a, "object_relation"), Str(a, "data"),
                Tags(a), Clusters(a), StixObject.Compact(a)));
        }

        return result;
    }

    private static List<MispObject> Objects(JsonElement holder, string path, List<MispFinding> findings)
    {
        var result = new List<MispObject>();
        if (!holder.TryGetProperty("Object", out var array) || array.ValueKind != JsonValueKind.Array) return result;
        var i = 0;
        foreach (var o in array.EnumerateArray())
        {
            var at = $"{path}/Object/{i++}";
            var uuid = Str(o, "uuid");
            var name = Str(o, "name");
            if (o.ValueKind != JsonValueKind.Object || uuid is null || !Guid.TryParse(uuid, out _) || name is null)
            {
                findings.Add(new(at, "The object needs a valid 'uuid' and a 'name'; it was left out with its attributes."));
                continue;
            }

            var refs = new List<MispObjectReference>();
            if (o.TryGetProperty("ObjectReference", out var ra) && ra.ValueKind == JsonValueKind.Array)
            {
                foreach (var r in ra.EnumerateArray())
                {
                    if (Str(r, "referenced_uuid") is { } target && Str(r, "relationship_type") is { } rel)
                        refs.Add(new MispObjectReference(Str(r, "uuid")?.ToLowerInvariant() ?? "", target.ToLowerInvariant(), rel, Str(r, "comment"), Long(r, "timestamp") ?? 0));
                    else findings.Add(new(at + "/ObjectReference", "A reference without 'referenced_uuid' or 'relationship_type' was left out."));
                }
            }

            result.Add(new MispObject(uuid.ToLowerInvariant(), name, Str(o, "meta-category"), Str(o, "comment"), Long(o, "timestamp") ?? 0,
                Int(o, "distribution"), Str(o, "sharing_group_id"), Bool(o, "deleted"), Attributes(o, at, findings), refs, StixObject.Compact(o)));
        }

        return result;
    }

    private static List<MispTag> Tags(JsonElement holder) =>
        holder.TryGetProperty("Tag", out var tags) && tags.ValueKind == JsonValueKind.Array
            ? tags.EnumerateArray().Select(t => Str(t, "name")).OfType<string>().Select(n => new MispTag(n)).ToList()
            : [];

    private static List<MispGalaxyCluster> Clusters(JsonElement holder)
    {
        var result = new List<MispGalaxyCluster>();
        if (!holder.TryGetProperty("Galaxy", out var galaxies) || galaxies.ValueKind != JsonValueKind.Array) return result;
        foreach (var g in galaxies.EnumerateArray())
        {
            if (!g.TryGetProperty("GalaxyCluster", out var clusters) || clusters.ValueKind != JsonValueKind.Array) continue;
            foreach (var c in clusters.EnumerateArray())
            {
                var type = Str(c, "type") ?? Str(g, "type");
                var value = Str(c, "value");
                if (type is null || value is null) continue;
                var uuid = Str(c, "uuid");
                result.Add(new MispGalaxyCluster(string.IsNullOrEmpty(uuid) ? null : uuid.ToLowerInvariant(), type, value, Str(c, "description"),
                    Str(c, "tag_name") ?? $"misp-galaxy:{type}=\"{value}\""));
            }
        }

        return result;
    }

    private static MispOrganisation? Org(JsonElement holder, string name) =>
        holder.ValueKind == JsonValueKind.Object && holder.TryGetProperty(name, out var o) && Str(o, "name") is { } n
            ? new MispOrganisation(n, Str(o, "uuid")?.ToLowerInvariant())
            : null;

    internal static string? Str(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    private static long? Long(JsonElement e, string name) =>
        long.TryParse(Str(e, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static int? Int(JsonElement e, string name) =>
        int.TryParse(Str(e, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static bool Bool(JsonElement e, string name) => Str(e, name) is "true" or "1" or "True";

    private static MispReadResult TooLarge(long maxBytes) =>
        Fail("", $"The content is larger than the limit of {maxBytes / (1024 * 1024)} MiB ({maxBytes} bytes); nothing was read.");

    private static MispReadResult Fail(string path, string message) => new(null, [new MispFinding(path, message)]);
}
