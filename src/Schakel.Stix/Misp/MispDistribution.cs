namespace Schakel.Stix.Misp;

/// <summary>An organisation as Schakel knows it, passed in by the caller: its key (<c>z-cert</c>), name and MISP uuid if any.</summary>
public sealed record SchakelOrganisation(string Key, string Name, string? MispUuid = null);

/// <summary>
/// The Schakel audience a MISP distribution suggests: <see cref="Audiences"/> in Schakel's syntax (<c>network</c>,
/// <c>org:KEY</c>); <see cref="Exact"/> is true only when the audience means the same as the distribution, so a caller may
/// use it without asking; <see cref="Explanation"/> says what was mapped and what not, in English.
/// </summary>
public sealed record MispAudienceSuggestion(int? Distribution, IReadOnlyList<string> Audiences, bool Exact, string Explanation);

/// <summary>
/// Maps MISP distribution levels to Schakel audiences (DESIGN.md section 2a) where they mean the same:
/// 0 your organisation only → <c>org:</c> the importing organisation; 1 this community only → <c>network</c>;
/// 2 connected communities and 3 all communities → <c>network</c>, not exact (wider sharing than the network is not
/// expressible); 4 sharing group → <c>org:KEY</c> for each member organisation matched by uuid or name, exact only when
/// every member matched; 5 inherit event is for attributes only.
/// </summary>
public static class MispDistribution
{
    public static readonly IReadOnlyDictionary<int, string> Names = new Dictionary<int, string>
    {
        [0] = "your organisation only", [1] = "this community only", [2] = "connected communities",
        [3] = "all communities", [4] = "sharing group", [5] = "inherit event",
    };

    /// <summary>The suggestion for an event; what does not map is added to <paramref name="unmapped"/> (kind <c>distribution</c>).</summary>
    /// <param name="ev">The event; its <c>distribution</c>, <c>sharing_group_id</c> and <c>SharingGroup</c> are read.</param>
    /// <param name="ownOrganisationKey">The importing organisation's key, for distribution 0; null when unknown.</param>
    /// <param name="organisations">Schakel's organisations, to match sharing-group members.</param>
    /// <param name="sharingGroups">Known sharing groups, used when the event names one by id or uuid without embedding it.</param>
    /// <param name="unmapped">Receives what could not be mapped.</param>
    public static MispAudienceSuggestion Suggest(
        MispEvent ev, string? ownOrganisationKey, IReadOnlyList<SchakelOrganisation> organisations,
        IReadOnlyList<MispSharingGroup> sharingGroups, List<MispUnmapped> unmapped)
    {
        switch (ev.Distribution)
        {
            case null:
                unmapped.Add(new("distribution", ev.Uuid, "no distribution", "The event has no distribution (feed format); nothing to map an audience from."));
                return new(null, [], false, "The event states no distribution.");
            case 0 when ownOrganisationKey is not null:
                return new(0, [$"org:{ownOrganisationKey}"], true, "Distribution 0 (your organisation only): the importing organisation.");
            case 0:
                unmapped.Add(new("distribution", ev.Uuid, "distribution 0", "Your organisation only, but the importing organisation is not known."));
                return new(0, [], false, "Distribution 0 (your organisation only); the importing organisation was not given.");
            case 1:
                return new(1, ["network"], true, "Distribution 1 (this community only): the network.");
            case 2 or 3:
                var level = ev.Distribution.Value;
                unmapped.Add(new("distribution", ev.Uuid, $"distribution {level}",
                    $"'{Names[level]}' reaches beyond the Schakel network; the network is the widest audience Schakel can express."));
                return new(level, ["network"], false, $"Distribution {level} ({Names[level]}): the network, which is narrower than MISP meant.");
            case 4:
                return SharingGroup(ev, organisations, sharingGroups, unmapped);
            default:
                unmapped.Add(new("distribution", ev.Uuid, $"distribution {ev.Distribution}", "Not a valid event distribution (0–4)."));
                return new(ev.Distribution, [], false, $"Distribution {ev.Distribution} is not valid for an event.");
        }
    }

    private static MispAudienceSuggestion SharingGroup(
        MispEvent ev, IReadOnlyList<SchakelOrganisation> organisations, IReadOnlyList<MispSharingGroup> known, List<MispUnmapped> unmapped)
    {
        var group = ev.SharingGroup is { Organisations.Count: > 0 } embedded ? embedded
            : known.FirstOrDefault(g => (g.Id is not null && g.Id == ev.SharingGroupId) || (g.Uuid is not null && g.Uuid == ev.SharingGroup?.Uuid));
        if (group is null)
        {
            unmapped.Add(new("distribution", ev.Uuid, $"sharing group {ev.SharingGroupId}", "The sharing group and its members are not known."));
            return new(4, [], false, $"Distribution 4 (sharing group {ev.SharingGroupId}): the group is not known.");
        }

        var audiences = new List<string>();
        var missing = new List<string>();
        foreach (var member in group.Organisations)
        {
            var match = organisations.FirstOrDefault(o => member.Uuid is not null && string.Equals(o.MispUuid, member.Uuid, StringComparison.OrdinalIgnoreCase))
                ?? organisations.FirstOrDefault(o => string.Equals(o.Name.Trim(), member.Name.Trim(), StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                missing.Add(member.Name);
                unmapped.Add(new("distribution", member.Uuid, $"sharing group '{group.Name}' member '{member.Name}'",
                    "No Schakel organisation has this name or MISP uuid."));
            }
            else if (!audiences.Contains($"org:{match.Key}"))
            {
                audiences.Add($"org:{match.Key}");
            }
        }

        return missing.Count == 0
            ? new(4, audiences, true, $"Distribution 4 (sharing group '{group.Name}'): {string.Join(", ", audiences)}.")
            : new(4, audiences, false, $"Distribution 4 (sharing group '{group.Name}'): not mapped: {string.Join(", ", missing)}.");
    }
}
