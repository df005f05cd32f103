using System.ComponentModel;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Schakel.Features.Api;
using Schakel.Features.Sharing;
using Schakel.Features.Tlp;

namespace Schakel.Features.Audit;

/// <summary>One page of audit records, newest first; <see cref="TotalCount"/> counts every matching record the caller may read.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, int TotalCount, int Page, int PageSize);

/// <summary>
/// <c>GET /api/v1/audit</c> (search, paged) and <c>GET /api/v1/audit/export</c> (CSV or JSON). Auditors only; what each
/// auditor may read is decided by <see cref="AuditScope"/>. 401 without sign-in or token, 403 for everyone else.
/// </summary>
public static class AuditEndpoints
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    private static readonly string[] FilterNames = ["action", "email", "organisation", "item", "from", "to"];

    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder group)
    {
        var audit = group.MapGroup("/audit").WithTags("Audit");
        audit.MapGet("", SearchAsync).WithName("searchAudit")
            .WithSummary("Search the audit log")
            .WithDescription("Audit records the caller may read, newest first, paged. Auditors of the node's own organisation read every record; "
                + "auditors of another organisation read the records of their organisation's actions and about its items. Records never hold item content.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .OnlyQuery([.. FilterNames, "page", "pageSize"]);
        audit.MapGet("/export", ExportAsync).WithName("exportAudit")
            .WithSummary("Export the audit log")
            .WithDescription("The records matching the filters, oldest first, as CSV (format=csv, RFC 4180 with a header row) or as a JSON array "
                + "(format=json, the default). The export itself is recorded in the audit log (action audit.export).")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .Produces<List<AuditEntry>>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .OnlyQuery([.. FilterNames, "format"]);
        return group;
    }

    // Parameters arrive as text so that a bad value answers 400 naming the parameter (as the inbox does).

    /// <summary>Search the audit records the caller may read, newest first.</summary>
    public static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> SearchAsync(ClaimsPrincipal user, AuditScope scope,
        [Description("Action key, or a prefix ending in .* (item.*).")] string? action,
        [Description("E-mail of the acting person or of the person concerned.")] string? email,
        [Description("Key of the acting organisation.")] string? organisation,
        [Description("Item id.")] string? item,
        [Description("At or after this time (RFC 3339 with offset).")] string? from,
        [Description("At or before this time (RFC 3339 with offset).")] string? to,
        [Description("Page number, from 1.")] string? page,
        [Description("Records per page, 1 to 500; default 50.")] string? pageSize,
        CancellationToken ct)
    {
        var (records, problem) = await AuthoriseAsync(user, scope, ct);
        if (problem is not null) return problem;
        var (filter, bad) = ParseFilter(action, email, organisation, item, from, to);
        if (bad is not null) return bad;

        var pageNumber = 1;
        if (page is not null && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out pageNumber) || pageNumber < 1 || pageNumber > int.MaxValue / MaxPageSize))
            return ApiProblems.BadParameter("page", $"must be a whole number from 1 to {int.MaxValue / MaxPageSize}.");
        var size = DefaultPageSize;
        if (pageSize is not null && (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPageSize))
            return ApiProblems.BadParameter("pageSize", $"must be a whole number from 1 to {MaxPageSize}.");

        var query = filter!.Apply(records!);
        var total = await query.CountAsync(ct);
        var rows = await AuditEntry.Project(query.OrderByDescending(r => r.Sequence).Skip((pageNumber - 1) * size).Take(size)).ToListAsync(ct);
        return TypedResults.Ok(new AuditPage(rows.Select(r => r with { At = r.At.ToUniversalTime() }).ToList(), total, pageNumber, size));
    }

    /// <summary>Export the audit records the caller may read, as CSV or JSON.</summary>
    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> ExportAsync(ClaimsPrincipal user, AuditScope scope, AuditLog audit,
        TimeProvider time, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        [Description("csv or json (default json).")] string? format,
        [Description("Action key, or a prefix ending in .* (item.*).")] string? action,
        [Description("E-mail of the acting person or of the person concerned.")] string? email,
        [Description("Key of the acting organisation.")] string? organisation,
        [Description("Item id.")] string? item,
        [Description("At or after this time (RFC 3339 with offset).")] string? from,
        [Description("At or before this time (RFC 3339 with offset).")] string? to,
        CancellationToken ct)
    {
        var (records, problem) = await AuthoriseAsync(user, scope, ct);
        if (problem is not null) return problem;
        var (filter, bad) = ParseFilter(action, email, organisation, item, from, to);
        if (bad is not null) return bad;
        var f = (format ?? AuditExport.Json).ToLowerInvariant();
        if (f is not (AuditExport.Csv or AuditExport.Json)) return ApiProblems.BadParameter("format", "use csv or json.");

        var query = filter!.Apply(records!);
        var count = await query.CountAsync(ct);
        // Recorded before the export runs: the auditor's own export is part of the trail (and of a later export).
        await audit.RecordAsync(AuditActor.From(Viewer.From(user)), new AuditEvent("audit.export", Detail: new { format = f, count, filter }), ct);
        return TypedResults.Stream(stream => AuditExport.WriteAsync(f, query, stream, json.Value.SerializerOptions, ct),
            AuditExport.ContentType(f), AuditExport.FileName(f, time.GetUtcNow()));
    }

    private static async Task<(IQueryable<AuditRecord>? Records, ProblemHttpResult? Problem)> AuthoriseAsync(ClaimsPrincipal user, AuditScope scope, CancellationToken ct)
    {
        var viewer = Viewer.From(user);
        if (!viewer.IsAuthenticated) return (null, ApiProblems.Unauthorized());
        var records = await scope.VisibleAsync(viewer, ct);
        return records is null ? (null, ApiProblems.Forbidden("Only people with the Auditor role read the audit log.")) : (records, null);
    }

    private static (AuditFilter? Filter, ProblemHttpResult? Problem) ParseFilter(string? action, string? email, string? organisation, string? item, string? from, string? to)
    {
        Guid? itemId = null;
        if (item is not null)
        {
            if (!Guid.TryParse(item, out var id)) return (null, ApiProblems.BadParameter("item", "must be an item id (a GUID)."));
            itemId = id;
        }

        DateTimeOffset? fromTime = null, before = null;
        if (from is not null)
        {
            if (!InboxEndpoints.TryParseRfc3339(from, out var t)) return (null, ApiProblems.BadParameter("from", "must be an RFC 3339 date-time with offset, e.g. 2024-05-01T00:00:00Z."));
            fromTime = t;
        }

        if (to is not null)
        {
            if (!InboxEndpoints.TryParseRfc3339(to, out var t)) return (null, ApiProblems.BadParameter("to", "must be an RFC 3339 date-time with offset, e.g. 2024-05-31T23:59:59Z."));
            before = t.AddTicks(1); // "to" is inclusive
        }

        var filter = new AuditFilter(action?.Trim(), email, organisation, itemId, fromTime, before);
        return filter.IsEmptyRange ? (null, ApiProblems.BadParameter("to", "must not be before from.")) : (filter, null);
    }
}
