using Microsoft.Extensions.Localization;

namespace Schakel.Features.Network;

/// <summary>
/// Dutch and English names of the network's vocabulary keys (sectors, regions, organisation types, designations,
/// NIS2 classes, Wbni categories, roles) from <c>Resources/Features/Network/NetworkNames.{nl,en}.resx</c>. An unknown
/// key is shown as itself. Not registered: views inject <c>IStringLocalizerFactory</c> and call <see cref="Create"/>.
/// </summary>
public sealed class NetworkNames(IStringLocalizer names)
{
    /// <summary>
    /// The names for the current UI culture. Looked up by base name and assembly name (as view localization does),
    /// because the assembly (<c>schakel</c>) and root namespace (<c>Schakel</c>) differ in case, which defeats the
    /// type-based lookup of <c>IStringLocalizer&lt;T&gt;</c>.
    /// </summary>
    public static NetworkNames Create(IStringLocalizerFactory factory) =>
        new(factory.Create("Features.Network.NetworkNames", typeof(NetworkNames).Assembly.GetName().Name!));

    public string Sector(string key) => Name("Sector." + key, key);
    public string Region(string? key) => key is null ? "" : Name("Region." + key, key);
    public string Type(OrganisationType type) => Name("Type." + type, type.ToString());
    public string Designation(Designation? d) => d is null ? "" : Name("Designation." + d, d.ToString()!);
    public string Nis2(Nis2Class c) => Name("Nis2." + c, c.ToString());
    public string Wbni(string key) => Name("Wbni." + key, key);
    public string Role(string key) => Name("Role." + key, key);

    private string Name(string resourceKey, string fallback)
    {
        var s = names[resourceKey];
        return s.ResourceNotFound ? fallback : s.Value;
    }
}
