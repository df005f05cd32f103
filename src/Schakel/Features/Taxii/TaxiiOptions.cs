using System.ComponentModel.DataAnnotations;

namespace Schakel.Features.Taxii;

/// <summary>Options of section <c>Taxii</c> (the TAXII 2.1 server, docs/taxii.md).</summary>
public sealed class TaxiiOptions
{
    /// <summary>Objects (or manifest records, versions) per page when the client sends no <c>limit</c>.</summary>
    [Range(1, 100_000)]
    public int DefaultPageSize { get; set; } = 1000;

    /// <summary>The most a client gets per page; a larger <c>limit</c> is lowered to this (TAXII 2.1 section 3.4: the server may limit).</summary>
    [Range(1, 100_000)]
    public int MaxPageSize { get; set; } = 10_000;

    /// <summary>Contact shown in the discovery resource (TAXII 2.1 section 4.1.1), e.g. a functional mailbox; none when empty.</summary>
    public string? Contact { get; set; }
}
