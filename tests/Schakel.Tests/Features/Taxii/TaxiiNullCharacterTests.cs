using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Schakel.Tests.Features.Federation;
using static Schakel.Tests.Features.Taxii.TaxiiTestData;

namespace Schakel.Tests.Features.Taxii;

/// <summary>
/// TAXII 2.1 section 3.6.1 (error messages) for a <c>%00</c> in the request, on real Kestrel (the in-memory test server
/// parses no request line). In the PATH Kestrel rejects the request target itself ("Invalid request target") with an empty
/// 400 before any middleware runs, and offers no option to let it through, so no TAXII error message can be given: this
/// test pins that documented limit (docs/taxii.md, "Limits") and fails when Kestrel changes. Another control character
/// (<c>%01</c>) in the path, and <c>%00</c> in the QUERY (Kestrel passes the query on undecoded), reach the TAXII endpoints,
/// which answer with the TAXII media type.
/// </summary>
public sealed class TaxiiNullCharacterTests
{
    [Fact]
    public async Task GetObject_NullCharacterInPathOrQuery_PathEmpty400FromKestrelQueryAnsweredByTaxii()
    {
        using var node = new FederationNode();
        var baseUrl = node.Serve();
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await node.TokenForAsync("analist@z-cert.example.nl"));
        http.DefaultRequestHeaders.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(TaxiiType));

        var inPath = new Uri(baseUrl + "/taxii2/api/collections/network/objects/indicator--x%00y/");
        Assert.Contains("%00", inPath.AbsoluteUri, StringComparison.Ordinal); // sent as written, not decoded by the client
        using (var response = await http.GetAsync(inPath))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("", await response.Content.ReadAsStringAsync());
            Assert.Null(response.Content.Headers.ContentType);
        }

        // Another control character in the path does reach the pipeline: a TAXII error message (section 3.6.1).
        using (var response = await http.GetAsync(baseUrl + "/taxii2/api/collections/network/objects/indicator--x%01y/"))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(TaxiiType, response.Content.Headers.ContentType!.ToString().Replace(" ", ""));
            Assert.Equal("404", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("http_status").GetString());
        }

        // In the query the filter simply matches nothing: an empty envelope (section 3.7).
        using (var response = await http.GetAsync(baseUrl + "/taxii2/api/collections/network/objects/?match%5Bid%5D=indicator--x%00y"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(TaxiiType, response.Content.Headers.ContentType!.ToString().Replace(" ", ""));
        }
    }
}
