using System.Globalization;
using Microsoft.Extensions.Localization;
using Schakel.Features.Network;

namespace Schakel.Features.Web;

/// <summary>
/// Dutch and English display names of the sector and region keys of DESIGN.md section 2a in the current UI culture,
/// as lists for forms and filters. The names themselves come from <see cref="NetworkNames"/> (one resource set for the
/// whole UI). An unknown key is shown as the key itself. Registered as a singleton: <c>@inject VocabularyNames Names</c>.
/// </summary>
public sealed class VocabularyNames(IStringLocalizerFactory factory)
{
    private readonly NetworkNames _names = NetworkNames.Create(factory);

    /// <summary>Display name of a sector key such as <c>health</c> ("Gezondheidszorg" / "Health").</summary>
    public string Sector(string key) => _names.Sector(key);

    /// <summary>Display name of a region key such as <c>NL-ZH</c> ("Zuid-Holland" / "South Holland").</summary>
    public string Region(string key) => _names.Region(key);

    /// <summary>Every sector as (key, display name), sorted by display name in the current culture.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Sectors()
    {
        var compare = StringComparer.Create(CultureInfo.CurrentUICulture, ignoreCase: true);
        return Vocabulary.Sectors.Select(k => KeyValuePair.Create(k, Sector(k))).OrderBy(p => p.Value, compare).ToList();
    }

    /// <summary>Every region as (key, display name), in the vocabulary's order (provinces, Caribbean Netherlands, countries).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Regions() =>
        Vocabulary.Regions.Select(k => KeyValuePair.Create(k, Region(k))).ToList();
}
