using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Schakel.Tests.Features.Authorisation;

/// <summary>Request bodies that would succeed for an allowed caller; forms carry the caller's antiforgery token.</summary>
public static class Bodies
{
    public static Func<Call, Task<HttpContent?>> Form(params (string Name, string Value)[] fields) =>
        c => Task.FromResult<HttpContent?>(FormOf(c, fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));

    public static Func<Call, Task<HttpContent?>> Json(object body) => _ => Task.FromResult<HttpContent?>(JsonContent.Create(body));

    public static readonly Func<Call, Task<HttpContent?>> Forward =
        c => Task.FromResult<HttpContent?>(JsonContent.Create(new { audience = new[] { c.Item.ForwardTo }, note = "Matrix: doorgestuurd." }));

    public static readonly Func<Call, Task<HttpContent?>> Relabel = c => Task.FromResult<HttpContent?>(JsonContent.Create(new { tlp = c.Item.RelabelTo }));

    /// <summary>The forward page's form: the forward's audience hand-picked from the forwarder's constituency, with a note.</summary>
    public static readonly Func<Call, Task<HttpContent?>> ForwardForm = c => Task.FromResult<HttpContent?>(FormOf(c, Pairs(
        ("Members", c.Item.ForwardTo.Split(':')[1]), ("Note", "Matrix: doorgestuurd."))));

    public static readonly Func<Call, Task<HttpContent?>> RelabelForm = c => Task.FromResult<HttpContent?>(FormOf(c, Pairs(("NewTlp", c.Item.RelabelTo))));

    public static Func<Call, Task<HttpContent?>> SignIn(MatrixFixture fx) => Form(("Email", MatrixFixture.SignInEmail), ("Password", fx.SignInPassword));

    /// <summary>A new CSAF document each call, stored as a draft (no audience), so a success widens nothing.</summary>
    public static Func<Call, Task<HttpContent?>> Csaf(MatrixFixture fx) => _ =>
    {
        var content = new ByteArrayContent(fx.Csaf());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return Task.FromResult<HttpContent?>(content);
    };

    /// <summary>The authoring form with a complete advisory, saved as a draft (no audience), so a success widens nothing.</summary>
    public static readonly Func<Call, Task<HttpContent?>> AuthoredForm = c => Task.FromResult<HttpContent?>(FormOf(c, Pairs(
        ("Form.Title", "Matrix-advies"), ("Form.Summary", "Matrix."), ("Form.Rating", "Normaal"), ("Form.Label", "AMBER"),
        ("Form.RevisionSummary", "Matrix."), ("Form.Cves[0].Id", "CVE-2024-3400"), ("Form.Products[0].Vendor", "Palo Alto Networks"),
        ("Form.Products[0].Name", "PAN-OS"), ("Form.Products[0].VersionsUnknown", "true"), ("Action", "draft"))));

    /// <summary>The publish page's upload, saved as a draft.</summary>
    public static Func<Call, Task<HttpContent?>> Upload(MatrixFixture fx) => c =>
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(c.Caller.Antiforgery), "__RequestVerificationToken" },
            { new StringContent("draft"), "Action" },
        };
        var file = new ByteArrayContent(fx.Csaf());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "Document", "matrix.json");
        return Task.FromResult<HttpContent?>(form);
    };

    public static Func<Call, Task<HttpContent?>> NewOrganisation(MatrixFixture fx) => c => Task.FromResult<HttpContent?>(FormOf(c, Pairs(
        ("Input.Key", $"matrix-org-{fx.Next()}"), ("Input.Name", "Matrix organisatie"), ("Input.Type", "Member"), ("Input.Sectors", "health"),
        ("Input.Nis2Class", "None"), ("Input.Region", "NL-ZH"), ("Input.WbniCategory", "none"))));

    /// <summary>The organisation's own current values, as the edit form shows them to a platform administrator.</summary>
    public static Func<Call, Task<HttpContent?>> EditOrganisation(MatrixFixture fx) => async c =>
        FormOf(c, await fx.FormFieldsAsync($"/organisations/{c.Subject.Resolve(c.Caller)}/edit"));

    /// <summary>A new reader for the subject's organisation.</summary>
    public static Func<Call, Task<HttpContent?>> NewPerson(MatrixFixture fx) => c => Task.FromResult<HttpContent?>(FormOf(c, Pairs(
        ("Email", $"matrix.nieuw{fx.Next()}@example.nl"), ("DisplayName", "Matrix nieuw"), ("Organisation", c.Subject.Resolve(c.Caller)),
        ("SelectedRoles", "Reader"))));

    private static IEnumerable<KeyValuePair<string, string>> Pairs(params (string Name, string Value)[] fields) =>
        fields.Select(f => KeyValuePair.Create(f.Name, f.Value));

    private static FormUrlEncodedContent FormOf(Call c, IEnumerable<KeyValuePair<string, string>> fields) =>
        new(fields.Append(KeyValuePair.Create("__RequestVerificationToken", c.Caller.Antiforgery)));
}
