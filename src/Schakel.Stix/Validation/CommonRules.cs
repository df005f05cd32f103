using System.Text.Json;
using System.Text.RegularExpressions;

namespace Schakel.Stix.Validation;

/// <summary>
/// Rules on the common properties (STIX 2.1 sections 2.9, 2.16, 3.1, 3.2, 3.6, 3.8) that the JSON schemas cannot express:
/// the id's type prefix and UUID, calendar-valid timestamps, millisecond precision, version order, revocation.
/// </summary>
internal static partial class CommonRules
{
    /// <summary>Top-level timestamp properties of the STIX 2.1 object types (other than created/modified).</summary>
    private static readonly HashSet<string> TimestampProperties = new(StringComparer.Ordinal)
    {
        "valid_from", "valid_until", "first_seen", "last_seen", "first_observed", "last_observed", "published",
        "start_time", "stop_time", "object_modified", "analysis_started", "analysis_ended", "submitted", "ctime", "mtime",
        "atime", "date", "created_time", "account_created", "account_expires", "credential_last_changed",
        "account_first_login", "account_last_login", "modified_time", "validity_not_before", "validity_not_after", "start", "end",
    };

    /// <summary>Property names reserved by section 3.8.</summary>
    private static readonly string[] Reserved = ["severity", "username", "phone_number", "action"];

    public static void Check(ObjectContext o)
    {
        CheckType(o);
        CheckId(o);
        CheckSpecVersion(o);
        CheckTimestamps(o);
        CheckRevocation(o);
        CheckDefanged(o);
        foreach (var name in Reserved.Where(n => o.TryGet(n, out _)))
            o.Error(ObjectContext.Pointer(name), $"'{name}' is a reserved property name and must not be present.", "3.8");
    }

    private static void CheckType(ObjectContext o)
    {
        if (o.Type is null)
        {
            o.Error("/type", "The object has no string 'type'.", "3.2");
            return;
        }

        if (o.Type.Length is < 3 or > 250 || !TypeName().IsMatch(o.Type))
            o.Error("/type", $"Type '{o.Type}' must be 3–250 characters of a–z, 0–9 and single hyphens, starting with a letter and not ending with a hyphen.", "3.1");
    }

    private static void CheckId(ObjectContext o)
    {
        if (o.Id is null)
        {
            o.Error("/id", "The object has no string 'id'.", "3.2");
            return;
        }

        if (!StixIdentifier.TryParse(o.Id, out var id))
        {
            o.Error("/id", $"Id '{o.Id}' is not 'type--UUID' with an RFC 4122 UUID.", "2.9");
            return;
        }

        if (o.Type is not null && id.Type != o.Type)
            o.Error("/id", $"The id's type prefix '{id.Type}' differs from the object's type '{o.Type}'.", "2.9");

        // SDOs, SROs and meta objects SHOULD use UUIDv4; SCOs SHOULD use UUIDv5 (deterministic), except where no ID
        // contributing property exists (Process), which then MUST use UUIDv4.
        if (o.Category is StixObjectCategory.Sdo or StixObjectCategory.Sro or StixObjectCategory.Meta && id.UuidVersion != 4)
            o.Warning("/id", $"The UUID of a {o.Category.ToString().ToUpperInvariant()} should be version 4, not version {id.UuidVersion}.", "2.9");
        if (o.Category == StixObjectCategory.Sco && id.Type == o.Type) CheckDeterministicId(o, id);
    }

    /// <summary>
    /// Sections 2.9 and 3.4: an SCO SHOULD carry the UUIDv5 of its ID contributing properties (so that producers
    /// deduplicate), or a UUIDv4 when none is present. Other algorithms are allowed (3.4), hence a warning.
    /// </summary>
    private static void CheckDeterministicId(ObjectContext o, StixIdentifier id)
    {
        var expected = StixDeterministicIds.Compute(o.Root);
        if (expected is null)
        {
            if (id.UuidVersion != 4)
                o.Warning("/id", $"Without ID contributing properties an SCO id should use a version 4 UUID, not version {id.UuidVersion}.", "2.9");
        }
        else if (!string.Equals(expected, o.Id, StringComparison.OrdinalIgnoreCase))
        {
            o.Warning("/id", $"Not the deterministic id of this {o.Type} ({expected}, the UUIDv5 of its ID contributing properties); other producers will not recognise it as the same observable.", "3.4");
        }
    }

    private static void CheckSpecVersion(ObjectContext o)
    {
        if (!o.TryGet("spec_version", out var v)) return;
        if (v.ValueKind != JsonValueKind.String || v.GetString() != "2.1")
            o.Error("/spec_version", $"spec_version must be \"2.1\" for STIX 2.1 objects, not {v.GetRawText()}.", "3.2");
    }

    private static void CheckTimestamps(ObjectContext o)
    {
        var created = Timestamp(o, "created", millis: true);
        var modified = Timestamp(o, "modified", millis: true);
        if (created is not null && modified is not null && modified < created)
            o.Error("/modified", $"'modified' ({modified.Text}) must be later than or equal to 'created' ({created.Text}).", "3.6");

        // Only where STIX defines the property as a timestamp: a custom object's "date" may mean anything.
        if (o.Root.ValueKind != JsonValueKind.Object || o.Type is null || o.IsCustomType) return;
        var defined = StixSchemas.DefinedProperties(o.Type);
        foreach (var property in o.Root.EnumerateObject().Where(p => TimestampProperties.Contains(p.Name) && defined.Contains(p.Name)))
            Timestamp(o, property.Name, millis: false);
    }

    private static StixTimestamp? Timestamp(ObjectContext o, string name, bool millis)
    {
        if (!o.TryGet(name, out var value)) return null;
        if (value.ValueKind != JsonValueKind.String || !StixTimestamp.TryParse(value.GetString(), out var t))
        {
            o.Error(ObjectContext.Pointer(name), $"'{name}' {value.GetRawText()} is not a valid RFC 3339 UTC timestamp YYYY-MM-DDTHH:mm:ss[.s+]Z.", "2.16");
            return null;
        }

        if (millis && t.Precision < 3)
            o.Error(ObjectContext.Pointer(name), $"'{name}' ({t.Text}) must be precise to at least milliseconds (three fractional digits).", "3.2");
        return t;
    }

    private static void CheckRevocation(ObjectContext o)
    {
        if (o.TryGet("revoked", out var revoked) && revoked.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            o.Error("/revoked", $"'revoked' must be a boolean, not {revoked.GetRawText()}.", "3.2");

        // Marking definitions cannot be versioned (section 7.2.1): a changed marking would silently re-mark everything
        // that refers to it. So 'modified' and 'revoked' are not applicable to them.
        if (o.Type == "marking-definition")
        {
            foreach (var name in new[] { "modified", "revoked" }.Where(n => o.TryGet(n, out _)))
                o.Error(ObjectContext.Pointer(name), $"Marking definitions cannot be versioned: '{name}' is not allowed.", "7.2.1");
        }
    }

    private static void CheckDefanged(ObjectContext o)
    {
        if (o.TryGet("defanged", out _) && o.Category is not (StixObjectCategory.Sco or StixObjectCategory.Custom))
            o.Error("/defanged", "'defanged' may only be used on SCOs.", "3.2");
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex TypeName();
}
