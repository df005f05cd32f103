using System.Text.Json;

namespace Schakel.Csaf.Validation;

/// <summary>
/// What a test sees: the document, the outside data, and where to put findings. One context per (document, test);
/// not thread-safe, but tests run sequentially on their own context.
/// </summary>
public sealed class CsafTestContext
{
    private readonly List<CsafTestFinding> findings = [];
    private readonly Lazy<CsafProductIndex> products;

    internal CsafTestContext(CsafTest test, JsonElement root, CsafReferenceData data, Lazy<CsafProductIndex> products)
    {
        Test = test;
        Root = root;
        Data = data;
        this.products = products;
    }

    /// <summary>The test being run.</summary>
    public CsafTest Test { get; }

    /// <summary>The whole document (the top-level JSON value; usually an object with <c>document</c>).</summary>
    public JsonElement Root { get; }

    /// <summary>Outside data (language registry, CWE catalogue, spell checker); a member is null when not available.</summary>
    public CsafReferenceData Data { get; }

    /// <summary>Every product id and product group id defined or referenced in the document, with JSON pointers (built once per document).</summary>
    public CsafProductIndex Products => products.Value;

    /// <summary>The reason given by <see cref="NotRun"/>, or null.</summary>
    public string? NotRunReason { get; private set; }

    /// <summary>Findings so far.</summary>
    public IReadOnlyList<CsafTestFinding> Findings => findings;

    /// <summary>Reports one problem at <paramref name="path"/> (a JSON pointer, see <see cref="CsafPointer"/>).</summary>
    public void Report(string path, string message) => findings.Add(new CsafTestFinding(Test.Id, Test.Group, path, message));

    /// <summary>Marks the test as not run, e.g. <c>"not run (offline)"</c> or <c>"no spell checker for 'nl' installed"</c>.</summary>
    public void NotRun(string reason) => NotRunReason = reason;
}
