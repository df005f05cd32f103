namespace Schakel.Stix.Tests;

/// <summary>
/// Locates the shared real-data folder: <c>$SCHAKEL_DATA</c>, else <c>../shared/data</c> relative to the repository
/// root (the folder holding <c>Directory.Build.props</c>, found by walking up from the test binaries). Data is
/// read in place and never copied into the repository.
/// </summary>
internal static class TestData
{
    private static readonly Lazy<string> RootDirectory = new(FindDataDirectory);

    /// <summary>Absolute path of the data folder, whether or not it exists.</summary>
    public static string Root => RootDirectory.Value;

    /// <summary>True when <c>CI=true</c>: missing data must then fail the run rather than skip tests.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why data tests cannot run, or null when the CSAF data is present.</summary>
    public static string? MissingReason =>
        Directory.Exists(System.IO.Path.Combine(Root, "stix"))
            ? null
            : $"STIX test data not found at '{Root}' (set SCHAKEL_DATA or provide ../shared/data next to the repository).";

    /// <summary>Absolute path of a file or folder below the data root (forward slashes accepted).</summary>
    /// <exception cref="InvalidOperationException">The data folder is missing (only reachable with CI=true).</exception>
    public static string Path(string relative)
    {
        if (MissingReason is { } reason)
        {
            throw new InvalidOperationException(reason + " CI=true, so this fails instead of skipping.");
        }

        return System.IO.Path.Combine(Root, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));
    }

    public static byte[] Bytes(string relative) => File.ReadAllBytes(Path(relative));

    /// <summary>Data-relative paths (forward slashes) of the files below a folder, sorted ordinally.</summary>
    public static IEnumerable<string> Files(string relativeFolder, string pattern = "*") =>
        Directory.EnumerateFiles(Path(relativeFolder), pattern, SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(Root, f).Replace(System.IO.Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal);

    private static string FindDataDirectory()
    {
        var fromEnv = Environment.GetEnvironmentVariable("SCHAKEL_DATA");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return System.IO.Path.GetFullPath(fromEnv);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Directory.Build.props")))
            {
                return System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "data"));
            }
        }

        return System.IO.Path.GetFullPath(System.IO.Path.Combine(AppContext.BaseDirectory, "shared-data-not-found"));
    }
}

/// <summary>
/// A fact that needs the real data: skipped with the reason when the data folder is missing, except under
/// <c>CI=true</c>, where it runs and fails on the first data access.
/// </summary>
public sealed class DataFactAttribute : FactAttribute
{
    public DataFactAttribute()
    {
        if (!TestData.IsCi && TestData.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>The <see cref="DataFactAttribute"/> rule for theories whose rows come from the data folder.</summary>
public sealed class DataTheoryAttribute : TheoryAttribute
{
    public DataTheoryAttribute()
    {
        if (!TestData.IsCi && TestData.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}
