using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Schakel.Data;

namespace Schakel;

/// <summary>
/// Command-line plumbing shared by the verbs. Exit codes (DESIGN.md section 4): 0 success, 1 some input was rejected
/// (each reason on stderr), 2 usage error.
/// </summary>
public static class Cli
{
    public const int Ok = 0;
    public const int Rejected = 1;
    public const int Usage = 2;

    /// <summary>
    /// Parses and runs. Without a verb, and with only <c>--key=value</c> host settings (as a test host passes them),
    /// the web host starts, as <c>schakel serve</c> would.
    /// </summary>
    public static async Task<int> InvokeAsync(RootCommand root, string[] args, Func<string[], bool, CancellationToken, Task<int>> runWeb)
    {
        if (args.Length == 0 || args.All(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=') && !a.StartsWith("--help", StringComparison.Ordinal)))
        {
            return await runWeb(args, false, CancellationToken.None);
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) await Console.Error.WriteLineAsync(e.Message);
            await Console.Error.WriteLineAsync("Run 'schakel --help' for usage.");
            return Usage;
        }

        return await parse.InvokeAsync();
    }

    /// <summary><c>schakel serve [--demo] [--urls URL]</c>.</summary>
    public static Command ServeCommand(Func<string[], bool, CancellationToken, Task<int>> runWeb)
    {
        var demo = new Option<bool>("--demo") { Description = "Seed the demo network (NCSC, NCTV, linking organisations, 40+ members, demo people) and print the demo passwords." };
        var urls = new Option<string?>("--urls") { Description = "Address(es) to listen on, e.g. http://localhost:5080 (the default)." };
        var command = new Command("serve", "Start the web host: web UI, REST API under /api/v1, /healthz.") { demo, urls };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) =>
        {
            var hostArgs = parse.UnmatchedTokens.ToList();
            if (parse.GetValue(urls) is { Length: > 0 } u) hostArgs.Add($"--urls={u}");
            return runWeb([.. hostArgs], parse.GetValue(demo), ct);
        });
        return command;
    }

    /// <summary>A service provider with Schakel's services, for verbs that work on the database without the web host.</summary>
    public static async Task<ServiceProvider> CreateServicesAsync(CancellationToken ct)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        // Logs go to stderr: stdout carries the verb's output (a token, an export, the import summary) for scripts.
        // EF Core's own error logs are left out: the verbs report every failure themselves, and a handled conflict
        // (two imports of one advisory at once) must not print a stack trace.
        services.AddLogging(b => b.AddConfiguration(configuration.GetSection("Logging")).AddSimpleConsole(o => o.SingleLine = true)
            .SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None)
            // Every HTTP request of 'csaf download' would be logged at Information; the verb reports each document itself.
            .AddFilter("System.Net.Http.HttpClient", LogLevel.Warning));
        services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        services.AddSchakel(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await provider.MigrateAsync(ct);
        return provider;
    }

    /// <summary>Writes a message to stderr and returns <see cref="Rejected"/>.</summary>
    public static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return Rejected;
    }
}
