using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Schakel.Data;
using Schakel.Features.Api;
using Schakel.Features.Sharing;
using Schakel.Features.Tlp;

namespace Schakel.Features.Advisories;

/// <summary><c>GET /api/v1/items/{id}/document</c>: the CSAF document of an advisory item, as <see cref="CsafRelabel"/> decides.</summary>
public static class ItemDocument
{
    // 200 with the document (application/json, Content-Disposition: attachment with the CSAF file name, ETag = quoted hex
    // SHA-256 and Repr-Digest: sha-256=:BASE64: of the bytes served); 404 when the caller may not see the item or it is not
    // an advisory; 410 when it was retracted (its content is no longer served). A download counts as opening: the caller's delivery is marked read. (The XML summary is the OpenAPI summary.)

    /// <summary>Download the advisory's CSAF document (original, or relabelled to the caller's label).</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, HttpContext http,
        ItemAccess access, DeliveryService deliveries, SchakelDbContext db, Audit.AuditLog audit, CancellationToken ct)
    {
        var viewer = Viewer.From(user);
        var found = await access.VisibleItems(viewer).Where(i => i.Id == id && i.AdvisoryId != null)
            .Select(i => new { i.Tlp, i.Status, i.RetractionReason, i.Advisory!.Content, i.Advisory.SourceTlp, i.Advisory.TrackingId }).FirstOrDefaultAsync(ct);
        if (found is null) return ApiProblems.NotFound("advisory item");
        if (found.Status == ItemStatus.Retracted)
            return TypedResults.Problem($"The item was retracted: {found.RetractionReason}", statusCode: StatusCodes.Status410Gone, title: "Gone");
        var effective = await access.Inbox(viewer).Where(d => d.ItemId == id).Select(d => (Sharing.Tlp?)d.EffectiveTlp).FirstOrDefaultAsync(ct);
        var held = effective ?? found.Tlp;
        var bytes = CsafRelabel.IsOriginalFor(found.SourceTlp, held) ? found.Content : CsafRelabel.Relabel(found.Content, held);
        await deliveries.MarkReadOnOpenAsync(viewer, id, ct);
        audit.RecordOpened(viewer, id, found.Tlp, "item.download");

        var sha = SHA256.HashData(bytes);
        http.Response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(sha)}:";
        return TypedResults.File(bytes, "application/json", CsafRelabel.FileName(found.TrackingId),
            entityTag: new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(sha)}\""));
    }
}
