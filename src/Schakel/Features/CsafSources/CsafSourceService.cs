using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Advisories;
using Schakel.Features.Sharing;

namespace Schakel.Features.CsafSources;

/// <summary>Input for a new CSAF source; <see cref="Audience"/> holds audience specs as <c>AudienceSpec.TryParse</c> reads them.</summary>
public sealed record CsafSourceInput(string Url, string OrganisationKey, IReadOnlyList<string> Audience, Sharing.Tlp MaxTlp, int IntervalMinutes, string? Token);

/// <summary>Adds, lists, enables/disables and removes CSAF sources (platform administrators; the command line).</summary>
public sealed class CsafSourceService(SchakelDbContext db, IDataProtectionProvider protection, TimeProvider time)
{
    private const string Purpose = "Schakel.CsafSources.Token";

    /// <summary>The sources with their organisation and failures, oldest first.</summary>
    public Task<List<CsafSource>> ListAsync(CancellationToken ct) =>
        db.Set<CsafSource>().AsNoTracking().Include(s => s.Organisation).Include(s => s.Failures).AsSplitQuery().OrderBy(s => s.Id).ToListAsync(ct);

    /// <summary>Adds a source. Returns the new id, or the problems (unknown organisation, bad URL, bad audience, RED).</summary>
    public async Task<(int? Id, IReadOnlyList<string> Problems)> AddAsync(CsafSourceInput input, CancellationToken ct)
    {
        var problems = new List<string>();
        var url = input.Url.Trim();
        if (url.Length == 0 || url.Length > 2048) problems.Add("URL: give a provider-metadata.json URL or a domain.");
        else if (url.Contains("://", StringComparison.Ordinal) && !(Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || (u.Scheme == Uri.UriSchemeHttp && u.IsLoopback))))
            problems.Add("URL: only https (http only on 127.0.0.1 or localhost).");
        if (input.IntervalMinutes is < 5 or > 7 * 24 * 60) problems.Add("Interval: between 5 minutes and 7 days.");
        // RED goes to named persons only and never comes from a directory; AMBER+STRICT never appears in one either.
        if (input.MaxTlp > Sharing.Tlp.Amber) problems.Add("Highest label: CLEAR, GREEN or AMBER.");
        var specs = new List<AudienceSpec>();
        foreach (var a in input.Audience)
        {
            if (AudienceSpec.TryParse(a, out var spec, out var error)) specs.Add(spec);
            else problems.Add($"Audience '{a}': {error}");
        }

        var org = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Key == input.OrganisationKey.Trim().ToLowerInvariant(), ct);
        if (org is null) problems.Add($"Organisation: no organisation with key '{input.OrganisationKey}'.");
        else if (!org.IsActive || !PublishingService.MayPublish(org.Type)) problems.Add($"Organisation '{org.Key}' may not publish advisories.");
        if (problems.Count > 0) return (null, problems);

        var source = new CsafSource
        {
            Url = url, OrganisationId = org!.Id, Audience = string.Join(' ', specs.Select(s => s.ToString())), MaxTlp = input.MaxTlp,
            IntervalMinutes = input.IntervalMinutes, CreatedAt = time.GetUtcNow(),
            ProtectedToken = string.IsNullOrEmpty(input.Token) ? null : protection.CreateProtector(Purpose).Protect(input.Token),
        };
        db.Add(source);
        await db.SaveChangesAsync(ct);
        return (source.Id, []);
    }

    /// <summary>Enables or disables a source; false when it does not exist.</summary>
    public async Task<bool> SetEnabledAsync(int id, bool enabled, CancellationToken ct) =>
        await db.Set<CsafSource>().Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Enabled, enabled), ct) > 0;

    /// <summary>Removes a source and its failures (imported advisories stay); false when it does not exist.</summary>
    public async Task<bool> RemoveAsync(int id, CancellationToken ct)
    {
        var source = await db.Set<CsafSource>().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (source is null) return false;
        db.Remove(source);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The source's bearer token in clear, or null.</summary>
    public string? Token(CsafSource source) => source.ProtectedToken is null ? null : protection.CreateProtector(Purpose).Unprotect(source.ProtectedToken);
}
