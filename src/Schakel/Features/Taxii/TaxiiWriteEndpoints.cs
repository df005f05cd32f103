namespace Schakel.Features.Taxii;

/// <summary>The writing side of the TAXII API root: add objects (TAXII 2.1 section 5.5), delete an object (5.7), status (4.3).</summary>
public static class TaxiiWriteEndpoints
{
    internal static void Map(RouteGroupBuilder taxii)
    {
    }
}
