using Microsoft.Extensions.Localization;

// Resource names are built from the root namespace, which differs in case from the assembly name (schakel).
[assembly: RootNamespace("Schakel")]

namespace Schakel.Features.Web;

/// <summary>
/// Marker type for the strings shared by the layout and the page models (error messages, TLP and state names):
/// <c>Resources/Features/Web/SharedResource.{nl,en}.resx</c>. Views use their own per-view resources through
/// <c>IViewLocalizer</c>.
/// </summary>
public sealed class SharedResource;
