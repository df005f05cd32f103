using System.Net;
using System.Text.Json;
using Schakel.Features.Sharing;

namespace Schakel.Tests.Features.Sharing;

/// <summary>What the end-to-end property compares after a case's steps, all through HTTP as the people of the case.</summary>
public sealed partial class EndToEndRun
{
    /// <summary>
    /// For anonymous callers and every person: <c>GET /api/v1/items/{id}</c> (200 exactly when the model lets them see the
    /// item, and then <c>tlp</c> the label they hold it under and <c>status</c>), <c>GET /api/v1/inbox?pageSize=500</c> (the
    /// items and labels the model puts in their inbox, and <c>totalCount</c>); a person whose account or organisation is
    /// inactive is refused (401). For the signed-in <paramref name="webPerson"/>: the web item page <c>/items/{id}</c> (200 or
    /// 404) and the web inbox (its item links and its count).
    /// </summary>
    public async Task CompareAsync(int? webPerson)
    {
        using var anonymous = harness.Client(null);
        for (var i = 0; i < Services.ItemIds.Count; i++)
            await CheckItemAsync(anonymous, "anonymous", null, i);

        for (var p = 0; p < net.People.Length; p++)
        {
            var client = As(p);
            var person = net.People[p];
            if (!person.Active || !net.Orgs[person.Org].Active)
            {
                using var refused = await client.GetAsync("/api/v1/inbox?pageSize=500");
                Check($"p{p} (inactive) inbox status", HttpStatusCode.Unauthorized, refused.StatusCode);
                continue;
            }

            for (var i = 0; i < Services.ItemIds.Count; i++) await CheckItemAsync(client, $"p{p}", p, i);
            await CheckInboxAsync(client, p);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (webPerson is { } w) await CheckPagesAsync(w);
        harness.Time("web", clock.Elapsed);
    }

    /// <summary>The label the person holds item <paramref name="i"/> under: their (personal RED) delivery's, else the item's.</summary>
    private string ExpectedLabel(int? p, int i)
    {
        var it = model.Items[i];
        if (p is { } person && it.PersonDeliveries.Contains(person)) return Tlp.Red.ToLabel();
        if (p is { } q && model.EffectiveLabel(i, net.People[q].Org) is { } held) return held.ToLabel();
        return it.Tlp.ToLabel();
    }

    private async Task CheckItemAsync(HttpClient client, string who, int? p, int i)
    {
        using var response = await client.GetAsync($"/api/v1/items/{Services.ItemIds[i]}");
        var may = model.MaySee(p, i);
        Check($"{who} GET item{i}", may ? HttpStatusCode.OK : HttpStatusCode.NotFound, response.StatusCode);
        if (!may || response.StatusCode != HttpStatusCode.OK) return;
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Check($"{who} GET item{i} tlp", ExpectedLabel(p, i), body.GetProperty("tlp").GetString());
        Check($"{who} GET item{i} status", model.Items[i].Status.ToString(), body.GetProperty("status").GetString());
        Check($"{who} GET item{i} retracted", model.Items[i].Status == ItemStatus.Retracted, body.GetProperty("retracted").GetBoolean());
    }

    private async Task CheckInboxAsync(HttpClient client, int p)
    {
        using var response = await client.GetAsync("/api/v1/inbox?pageSize=500");
        Check($"p{p} inbox status", HttpStatusCode.OK, response.StatusCode);
        if (response.StatusCode != HttpStatusCode.OK) return;
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var rows = body.GetProperty("items").EnumerateArray()
            .Select(r => $"{Name(r.GetProperty("id").GetGuid())}:{r.GetProperty("tlp").GetString()}").ToList();
        var expected = Enumerable.Range(0, Services.ItemIds.Count).Where(i => model.InInbox(p, i)).Select(i => $"item{i}:{ExpectedLabel(p, i)}").ToList();
        Check($"p{p} inbox (item:label)", Show(expected), Show(rows));
        Check($"p{p} inbox totalCount", expected.Count, body.GetProperty("totalCount").GetInt32());
    }

    /// <summary>The web item page for one person signed in with a cookie: 200 where the model lets them see the item, else 404.</summary>
    private async Task CheckPagesAsync(int p)
    {
        var session = await harness.SignInAsync(Services.Email(p));
        if (session is null)
        {
            Differences.Add($"p{p} could not sign in to the web UI");
            return;
        }

        using (session.Client)
        {
            for (var i = 0; i < Services.ItemIds.Count; i++)
            {
                using var page = await session.Client.GetAsync($"/items/{Services.ItemIds[i]}");
                Check($"p{p} web page item{i}", model.MaySee(p, i) ? HttpStatusCode.OK : HttpStatusCode.NotFound, page.StatusCode);
            }

            // The web inbox lists the same items as the API (a case has at most 8, so one page) and counts them.
            var html = await session.Client.GetStringAsync("/inbox");
            var listed = ItemLink().Matches(html).Select(m => Name(Guid.Parse(m.Groups[1].Value))).Distinct();
            var expected = Enumerable.Range(0, Services.ItemIds.Count).Where(i => model.InInbox(p, i)).Select(i => $"item{i}").ToList();
            Check($"p{p} web inbox", Show(expected), Show(listed));
            var count = InboxCount().Match(html) is { Success: true } m ? m.Groups[1].Value : "none";
            Check($"p{p} web inbox count", expected.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), count);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("href=\"/items/([0-9a-f-]{36})\"")]
    private static partial System.Text.RegularExpressions.Regex ItemLink();

    [System.Text.RegularExpressions.GeneratedRegex("id=\"inbox-count\">[^<0-9]*([0-9]+)")]
    private static partial System.Text.RegularExpressions.Regex InboxCount();

    private string Name(Guid id) => Services.ItemIds.IndexOf(id) is >= 0 and var i ? $"item{i}" : $"foreign:{id}";

    private static string Show(IEnumerable<string> values) => string.Join(" ", values.Order(StringComparer.Ordinal));

    private void Check<T>(string what, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual)) Differences.Add($"{what}: model {expected}, HTTP {actual}");
    }

    /// <summary>Closes the API clients of the case.</summary>
    public void Close()
    {
        foreach (var c in clients.Values) c.Dispose();
    }
}
