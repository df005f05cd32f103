using System.Net;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Schakel.Tests.Features.Authorisation;

/// <summary>
/// Issue 3, "proof, not hope": every endpoint and page, for every role, with and without a token, with another
/// organisation's ids, answers as it must. The table is <see cref="AuthorisationMatrix"/>; this class checks that it
/// lists exactly the application's endpoints, then sends every request of it and compares.
/// </summary>
public sealed partial class AuthorisationMatrixTests(MatrixFixture fx, ITestOutputHelper output) : IClassFixture<MatrixFixture>
{
    [Fact]
    public async Task Inventory_EveryEndpoint_ListedInMatrixAndNoneStale()
    {
        var actual = await EndpointInventory.ListAsync(fx.Factory.Services);
        var listed = AuthorisationMatrix.Rows(fx).Select(r => r.Endpoint).ToList();
        var twice = listed.GroupBy(e => e).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var missing = actual.Except(listed).ToList();
        var stale = listed.Except(actual).ToList();
        Assert.True(twice.Count == 0 && missing.Count == 0 && stale.Count == 0, string.Join(Environment.NewLine,
            missing.Select(e => $"{e}: not in the authorisation matrix; add it to AuthorisationMatrix.Rows.")
                .Concat(stale.Select(e => $"{e}: in the matrix but no longer in the application; remove its row."))
                .Concat(twice.Select(e => $"{e}: listed twice in the matrix."))));
    }

    [Fact]
    public async Task Matrix_EveryEndpointCallerAndSubject_AnswersAsTheRulesSay()
    {
        var failures = new List<string>();
        var requests = 0;
        var rows = AuthorisationMatrix.Rows(fx);
        var state = await fx.StateAsync();
        foreach (var row in rows)
        {
            foreach (var subject in row.Subjects)
            {
                foreach (var caller in fx.Callers)
                {
                    var expected = row.For(caller)(new Call(caller, subject, fx));
                    var refused = IsRefusal(row, expected);
                    var asker = row.FreshClient ? await fx.CallerAsync(caller.Person, caller.Auth) : caller;
                    var target = subject;
                    if (row.FreshSubjectOnSuccess && !refused && subject.Item is { } spec)
                    {
                        var copy = (await fx.PublishAsync(spec, copy: true)).ToString();
                        target = subject with { Resolve = _ => copy };
                    }

                    var call = new Call(asker, target, fx);
                    using var request = new HttpRequestMessage(new HttpMethod(row.Method), PathFor(row, call));
                    if (row.Body is { } body) request.Content = await body(call);
                    using var response = await asker.Client.SendAsync(request);
                    requests++;
                    var text = row.Method == "HEAD" ? "" : await response.Content.ReadAsStringAsync();
                    var where = $"{row.Endpoint} as {caller} on {subject.Name}";
                    var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : null;
                    if ((int)response.StatusCode != expected.Status || (expected.Location is { } want && location?.StartsWith(want, StringComparison.Ordinal) != true))
                        failures.Add($"{where}: expected {expected}, got {(int)response.StatusCode}{(location is null ? "" : " → " + location)} {Snippet(text)}");

                    foreach (var item in AuthorisationMatrix.Items.Where(i => i.Name != "unknown" && !fx.MaySee(caller.Person, i)))
                    {
                        if (text.Contains(item.TitleMark, StringComparison.Ordinal)) failures.Add($"{where}: the answer names item '{item.Name}', which {caller} may not see.");
                    }

                    if (row.ShowsNoTitles && (text.Contains("MATRIX[", StringComparison.Ordinal) || text.Contains("MATRIX-COPY-", StringComparison.Ordinal)))
                        failures.Add($"{where}: the answer names an item; this view shows no titles. {Snippet(text)}");

                    if (row.Method == "POST" || !refused)
                    {
                        var after = await fx.StateAsync();
                        if (refused && after != state) failures.Add($"{where}: refused ({(int)response.StatusCode}) but the data changed.");
                        state = after;
                    }
                }
            }
        }

        output.WriteLine($"{rows.Count} endpoints, {fx.Callers.Count} callers, {rows.Sum(r => r.Subjects.Length)} endpoint-subject pairs, {requests} requests.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} answers differ from the matrix:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    /// <summary>A refused call: an error, a page's form shown again with an error (200 to a POST), or a redirect to sign in.</summary>
    private static bool IsRefusal(Row row, Expected expected) =>
        expected.Status >= 400 || (!row.IsApi && row.Method == "POST" && expected.Status == 200) || expected.Location == "/sign-in";

    private static string PathFor(Row row, Call call)
    {
        // A subject for a route with several placeholders gives their values joined by TaxiiMatrixRows.Separator, in order.
        var values = new Queue<string>(call.Subject.Resolve(call.Caller).Split(TaxiiMatrixRows.Separator));
        var path = Placeholder().Replace(row.Route, _ => values.Count > 1 ? values.Dequeue() : values.Peek());
        var query = row.Handler is { } h ? "?handler=" + h : "";
        if (row.Query.Length > 0) query = query.Length == 0 ? row.Query : query + "&" + row.Query.TrimStart('?');
        return path + query;
    }

    private static string Snippet(string text)
    {
        var flat = Regex.Replace(text, @"\s+", " ");
        return flat.Length > 200 ? flat[..200] + "…" : flat;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Placeholder();
}
