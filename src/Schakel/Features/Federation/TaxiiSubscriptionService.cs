using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Schakel.Data;
using Schakel.Features.Audit;
using Schakel.Features.Network;
using Schakel.Features.Sharing;
using Schakel.Features.ThreatIntel;
using Schakel.Stix.Taxii;

namespace Schakel.Features.Federation;

using Tlp = Schakel.Features.Sharing.Tlp;

/// <summary>
/// A pull or subscription as asked for: a discovery or API root URL, the collection (id, alias or title), the token (Basic
/// password when <see cref="Username"/> is set), the highest label, the publishing organisation key (null: the node-local
/// organisation for the source node, made on first use) and the audience specs.
/// </summary>
public sealed record TaxiiSourceInput(string Url, string Collection, string? Token, string? Username, Tlp MaxTlp, string? AsOrganisation,
    IReadOnlyList<string> Audience, int IntervalMinutes = 15);

/// <summary>Resolves sources, makes node-local organisations, and adds, lists and removes subscriptions (platform administrators; the command line).</summary>
public sealed partial class TaxiiSubscriptionService(SchakelDbContext db, TaxiiPuller puller, PublishingService publishing, IDataProtectionProvider protection,
    AuditLog audit, TimeProvider time)
{
    private const string Purpose = "Schakel.Federation.Token";

    /// <summary>
    /// Checks the input, finds the API root (TAXII 2.1 section 4.1) and the collection (section 5.1: by id, alias or title)
    /// on the server, and the publishing organisation (making the node-local one when needed). Returns the target or the problems.
    /// </summary>
    public async Task<(PullTarget? Target, IReadOnlyList<string> Problems)> ResolveAsync(TaxiiSourceInput input, CancellationToken ct)
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(input.Url.Trim(), UriKind.Absolute, out var url) || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
            problems.Add("URL: give the https URL of a TAXII discovery resource (/taxii2/) or API root (http only on 127.0.0.1 or localhost).");
        if (input.MaxTlp == Tlp.Red) problems.Add("Highest label: RED is for named people and never federates; use CLEAR, GREEN, AMBER or AMBER+STRICT.");
        if (input.IntervalMinutes is < 1 or > 7 * 24 * 60) problems.Add("Interval: between 1 minute and 7 days.");
        var audience = new List<AudienceSpec>();
        foreach (var a in input.Audience)
        {
            if (AudienceSpec.TryParse(a, out var spec, out var error) && spec.Kind != AudienceKind.Person) audience.Add(spec);
            else problems.Add($"Audience '{a}': {error ?? "person audiences are for RED, which never federates"}");
        }

        if (problems.Count > 0) return (null, problems);
        var credentials = TaxiiCredentials.From(input.Token, input.Username);
        var client = puller.Client(credentials);
        Uri apiRoot;
        string collectionId;
        try
        {
            apiRoot = await client.ResolveApiRootAsync(url!, ct);
            var (found, problem) = await FindCollectionAsync(client, apiRoot, input.Collection, write: false, ct);
            if (found is null) return (null, [problem!]);
            collectionId = found.Id;
        }
        catch (TaxiiException e)
        {
            return (null, [e.Message]);
        }

        var (org, orgProblem) = await PublisherAsync(apiRoot, input.AsOrganisation, ct);
        if (org is null) return (null, [orgProblem!]);
        var audienceProblems = await publishing.CheckAudienceAsync(org, input.MaxTlp, audience, ct);
        if (audienceProblems.Count > 0) return (null, audienceProblems.Select(p => "Audience: " + p.Message).ToList());
        return (new PullTarget(apiRoot, collectionId, credentials, input.MaxTlp, org.Id, audience), []);
    }

    /// <summary>
    /// The collection <paramref name="wanted"/> names (its id, alias or title) among those the API root lists (TAXII 2.1
    /// section 5.1), or why it cannot be used: absent, or not readable (writable for <paramref name="write"/>).
    /// </summary>
    public static async Task<(TaxiiCollection? Collection, string? Problem)> FindCollectionAsync(TaxiiClient client, Uri apiRoot, string wanted, bool write, CancellationToken ct)
    {
        wanted = wanted.Trim();
        var collections = await client.GetCollectionsAsync(apiRoot, ct);
        var found = collections.FirstOrDefault(c => c.Id == wanted)
            ?? collections.FirstOrDefault(c => string.Equals(c.Alias, wanted, StringComparison.OrdinalIgnoreCase))
            ?? collections.FirstOrDefault(c => string.Equals(c.Title, wanted, StringComparison.OrdinalIgnoreCase));
        if (found is null) return (null, $"Collection '{wanted}' is not among the {collections.Count} collections {apiRoot} lists for these credentials.");
        if (write ? !found.CanWrite : !found.CanRead)
            return (null, $"Collection '{wanted}' ({found.Id}) may not be {(write ? "written" : "read")} with these credentials (can_{(write ? "write" : "read")} is false).");
        return (found, null);
    }

    /// <summary>Adds a subscription (resolving the source first). Returns its id or the problems.</summary>
    public async Task<(int? Id, IReadOnlyList<string> Problems)> AddAsync(TaxiiSourceInput input, CancellationToken ct)
    {
        var (target, problems) = await ResolveAsync(input, ct);
        if (target is null) return (null, problems);
        var apiRoot = target.ApiRoot.AbsoluteUri;
        if (await db.Set<TaxiiSubscription>().AnyAsync(s => s.ApiRoot == apiRoot && s.CollectionId == target.CollectionId, ct))
            return (null, [$"This node already subscribes to collection {target.CollectionId} of {apiRoot}."]);
        var subscription = new TaxiiSubscription
        {
            ApiRoot = apiRoot, CollectionId = target.CollectionId, Username = string.IsNullOrEmpty(input.Username) ? null : input.Username,
            ProtectedToken = string.IsNullOrEmpty(input.Token) ? null : protection.CreateProtector(Purpose).Protect(input.Token),
            MaxTlp = target.MaxTlp, Audience = string.Join(' ', target.Audience.Select(a => a.ToString())), SourceOrganisationId = target.PublisherOrganisationId,
            IntervalMinutes = input.IntervalMinutes, CreatedAt = time.GetUtcNow(),
        };
        db.Add(subscription);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActor.Node, new AuditEvent("taxii.subscribe", Subject: apiRoot + "collections/" + target.CollectionId + "/",
            Detail: new { max_tlp = target.MaxTlp.ToLabel(), audience = subscription.Audience }), ct);
        return (subscription.Id, []);
    }

    /// <summary>The subscriptions with their organisation, oldest first.</summary>
    public Task<List<TaxiiSubscription>> ListAsync(CancellationToken ct) =>
        db.Set<TaxiiSubscription>().AsNoTracking().Include(s => s.SourceOrganisation).OrderBy(s => s.Id).ToListAsync(ct);

    /// <summary>Enables or disables a subscription; false when it does not exist.</summary>
    public async Task<bool> SetEnabledAsync(int id, bool enabled, CancellationToken ct) =>
        await db.Set<TaxiiSubscription>().Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Enabled, enabled), ct) > 0;

    /// <summary>Removes a subscription (pulled items and the node-local organisation stay); false when it does not exist.</summary>
    public async Task<bool> RemoveAsync(int id, CancellationToken ct) =>
        await db.Set<TaxiiSubscription>().Where(s => s.Id == id).ExecuteDeleteAsync(ct) > 0;

    /// <summary>
    /// The pull target a stored subscription describes. Throws <see cref="TaxiiException"/> (no URL, no status) when the stored
    /// token cannot be unprotected: the data-protection keys in use are not those it was stored with.
    /// </summary>
    public PullTarget TargetOf(TaxiiSubscription s)
    {
        string? token;
        try
        {
            token = s.ProtectedToken is null ? null : protection.CreateProtector(Purpose).Unprotect(s.ProtectedToken);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new TaxiiException($"The token of subscription {s.Id} cannot be read with this node's data-protection keys ({e.Message}). " +
                "The server and the command line must use the same DataProtection:KeysFolder (default data/keys, relative to the working " +
                "folder): run the command from the server's folder or set an absolute folder; else subscribe again with the token.", null, inner: e);
        }

        var audience = s.Audience.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => AudienceSpec.TryParse(a, out var spec, out _) ? spec : null).OfType<AudienceSpec>().ToList();
        return new PullTarget(new Uri(s.ApiRoot), s.CollectionId, TaxiiCredentials.From(token, s.Username), s.MaxTlp, s.SourceOrganisationId, audience);
    }

    /// <summary>
    /// The organisation that publishes what comes from <paramref name="apiRoot"/>: <paramref name="key"/> when given (it must
    /// exist and may publish), else the node-local organisation <c>node-HOST[-PORT]</c>, a linking organisation marked with
    /// <see cref="Organisation.RemoteNode"/>, made on first use.
    /// </summary>
    public async Task<(Organisation? Organisation, string? Problem)> PublisherAsync(Uri apiRoot, string? key, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(key))
        {
            var given = await db.Organisations.FirstOrDefaultAsync(o => o.Key == key.Trim().ToLowerInvariant(), ct);
            if (given is null) return (null, $"--as-org: no organisation with key '{key}'.");
            return given.IsActive && PublishingService.MayPublish(given.Type) ? (given, null) : (null, $"--as-org: organisation '{given.Key}' may not publish.");
        }

        var nodeKey = NodeKeyOf(apiRoot);
        var org = await db.Organisations.FirstOrDefaultAsync(o => o.Key == nodeKey, ct);
        if (org is not null)
            return org.IsActive && PublishingService.MayPublish(org.Type) ? (org, null) : (null, $"The node-local organisation '{nodeKey}' is deactivated or may not publish.");
        org = new Organisation
        {
            Key = nodeKey, Name = $"Schakel-knooppunt {apiRoot.Authority}", Type = OrganisationType.LinkingOrganisation, Designation = Designation.CERT,
            RemoteNode = apiRoot.AbsoluteUri, CreatedAt = time.GetUtcNow(),
        };
        db.Organisations.Add(org);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(AuditActor.Node, new AuditEvent("organisation.create", Subject: org.Key, Detail: new { remote_node = org.RemoteNode }), ct);
        return (org, null);
    }

    /// <summary><c>node-</c> followed by the host (and a non-default port), lower case, other characters as hyphens; at most 64 characters.</summary>
    public static string NodeKeyOf(Uri apiRoot)
    {
        var host = apiRoot.IsDefaultPort ? apiRoot.Host : $"{apiRoot.Host}-{apiRoot.Port}";
        var key = "node-" + NotKeyCharacters().Replace(host.ToLowerInvariant(), "-").Trim('-');
        return key.Length <= 64 ? key : key[..64];
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotKeyCharacters();
}
