using System.Net;
using System.Text.RegularExpressions;

namespace Schakel.Tests.Features.Network;

/// <summary>
/// Posts HTML forms the way a browser does: GET the page (which sets the antiforgery cookie in the client's cookie
/// container), take the <c>__RequestVerificationToken</c> field from the form, POST the fields with it.
/// </summary>
public static partial class PageForms
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string pageUrl, string postUrl, params (string Name, string Value)[] fields)
    {
        var page = await client.GetAsync(pageUrl);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var token = TokenField().Match(html);
        Assert.True(token.Success, $"no antiforgery token on {pageUrl}");
        var body = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        return await client.PostAsync(postUrl, new FormUrlEncodedContent(body));
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, params (string Name, string Value)[] fields) =>
        PostAsync(client, url, url, fields);

    public static async Task<string> HtmlAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
}
