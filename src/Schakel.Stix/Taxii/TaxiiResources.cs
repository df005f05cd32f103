using System.Text.Json;
using System.Text.Json.Serialization;

namespace Schakel.Stix.Taxii;

/// <summary>TAXII 2.1 media types (TAXII 2.1 section 1.6.8).</summary>
public static class TaxiiMediaTypes
{
    /// <summary>TAXII resources: discovery, API root, collections, manifest, envelope, status, versions, errors.</summary>
    public const string Taxii = "application/taxii+json;version=2.1";

    /// <summary>STIX 2.1 content inside an envelope's <c>objects</c> and in manifests' <c>media_type</c>.</summary>
    public const string Stix = "application/stix+json;version=2.1";

    /// <summary>The serializer options for every TAXII resource: snake_case names, nulls left out.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>Discovery resource (TAXII 2.1 section 4.1.1).</summary>
public sealed record TaxiiDiscovery(string Title, string? Description, string? Contact, string? Default, IReadOnlyList<string>? ApiRoots);

/// <summary>API root resource (TAXII 2.1 section 4.2.1). <see cref="MaxContentLength"/> is in bytes.</summary>
public sealed record TaxiiApiRoot(string Title, string? Description, IReadOnlyList<string> Versions, long MaxContentLength);

/// <summary>Collection resource (TAXII 2.1 section 5.2.1).</summary>
public sealed record TaxiiCollection(string Id, string Title, string? Description, string? Alias, bool CanRead, bool CanWrite, IReadOnlyList<string>? MediaTypes);

/// <summary>Collections resource (TAXII 2.1 section 5.1.1).</summary>
public sealed record TaxiiCollections(IReadOnlyList<TaxiiCollection>? Collections);

/// <summary>One manifest record (TAXII 2.1 section 5.3.1): <see cref="DateAdded"/> and <see cref="Version"/> are STIX timestamps as text.</summary>
public sealed record TaxiiManifestRecord(string Id, string DateAdded, string Version, string? MediaType);

/// <summary>
/// Manifest resource (TAXII 2.1 section 5.3.1). <see cref="Next"/> is not in the section's table but some servers send it
/// as they do on envelopes (section 3.7); clients use it when present.
/// </summary>
public sealed record TaxiiManifest(bool? More, IReadOnlyList<TaxiiManifestRecord>? Objects)
{
    public string? Next { get; init; }
}

/// <summary>Envelope resource (TAXII 2.1 section 3.7): STIX objects as JSON elements, kept as they are.</summary>
public sealed record TaxiiEnvelope(bool? More, string? Next, IReadOnlyList<JsonElement>? Objects);

/// <summary>Versions resource (TAXII 2.1 section 5.7.1): the versions (timestamps as text) of one object.</summary>
public sealed record TaxiiVersions(bool? More, IReadOnlyList<string>? Versions);

/// <summary>Status details (TAXII 2.1 section 4.3.1): one object's id, version and an optional message.</summary>
public sealed record TaxiiStatusDetails(string Id, string Version, string? Message);

/// <summary>Status resource (TAXII 2.1 section 4.3.1). <see cref="Status"/> is <c>pending</c> or <c>complete</c>; times are STIX timestamps (UTC).</summary>
public sealed record TaxiiStatus(
    string Id,
    string Status,
    string? RequestTimestamp,
    int TotalCount,
    int SuccessCount,
    IReadOnlyList<TaxiiStatusDetails>? Successes,
    int FailureCount,
    IReadOnlyList<TaxiiStatusDetails>? Failures,
    int PendingCount,
    IReadOnlyList<TaxiiStatusDetails>? Pendings);

/// <summary>Error message (TAXII 2.1 section 3.6.1).</summary>
public sealed record TaxiiError(string Title, string? Description = null, string? ErrorId = null, string? ErrorCode = null, string? HttpStatus = null,
    string? ExternalDetails = null, IReadOnlyDictionary<string, string>? Details = null);
