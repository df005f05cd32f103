using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Schakel.Stix.Misp;

/// <summary>
/// The small part of the STIX patterning language (STIX 2.1 section 9) that MISP attributes need: one observation
/// expression ANDing equality comparisons, e.g. <c>[file:name = 'a.exe' AND file:hashes.'SHA-256' = '…']</c>. Object paths
/// are compared in a normal form (<see cref="Normalise"/>) so patterns, SCOs and the mapping tables meet.
/// </summary>
internal static class StixPatterns
{
    /// <summary>Splits <c>type:a.b[*].'c'</c> into its root type and unquoted segments (a <c>[*]</c> stays on its segment).</summary>
    public static List<string> SplitPath(string path, out string root)
    {
        var colon = path.IndexOf(':');
        root = path[..colon];
        var segments = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in path[(colon + 1)..])
        {
            if (c == '\'') { quoted = !quoted; continue; }
            if (c == '.' && !quoted) { segments.Add(current.ToString()); current.Clear(); continue; }
            current.Append(c);
        }

        segments.Add(current.ToString());
        return segments;
    }

    public static (string Name, bool Many) Unstar(string segment) =>
        segment.EndsWith("[*]", StringComparison.Ordinal) ? (segment[..^3], true) : (segment, false);

    public static bool IsRef(string segment)
    {
        var name = Unstar(segment).Name;
        return name.EndsWith("_ref", StringComparison.Ordinal) || name.EndsWith("_refs", StringComparison.Ordinal);
    }

    /// <summary>Quotes a dictionary key that is not a plain identifier (<c>SHA-256</c> → <c>'SHA-256'</c>).</summary>
    public static string QuoteKey(string segment) =>
        segment.EndsWith("[*]", StringComparison.Ordinal) || segment.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? segment : $"'{segment}'";

    /// <summary>A pattern literal: strings quoted with <c>\</c> and <c>'</c> escaped, binaries as <c>b'…'</c>, numbers as they are.</summary>
    public static string Literal(string path, JsonNode value)
    {
        if (value is JsonValue v && v.TryGetValue<long>(out var n)) return n.ToString(CultureInfo.InvariantCulture);
        var text = value.ToString();
        var quoted = "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
        return path.EndsWith("payload_bin", StringComparison.Ordinal) ? "b" + quoted : quoted;
    }

    /// <summary>
    /// The normal form of a path: <c>ipv4-addr</c>/<c>ipv6-addr</c> roots become <c>ip</c>, quotes go, hash names take the
    /// STIX vocabulary spelling (<c>SHA256</c> → <c>SHA-256</c>).
    /// </summary>
    public static string Normalise(string path)
    {
        var segments = SplitPath(path, out var root);
        if (root is "ipv4-addr" or "ipv6-addr") root = "ip";
        for (var i = 1; i < segments.Count; i++)
            if (segments[i - 1] == "hashes") segments[i] = HashName(segments[i]);
        return root + ":" + string.Join('.', segments);
    }

    public static string HashName(string name)
    {
        var upper = name.ToUpperInvariant();
        return upper switch
        {
            "SHA1" => "SHA-1",
            "SHA224" => "SHA-224",
            "SHA256" => "SHA-256",
            "SHA384" => "SHA-384",
            "SHA512" => "SHA-512",
            _ => upper,
        };
    }

    /// <summary>
    /// Parses a pattern of one observation with equality comparisons joined by AND. Returns null with
    /// <paramref name="reason"/> for anything else (OR, several observations, qualifiers, other operators).
    /// </summary>
    public static List<(string Path, JsonNode Value)>? Parse(string pattern, out string? reason)
    {
        reason = null;
        var p = pattern.Trim();
        if (!p.StartsWith('[') || !p.EndsWith(']')) { reason = "the pattern is not one observation expression"; return null; }
        var inner = p[1..^1];
        if (IndexOutsideQuotes(inner, " OR ") >= 0 || IndexOutsideQuotes(inner, " FOLLOWEDBY ") >= 0)
        {
            reason = "the pattern uses OR or FOLLOWEDBY";
            return null;
        }

        var parts = SplitOutsideQuotes(inner, " AND ");
        var result = new List<(string, JsonNode)>();
        foreach (var part in parts)
        {
            var eq = IndexOutsideQuotes(part, " = ");
            if (eq < 0 || part[..eq].Replace("[*]", "", StringComparison.Ordinal).IndexOfAny(['[', ']', '(', ')']) >= 0)
            {
                reason = "the pattern uses more than equality comparisons joined by AND";
                return null;
            }

            var path = part[..eq].Trim();
            var literal = part[(eq + 3)..].Trim();
            if (!path.Contains(':') || ParseLiteral(literal) is not { } value) { reason = $"cannot read the comparison '{part.Trim()}'"; return null; }
            result.Add((Normalise(path), value));
        }

        return result;
    }

    /// <summary>The comparisons an SCO (and the SCOs it references, found with <paramref name="lookup"/>) amounts to.</summary>
    public static List<(string Path, JsonNode Value)> Flatten(JsonObject sco, Func<string, JsonObject?> lookup)
    {
        var result = new List<(string, JsonNode)>();
        Walk(sco, sco["type"]!.ToString() + ":", 0);
        return result.Select(c => (Normalise(c.Item1), c.Item2)).ToList();

        void Walk(JsonObject o, string prefix, int depth)
        {
            foreach (var (k, v) in o)
            {
                if (v is null || k is "type" or "id" or "spec_version" or "object_marking_refs" or "granular_markings" or "defanged" or "extensions") continue;
                if (k.EndsWith("_ref", StringComparison.Ordinal) && lookup(v.ToString()) is { } target && depth < 3)
                    Walk(target, prefix + k + ".", depth + 1);
                else if (k.EndsWith("_refs", StringComparison.Ordinal) && v is JsonArray refs && depth < 3)
                    foreach (var r in refs) { if (r is not null && lookup(r.ToString()) is { } t) Walk(t, prefix + k + "[*].", depth + 1); }
                else if (v is JsonObject dict)
                    foreach (var (dk, dv) in dict) { if (dv is JsonValue) result.Add((prefix + k + "." + dk, dv.DeepClone())); }
                else if (v is JsonArray items)
                    foreach (var item in items.OfType<JsonObject>())
                        foreach (var (ik, iv) in item) { if (iv is JsonValue) result.Add((prefix + k + "[*]." + ik, iv.DeepClone())); }
                else if (v is JsonValue) result.Add((prefix + k, v.DeepClone()));
            }
        }
    }

    private static JsonNode? ParseLiteral(string literal)
    {
        if (literal.StartsWith("b'", StringComparison.Ordinal)) literal = literal[1..];
        if (literal.Length >= 2 && literal[0] == '\'' && literal[^1] == '\'')
        {
            var sb = new StringBuilder();
            for (var i = 1; i < literal.Length - 1; i++)
            {
                if (literal[i] == '\\' && i + 1 < literal.Length - 1) i++;
                else if (literal[i] == '\'') return null; // an unescaped quote: more than one literal
                sb.Append(literal[i]);
            }

            return JsonValue.Create(sb.ToString());
        }

        if (long.TryParse(literal, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return JsonValue.Create(n);
        return literal is "true" or "false" ? JsonValue.Create(literal == "true") : null;
    }

    private static int IndexOutsideQuotes(string s, string token)
    {
        var quoted = false;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && quoted) { i++; continue; }
            if (s[i] == '\'') quoted = !quoted;
            else if (!quoted && string.CompareOrdinal(s, i, token, 0, token.Length) == 0) return i;
        }

        return -1;
    }

    private static List<string> SplitOutsideQuotes(string s, string separator)
    {
        var parts = new List<string>();
        while (IndexOutsideQuotes(s, separator) is var i and >= 0)
        {
            parts.Add(s[..i]);
            s = s[(i + separator.Length)..];
        }

        parts.Add(s);
        return parts;
    }

    internal static string Text(JsonNode node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node.ToJsonString();
}
