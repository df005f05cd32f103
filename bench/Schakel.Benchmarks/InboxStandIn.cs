using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Schakel.Data;
using Schakel.Features.Accounts;
using Schakel.Features.Sharing;
using Schakel.Features.Tlp;

namespace Schakel.Benchmarks;

/// <summary>
/// <c>standin --provider P --connection C --urls http://127.0.0.1:PORT</c>: a temporary stand-in for <c>GET /api/v1/inbox</c>
/// while the real endpoint is written elsewhere. Same authentication (API token through Schakel's policy scheme) and the
/// same query shape: <see cref="ItemAccess.Inbox"/>, COUNT of all rows, newest 50 by DeliveredAt with item, publisher and
/// advisory columns. <c>?count=false</c> leaves the COUNT out, to see its share; <c>?variant=org-first</c> adds a leading
/// organisation filter (see docs/benchmarks.md). Also <see cref="InboxQuery"/> for EXPLAIN.
/// </summary>
public static class InboxStandIn
{
    public static async Task<int> RunAsync(string provider, string connectionString, string urls)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(urls);
        builder.Configuration["Database:Provider"] = provider;
        builder.Configuration["ConnectionStrings:Schakel"] = connectionString;
        builder.Services.AddSchakel(builder.Configuration);
        var app = builder.Build();
        app.MapGet("/standin/inbox", async (HttpContext http, ItemAccess access, CancellationToken ct) =>
        {
            // Asks Schakel's policy scheme by name: on this branch AddIdentity's cookie is still the default authenticate scheme.
            var viewer = Viewer.From((await http.AuthenticateAsync(AccountsExtensions.Scheme)).Principal);
            if (!viewer.IsAuthenticated) return Results.Unauthorized();
            var page = int.TryParse(http.Request.Query["page"], CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
            var withCount = http.Request.Query["count"] != "false";
            var query = access.Inbox(viewer);
            // Experiment: the same predicate behind a leading "RecipientOrganisationId = org" so the planner can use the
            // (RecipientOrganisationId, DeliveredAt) index. Equivalent only if person deliveries carry the person's organisation.
            if (http.Request.Query["variant"] == "org-first") query = query.Where(d => d.RecipientOrganisationId == viewer.OrganisationId);
            int? total = withCount ? await query.CountAsync(ct) : null;
            var items = await InboxQuery(query, page, 50).ToListAsync(ct);
            return Results.Ok(new { items, totalCount = total, page, pageSize = 50 });
        });
        Console.WriteLine($"stand-in inbox on {urls}/standin/inbox");
        await app.RunAsync();
        return 0;
    }

    /// <summary>The page query of the inbox endpoint (as written for /api/v1/inbox): newest first, one page, projected.</summary>
    public static IQueryable<object> InboxQuery(IQueryable<Delivery> inbox, int page, int size) =>
        inbox.OrderByDescending(d => d.DeliveredAt).ThenByDescending(d => d.Id).Skip((page - 1) * size).Take(size)
            .Select(d => new
            {
                d.ItemId, d.Item.Title, d.EffectiveTlp, d.State, d.Item.PublishedAt, d.DeliveredAt, d.Updated, d.Item.Kind,
                Publisher = d.Item.PublisherOrganisation.Key, TrackingId = d.Item.Advisory != null ? d.Item.Advisory.TrackingId : null, d.Item.Version,
            });

    /// <summary><c>explain --provider P --connection C</c>: prints the inbox SQL and the database's plan for the page and the count.</summary>
    public static async Task<int> ExplainAsync(string provider, string connectionString)
    {
        await using var services = BenchHost.Build(provider, connectionString);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchakelDbContext>();
        var orgId = await db.Organisations.Where(o => o.Key == InboxSeed.Organisation).Select(o => o.Id).SingleAsync();
        var viewer = new Viewer("bench", orgId, Features.Network.OrganisationType.Member, new HashSet<string>());
        var inbox = scope.ServiceProvider.GetRequiredService<ItemAccess>().Inbox(viewer);
        var prefix = provider == "Postgres" ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ";
        var orgFirst = inbox.Where(d => d.RecipientOrganisationId == orgId);
        foreach (var (name, sql) in new[]
        {
            ("page", InboxQuery(inbox, 1, 50).ToQueryString()), ("count", inbox.Select(d => 1).ToQueryString()),
            ("page, org-first", InboxQuery(orgFirst, 1, 50).ToQueryString()), ("count, org-first", orgFirst.Select(d => 1).ToQueryString()),
        })
        {
            // ToQueryString declares parameters as SQL text ahead of the statement; the plan needs the statement with them.
            Console.WriteLine($"--- {name}\n{sql}\n--- plan");
            var countSql = name.StartsWith("count", StringComparison.Ordinal) ? sql.Replace("SELECT 1", "SELECT COUNT(*)", StringComparison.Ordinal) : sql;
            var conn = db.Database.GetDbConnection(); // owned by the context: not disposed here
            if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = prefix + StripParameterDeclarations(countSql);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                Console.WriteLine(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)?.ToString())));
        }

        return 0;
    }

    /// <summary>Turns ToQueryString's parameter declarations (<c>.param set @x 1</c> / <c>-- @x='1'</c>) into literals.</summary>
    private static string StripParameterDeclarations(string sql)
    {
        var lines = sql.Split('\n');
        var parameters = new Dictionary<string, string>();
        var body = new List<string>();
        foreach (var line in lines)
        {
            var t = line.Trim();
            if (t.StartsWith(".param set ", StringComparison.Ordinal))
            {
                var parts = t[11..].Split(' ', 2);
                parameters[parts[0]] = parts[1];
            }
            else if (t.StartsWith("-- @", StringComparison.Ordinal) && t.Contains('='))
            {
                var eq = t.IndexOf('=');
                parameters[t[3..eq]] = t[(eq + 1)..].Split(" (", 2)[0];
            }
            else body.Add(line);
        }

        var text = string.Join('\n', body);
        foreach (var (name, value) in parameters.OrderByDescending(kv => kv.Key.Length)) text = text.Replace(name, value, StringComparison.Ordinal);
        return text;
    }
}
