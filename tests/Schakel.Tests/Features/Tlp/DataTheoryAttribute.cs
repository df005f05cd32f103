using Schakel.Tests.Infrastructure;

namespace Schakel.Tests.Features.Tlp;

/// <summary>A theory that needs the shared data folder: skipped without it, failed without it under CI (like <see cref="DataFactAttribute"/>).</summary>
public sealed class DataTheoryAttribute : TheoryAttribute
{
    public DataTheoryAttribute()
    {
        if (!TestEnvironment.HasData && !TestEnvironment.IsCi) Skip = $"Shared data folder missing: {TestEnvironment.DataFolder} (set SCHAKEL_DATA).";
    }
}
