using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Network;

/// <summary>A <see cref="SchakelFactory"/> on SQLite with a parameterless constructor, usable as an xUnit class fixture.</summary>
public sealed class AdminFactory() : SchakelFactory("Sqlite");
