namespace Schakel.Features.Advisories.Authoring;

/// <summary>
/// Marker type for the strings of the authoring pages, their form partial and their validation messages:
/// <c>Resources/Features/Advisories/Authoring/AuthoringText.{nl,en}.resx</c>.
/// </summary>
public sealed class AuthoringText;
