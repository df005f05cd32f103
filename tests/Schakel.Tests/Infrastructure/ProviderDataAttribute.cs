using System.Reflection;
using Xunit.Sdk;

namespace Schakel.Tests.Infrastructure;

/// <summary>
/// Theory data for a database provider: <c>[Theory, ProviderData("Sqlite"), ProviderData("Postgres")]</c> runs the test once
/// per provider. The PostgreSQL row is skipped when <c>SCHAKEL_TEST_POSTGRES</c> is unset, except under <c>CI=true</c>, where
/// it runs and fails (see <see cref="PostgresFactAttribute"/>). With <see cref="NeedsData"/>, every row is skipped the same
/// way when the shared data folder is missing.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ProviderDataAttribute : DataAttribute
{
    public ProviderDataAttribute(string provider)
    {
        if (provider is not ("Sqlite" or "Postgres")) throw new ArgumentException($"Unknown provider '{provider}'.", nameof(provider));
        Provider = provider;
    }

    public string Provider { get; }

    /// <summary>The test reads the shared data folder (<c>SCHAKEL_DATA</c>).</summary>
    public bool NeedsData { get; set; }

    public override string Skip
    {
        get => base.Skip ?? (TestEnvironment.IsCi ? null : Provider == "Postgres" && TestEnvironment.PostgresAdmin is null
            ? "PostgreSQL not configured: set SCHAKEL_TEST_POSTGRES to an admin connection string."
            : NeedsData && !TestEnvironment.HasData ? $"Shared data folder missing: {TestEnvironment.DataFolder} (set SCHAKEL_DATA)." : null)!;
        set => base.Skip = value;
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[Provider]];
}
