using System.Text.Json;
using System.Text.RegularExpressions;

namespace Schakel.Stix.Validation;

/// <summary>
/// Extensions and custom content (STIX 2.1 sections 3.2 <c>extensions</c>, 3.10, 7.3, 11.1–11.3). Custom content is never
/// removed: these rules only report what breaks a MUST (error) or a SHOULD (warning).
/// </summary>
internal static partial class ExtensionRules
{
    /// <summary>The predefined object extensions of section 6 (3.10), by SCO type.</summary>
    private static readonly Dictionary<string, string[]> Predefined = new(StringComparer.Ordinal)
    {
        ["file"] = ["archive-ext", "ntfs-ext", "pdf-ext", "raster-image-ext", "windows-pebinary-ext"],
        ["network-traffic"] = ["http-request-ext", "icmp-ext", "socket-ext", "tcp-ext"],
        ["process"] = ["windows-process-ext", "windows-service-ext"],
        ["user-account"] = ["unix-account-ext"],
    };

    private static readonly string[] NewObjectKinds = ["new-sdo", "new-sco", "new-sro"];

    public static void Check(ObjectContext o)
    {
        CheckExtensions(o);
        CheckCustomProperties(o);
        CheckCustomObject(o);
        if (o.Type == "extension-definition") CheckDefinition(o);
    }

    private static void CheckExtensions(ObjectContext o)
    {
        if (!o.TryGet("extensions", out var extensions) || extensions.ValueKind != JsonValueKind.Object) return;
        foreach (var extension in extensions.EnumerateObject())
        {
            var path = "/extensions/" + ObjectContext.Escape(extension.Name);
            if (StixIdentifier.TryParse(extension.Name, out var id) && id.Type == "extension-definition")
            {
                var kind = extension.Value.ValueKind == JsonValueKind.Object && extension.Value.TryGetProperty("extension_type", out var k)
                           && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
                if (kind is null)
                    o.Error(path, "An extension defined by an extension definition must have 'extension_type'.", "3.2");
                else if (NewObjectKinds.Contains(kind) && !o.IsCustomType)
                    o.Error(path + "/extension_type", $"'{kind}' defines a new object type, but '{o.Type}' is defined by STIX; extensions must not redefine standard objects.", "7.3");
                continue;
            }

            if (!extension.Name.EndsWith("-ext", StringComparison.Ordinal)) continue; // the schema reports the key
            if (o.Type is not null && Predefined.TryGetValue(o.Type, out var names) && names.Contains(extension.Name)) continue;
            if (o.Category is not (StixObjectCategory.Sco or StixObjectCategory.Custom))
            {
                o.Error(path, $"'{extension.Name}' is not a predefined extension of '{o.Type}', and custom extensions may only be used on SCOs.", "11.3");
                continue;
            }

            o.Warning(path, extension.Name.StartsWith("x-", StringComparison.Ordinal)
                ? $"Custom extension '{extension.Name}' is deprecated; define it with an extension definition (section 7.3)."
                : $"Custom extension '{extension.Name}' should start with 'x-' (and is deprecated; use an extension definition, section 7.3).", "11.3");
        }
    }

    private static void CheckCustomProperties(ObjectContext o)
    {
        if (o.Root.ValueKind != JsonValueKind.Object || o.Type is null) return;
        var defined = StixSchemas.DefinedProperties(o.Type);

        // Top-level properties added by a toplevel-property-extension (7.3) are named in its extension definition, which
        // need not be at hand; and custom objects' own properties may, but need not, use the x_ prefix (11.2.1).
        var prefixExpected = !o.IsCustomType && !o.ExtensionTypes().Contains("toplevel-property-extension");
        foreach (var property in o.Root.EnumerateObject())
        {
            if (defined.Contains(property.Name)) continue;
            var path = ObjectContext.Pointer(property.Name);
            if (!CustomName().IsMatch(property.Name))
                o.Error(path, $"Custom property name '{property.Name}' must be 3–250 characters of a–z, 0–9 and '_'.", o.IsCustomType ? "11.2" : "11.1");
            else if (prefixExpected && !property.Name.StartsWith("x_", StringComparison.Ordinal))
                o.Warning(path, $"Custom property '{property.Name}' should start with 'x_' (custom properties are deprecated; use a property extension, section 7.3).", "11.1");
        }
    }

    private static void CheckCustomObject(ObjectContext o)
    {
        if (!o.IsCustomType || o.Type is null) return;
        if (o.ExtensionTypes().Any(k => NewObjectKinds.Contains(k))) return; // a new type defined by an extension (7.3)
        o.Warning("/type", o.Type.StartsWith("x-", StringComparison.Ordinal)
            ? $"Custom object type '{o.Type}' is deprecated; define new types with an extension definition (section 7.3)."
            : $"Custom object type '{o.Type}' should start with 'x-' (custom objects are deprecated; use an extension definition, section 7.3).", "11.2");
    }

    private static void CheckDefinition(ObjectContext o)
    {
        if (!o.TryGet("extension_properties", out _)) return;
        var types = o.TryGet("extension_types", out var t) && t.ValueKind == JsonValueKind.Array
            ? t.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()).ToList()
            : [];
        if (!types.Contains("toplevel-property-extension"))
            o.Error("/extension_properties", "'extension_properties' may only be used when 'extension_types' includes 'toplevel-property-extension'.", "7.3.1");
    }

    [GeneratedRegex("^[a-z0-9_]{3,250}$", RegexOptions.CultureInvariant)]
    private static partial Regex CustomName();
}
