namespace Schakel.Features.ThreatIntel;

/// <summary>
/// Marker type for the strings of the threat-intelligence pages (upload, result, the item page's object list) and the
/// navigation entry: <c>Resources/Features/ThreatIntel/ThreatIntelText.{nl,en}.resx</c>.
/// </summary>
public sealed class ThreatIntelText;
