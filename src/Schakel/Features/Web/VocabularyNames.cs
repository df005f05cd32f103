using System.Globalization;
using Microsoft.Extensions.Localization;
using Schakel.Features.Network;

namespace Schakel.Features.Web;

/// <summary>
/// Dutch and English display names of the vocabulary keys of DESIGN.md section 2a (sectors, regions), in the current
/// UI culture. Strings live in <c>Resources/Features/Web/VocabularyNames.{nl,en}.resx</c> under <c>sector.KEY</c> and
/// <c>region.KEY</c>. An unknown key is shown as the key itself. Registered as a singleton; inject it into pages or
/// use <c>@inject VocabularyNames Names</c> in a view.
/// </summary>
public sealed class VocabularyNames(IStringLocalizer<VocabularyNames> localizer)
{
    /// <summary>Display name of a sector key such as <c>health</c> ("Zorg" / "Health care").</summary>
    public string Sector(string key) => Lookup("sector." + key, key);

    /// <summary>Display name of a region key such as <c>NL-ZH</c> ("Zuid-Holland" / "South Holland").</summary>
    public string Region(string key) => Lookup("region." + key, key);

    /// <summary>Every sector as (key, display name), sorted by display name in the current culture.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Sectors() => Sorted(Vocabulary.Sectors, Sector);

    /// <summary>Every region as (key, display name), in the vocabulary's order (provinces, Caribbean Netherlands, countries).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Regions() =>
        Vocabulary.Regions.Select(k => KeyValuePair.Create(k, Region(k))).ToList();

    private string Lookup(string name, string key)
    {
        var s = localizer[name];
        return s.ResourceNotFound ? key : s.Value;
    }

    private static List<KeyValuePair<string, string>> Sorted(IEnumerable<string> keys, Func<string, string> name)
    {
        var compare = StringComparer.Create(CultureInfo.CurrentUICulture, ignoreCase: true);
        return keys.Select(k => KeyValuePair.Create(k, name(k))).OrderBy(p => p.Value, compare).ToList();
    }
}
