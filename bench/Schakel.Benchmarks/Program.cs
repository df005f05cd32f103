using BenchmarkDotNet.Running;
using Schakel.Benchmarks;

// Verbs for docs/benchmarks.md; anything else goes to BenchmarkDotNet (e.g. `--filter '*'`).
var options = Options.Parse(args.Skip(1));
return args.FirstOrDefault() switch
{
    "import" => await ImportRun.RunAsync(args.ElementAtOrDefault(1) ?? throw new ArgumentException("import FOLDER"), options.Get("provider", "Sqlite"), options.GetOrNull("publish-to")),
    "publish" => await PublishRun.RunAsync(options.Get("provider", "Sqlite"), int.Parse(options.Get("orgs", "10000")), int.Parse(options.Get("runs", "3")), options.Get("variant", "service")),
    "seed-inbox" => await InboxSeed.RunAsync(options.Get("provider", "Sqlite"), options.GetOrNull("db"), int.Parse(options.Get("items", "100000"))),
    "standin" => await InboxStandIn.RunAsync(options.Get("provider", "Sqlite"), options.Get("connection"), options.Get("urls", "http://127.0.0.1:5190")),
    "stix-bundle" => StixBundleGenerator.Run(int.Parse(options.Get("objects", "50000")), options.Get("out"), int.Parse(options.Get("seed", "1"))),
    "stix-validate" => StixValidateRun.Run(args.ElementAtOrDefault(1) ?? throw new ArgumentException("stix-validate FILE"), int.Parse(options.Get("runs", "3"))),
    "stix-import" => await StixImportRun.RunAsync(Positional(args), options.Get("provider", "Sqlite"), options.GetOrNull("publish-to")),
    "seed-taxii" => await TaxiiSeed.RunAsync(options.Get("provider", "Sqlite"), options.GetOrNull("db"), int.Parse(options.Get("objects", "1000000")), int.Parse(options.Get("bundle", "50000"))),
    "taxii-walk" => await TaxiiWalk.RunAsync(new Uri(args.ElementAtOrDefault(1) ?? throw new ArgumentException("taxii-walk URL")), options.GetOrNull("token"), int.Parse(options.Get("limit", "1000")), options.GetOrNull("versions")),
    "count-stix" => await StixImportRun.CountAsync(options.Get("provider", "Sqlite"), options.Get("connection")),
    "drop-db" => await BenchHost.DropAsync(options.Get("provider", "Sqlite"), options.Get("connection")),
    "audit" => await AuditRun.RunAsync(options.Get("provider", "Sqlite"), int.Parse(options.Get("records", "5000"))),
    "explain" => await InboxStandIn.ExplainAsync(options.Get("provider", "Sqlite"), options.Get("connection")),
    "load" => await LoadRun.RunAsync(new Uri(args.ElementAtOrDefault(1) ?? throw new ArgumentException("load URL")), options.GetOrNull("token"),
        int.Parse(options.Get("concurrency", "20")), int.Parse(options.Get("requests", "4000")), TimeSpan.FromSeconds(double.Parse(options.Get("duration", "60"),
        System.Globalization.CultureInfo.InvariantCulture)), int.Parse(options.Get("warmup", "100"))),
    _ => Run(args),
};

// The arguments after the verb up to the first --option.
static List<string> Positional(string[] args) => args.Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(CsafReadBenchmarks).Assembly).Run(args);
    return 0;
}

/// <summary>Parsed <c>--name value</c> pairs.</summary>
internal sealed class Options(Dictionary<string, string> values)
{
    public static Options Parse(IEnumerable<string> args)
    {
        var list = args.ToList();
        var values = new Dictionary<string, string>();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < list.Count) values[list[i][2..]] = list[++i];
        }

        return new Options(values);
    }

    public string Get(string name, string? fallback = null) =>
        values.GetValueOrDefault(name) ?? fallback ?? throw new ArgumentException($"--{name} is required.");

    public string? GetOrNull(string name) => values.GetValueOrDefault(name);
}
