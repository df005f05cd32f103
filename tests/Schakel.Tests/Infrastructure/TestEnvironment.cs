namespace Schakel.Tests.Infrastructure;

/// <summary>
/// Where the shared real data lives (<c>SCHAKEL_DATA</c>, default <c>../shared/data</c> from the repository root) and
/// which real components are available. Missing ones make tests skip, except under <c>CI=true</c>, where they fail.
/// </summary>
public static class TestEnvironment
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The repository root: the first folder upwards from the test binaries that holds Directory.Build.props.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The shared data folder (may not exist).</summary>
    public static string DataFolder { get; } = Path.GetFullPath(Environment.GetEnvironmentVariable("SCHAKEL_DATA") is { Length: > 0 } d
        ? d : Path.Combine(RepositoryRoot, "..", "shared", "data"));

    public static bool HasData => Directory.Exists(Path.Combine(DataFolder, "csaf"));

    /// <summary>Admin connection string of a PostgreSQL server that may create databases (<c>SCHAKEL_TEST_POSTGRES</c>).</summary>
    public static string? PostgresAdmin => Environment.GetEnvironmentVariable("SCHAKEL_TEST_POSTGRES") is { Length: > 0 } s ? s : null;

    /// <summary>A path under the data folder; fails the test with a clear message when the folder is missing.</summary>
    public static string Data(params string[] parts)
    {
        if (!HasData) throw new InvalidOperationException($"The shared data folder is missing: {DataFolder} (set SCHAKEL_DATA).");
        return Path.Combine([DataFolder, .. parts]);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Directory.Build.props"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that needs the shared data folder: skipped without it, failed without it under CI.</summary>
public sealed class DataFactAttribute : FactAttribute
{
    public DataFactAttribute()
    {
        if (!TestEnvironment.HasData && !TestEnvironment.IsCi) Skip = $"Shared data folder missing: {TestEnvironment.DataFolder} (set SCHAKEL_DATA).";
    }
}

/// <summary>A fact that needs PostgreSQL (<c>SCHAKEL_TEST_POSTGRES</c>): skipped without it, failed without it under CI.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestEnvironment.PostgresAdmin is null && !TestEnvironment.IsCi) Skip = "PostgreSQL not configured: set SCHAKEL_TEST_POSTGRES to an admin connection string.";
    }
}

/// <summary>A theory over the database providers; the PostgreSQL case skips (or fails under CI) like <see cref="PostgresFactAttribute"/>.</summary>
public static class Providers
{
    public static TheoryData<string> All => new() { "Sqlite", "Postgres" };
}

/// <summary>A theory that needs the shared data folder: skipped without it, failed without it under CI.</summary>
public sealed class DataTheoryAttribute : TheoryAttribute
{
    public DataTheoryAttribute()
    {
        if (!TestEnvironment.HasData && !TestEnvironment.IsCi) Skip = $"Shared data folder missing: {TestEnvironment.DataFolder} (set SCHAKEL_DATA).";
    }
}
