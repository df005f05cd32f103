using System.Diagnostics;

namespace Schakel.Tests.Infrastructure;

/// <summary>Runs the real <c>schakel</c> executable (as built next to the tests) against a given database.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs <c>dotnet schakel.dll ARGS</c> with <c>ConnectionStrings__Schakel</c> set; output is redirected, so no progress bar.</summary>
    public static async Task<Result> RunAsync(string connectionString, string? stdin, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = TestEnvironment.RepositoryRoot,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "schakel.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["ConnectionStrings__Schakel"] = connectionString;
        psi.Environment["Database__Provider"] = connectionString.StartsWith("Data Source", StringComparison.Ordinal) ? "Sqlite" : "Postgres";
        using var process = Process.Start(psi)!;
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(cts.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
