namespace Schakel.Features.Network;

/// <summary>
/// The problems of a submitted form, for the administration pages: each names the HTML id of its field (or null for
/// the whole form), a resource key of the page's own <c>.resx</c> and the format arguments. The view translates
/// them, shows each next to its field and lists them all in the error summary.
/// </summary>
public sealed class FormProblems : List<FormProblem>
{
    public void Add(string? fieldId, string key, params object?[] args) => Add(new FormProblem(fieldId, key, [.. args.Select(a => a ?? "")]));

    /// <summary>The problems of one field.</summary>
    public IEnumerable<FormProblem> For(string fieldId) => this.Where(p => p.FieldId == fieldId);

    public bool Has(string fieldId) => this.Any(p => p.FieldId == fieldId);
}

/// <summary>One problem: field id (null for the form), resource key, format arguments.</summary>
public sealed record FormProblem(string? FieldId, string Key, object[] Args);
