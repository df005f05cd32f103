using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Web;

/// <summary>One application (fresh SQLite database with the demo network) shared by the web page tests of a class.</summary>
public sealed class WebFixture : IDisposable
{
    public SchakelFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}
