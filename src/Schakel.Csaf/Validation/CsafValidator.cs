using System.Text.Json;

namespace Schakel.Csaf.Validation;

/// <summary>Which tests <see cref="CsafValidator"/> runs besides the schema and the mandatory tests (which always run).</summary>
public sealed record CsafValidatorOptions
{
    /// <summary>Run the optional tests of section 6.2 (findings are warnings). Default true.</summary>
    public bool Optional { get; init; } = true;

    /// <summary>Run the informative tests of section 6.3 (findings are warnings). Default true.</summary>
    public bool Informative { get; init; } = true;

    /// <summary>When set, run only tests whose id is in this set (the schema always runs). For focused runs and test suites.</summary>
    public IReadOnlySet<string>? OnlyTests { get; init; }

    /// <summary>Tests not to run (the schema always runs); they do not appear in the report at all.</summary>
    public IReadOnlySet<string> SkipTests { get; init; } = new HashSet<string>();
}

/// <summary>
/// A CSAF 2.0 validator in the sense of section 9.1.14 ("CSAF full validator" with the optional and informative tests as
/// warnings): the JSON schema, every mandatory test of section 6.1, and the tests of 6.2 and 6.3. Thread-safe: one instance
/// can validate many documents in parallel.
/// </summary>
public sealed class CsafValidator
{
    private static readonly Lazy<IReadOnlyList<CsafTest>> AllTests = new(DiscoverTests, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<CsafValidator> DefaultInstance = new(() => new CsafValidator(CsafReferenceData.Default));

    private readonly CsafReferenceData data;
    private readonly CsafValidatorOptions options;

    /// <summary>A validator using <paramref name="data"/> (default: <see cref="CsafReferenceData.Default"/>) and <paramref name="options"/>.</summary>
    public CsafValidator(CsafReferenceData? data = null, CsafValidatorOptions? options = null)
    {
        this.data = data ?? CsafReferenceData.Default;
        this.options = options ?? new CsafValidatorOptions();
    }

    /// <summary>A shared validator with the shipped outside data and every test.</summary>
    public static CsafValidator Default => DefaultInstance.Value;

    /// <summary>Every test this library implements, ordered by section number (6.1.1, 6.1.2, …, 6.1.27.1, …, 6.3.11).</summary>
    public static IReadOnlyList<CsafTest> Tests => AllTests.Value;

    /// <summary>
    /// Validates a file's bytes: size, UTF-8 JSON, then <see cref="Validate(JsonElement)"/>. Never throws for bad input.
    /// </summary>
    /// <param name="bytes">The file, UTF-8 (a byte order mark is tolerated).</param>
    /// <param name="maxBytes">Size limit in bytes (default 32 MiB).</param>
    /// <returns>A report; a file that is not JSON or not CSAF gets one <c>schema</c> error and no test runs.</returns>
    public CsafValidationReport Validate(byte[] bytes, long maxBytes = CsafReader.DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var read = CsafReader.Read(bytes, maxBytes);
        if (read.Status is CsafReadStatus.TooLarge or CsafReadStatus.NotJson or CsafReadStatus.NotCsaf)
        {
            return new CsafValidationReport(read.Findings.Select(f => new CsafTestFinding("schema", CsafTestGroup.Schema, f.Path, f.Message)).ToList(), []);
        }

        var body = bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes.AsMemory(3) : bytes.AsMemory();
        using var json = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        return Validate(json.RootElement);
    }

    /// <summary>
    /// Validates a parsed document: schema (test id <c>schema</c>), then every selected test of section 6. The tests run
    /// even when the schema fails, so that one report names every problem.
    /// </summary>
    public CsafValidationReport Validate(JsonElement root)
    {
        var findings = CsafSchema.Validate(root).Select(f => new CsafTestFinding("schema", CsafTestGroup.Schema, f.Path, f.Message)).ToList();
        var runs = new List<CsafTestRun>();
        var products = new Lazy<CsafProductIndex>(() => CsafProductIndex.Build(root));
        foreach (var test in Tests)
        {
            if (!Selected(test)) continue;
            var context = new CsafTestContext(test, root, data, products);
            try
            {
                test.Run(context);
            }
            catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
            {
                // A bug in a test must not hide the rest of the report; it shows as "not run" with the reason, never as "passed".
                runs.Add(new CsafTestRun(test.Id, test.Group, CsafTestOutcome.NotRun, $"internal error: {e.GetType().Name}: {e.Message}"));
                continue;
            }

            findings.AddRange(context.Findings);
            runs.Add(context.NotRunReason is { } reason && context.Findings.Count == 0
                ? new CsafTestRun(test.Id, test.Group, CsafTestOutcome.NotRun, reason)
                : new CsafTestRun(test.Id, test.Group, context.Findings.Count > 0 ? CsafTestOutcome.Failed : CsafTestOutcome.Passed));
        }

        return new CsafValidationReport(findings, runs);
    }

    private bool Selected(CsafTest test) =>
        (options.OnlyTests is null || options.OnlyTests.Contains(test.Id)) && !options.SkipTests.Contains(test.Id)
        && test.Group switch
        {
            CsafTestGroup.Optional => options.Optional,
            CsafTestGroup.Informative => options.Informative,
            _ => true,
        };

    private static IReadOnlyList<CsafTest> DiscoverTests()
    {
        var tests = typeof(CsafTest).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(CsafTest)) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (CsafTest)Activator.CreateInstance(t)!)
            .OrderBy(t => SortKey(t.Id), StringComparer.Ordinal)
            .ToList();
        var duplicate = tests.GroupBy(t => t.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"Two tests claim id {duplicate.Key}.");
        return tests;
    }

    /// <summary>A key that sorts section numbers numerically: <c>6.1.2</c> before <c>6.1.10</c>.</summary>
    internal static string SortKey(string id) => string.Join('.', id.Split('.').Select(p => p.PadLeft(4, '0')));
}
