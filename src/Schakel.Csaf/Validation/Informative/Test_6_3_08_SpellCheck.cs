using System.Text.Json;
using System.Text.RegularExpressions;
using Schakel.Csaf.Validation.Support;

namespace Schakel.Csaf.Validation.Informative;

/// <summary>
/// CSAF 2.0 section 6.3.8 "Spell check": the texts the section lists are spell checked in <c>/document/lang</c> with
/// <see cref="CsafReferenceData.SpellChecker"/> (hunspell). Skipped ("not run") when the document has no language, when
/// no spell checker or no dictionary for the language is installed, or when the checker fails: never "passed" then.
/// Words that are identifiers rather than prose are not checked: URLs, e-mail addresses and tokens with a digit, underscore,
/// slash, backslash, <c>@</c> or colon are removed first, and flagged words with a dot inside, all capitals (CSAF, XYZ) or
/// capitals after the first letter (OpenSSL, iOS) are not reported.
/// One finding per text that holds a misspelled word, naming the words.
/// </summary>
public sealed partial class Test_6_3_08_SpellCheck : CsafTest
{
    /// <summary>Categories of the profiles other than CSAF Base (section 4): the spec says not to spell check those values.</summary>
    private static readonly HashSet<string> ProfileCategories =
        new(StringComparer.Ordinal) { "csaf_security_advisory", "csaf_vex", "csaf_informational_advisory", "csaf_security_incident_response" };

    /// <inheritdoc />
    /// <summary>Most characters of text spell-checked in one document (256 Ki); larger documents get "not run" with the reason.</summary>
    public const int MaxTextLength = 256 * 1024;

    public override string Id => "6.3.8";

    /// <inheritdoc />
    public override string Title => "Spell check";

    /// <inheritdoc />
    public override void Run(CsafTestContext context)
    {
        if (context.Root.Obj("document")?.Str("lang") is not { Length: > 0 } language)
        {
            context.NotRun("not run: the document has no language (/document/lang)");
            return;
        }

        if (context.Data.SpellChecker is not { } checker)
        {
            var why = ReferenceEquals(context.Data, CsafReferenceData.Default) ? CsafReferenceDataLoader.Unavailable("spell-checker") : null;
            context.NotRun($"not run: no spell checker ({why ?? "none configured"})");
            return;
        }

        if (!checker.Supports(language))
        {
            context.NotRun($"not run: no spell checker dictionary for '{language}' is installed");
            return;
        }

        var texts = Texts(context.Root).Select(t => (t.Path, Text: Prose(t.Text))).Where(t => !string.IsNullOrWhiteSpace(t.Text)).ToList();
        if (texts.Count == 0) return;
        // Spell checking costs about 10 s per MiB of text; a cap keeps one large (or hostile) document from holding a CPU for minutes.
        var length = texts.Sum(t => (long)t.Text.Length);
        if (length > MaxTextLength)
        {
            context.NotRun($"not run: {length:N0} characters of text is over the spell check's limit of {MaxTextLength:N0}");
            return;
        }

        IReadOnlyList<string> misspelled;
        try
        {
            misspelled = checker.Misspelled(string.Join('\n', texts.Select(t => t.Text.Replace('\n', ' ').Replace('\r', ' '))), language);
        }
        catch (InvalidOperationException e)
        {
            context.NotRun("not run: the spell checker failed: " + e.Message);
            return;
        }

        var words = misspelled.Where(IsProse).ToList();
        if (words.Count == 0) return;
        foreach (var (path, text) in texts)
        {
            var found = words.Where(w => Regex.IsMatch(text, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(w)}(?![\p{{L}}\p{{N}}])", RegexOptions.CultureInvariant)).ToList();
            if (found.Count > 0)
            {
                context.Report(path, $"Possible spelling mistake{(found.Count > 1 ? "s" : "")} for language '{language}': {string.Join(", ", found.Select(w => $"'{w}'"))}.");
            }
        }
    }

    /// <summary>
    /// The text without URLs, e-mail addresses and identifier-like tokens (with a digit, <c>_</c>, <c>/</c>, <c>\</c>, <c>@</c>
    /// or <c>:</c>), which hunspell would otherwise split into fragments such as <c>csaf</c> of <c>csaf_base</c>.
    /// </summary>
    internal static string Prose(string text) =>
        string.Join(' ', Url().Replace(text, " ").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(token => !token.TrimEnd('.', ',', ';', ':', '!', '?', ')').Any(c => char.IsDigit(c) || c is '_' or '/' or '\\' or '@' or ':')));

    /// <summary>Whether a word hunspell flagged is prose (reported) rather than an identifier, acronym or brand spelling.</summary>
    internal static bool IsProse(string word) =>
        word.Length > 1
        && !word.Any(c => char.IsDigit(c) || c is '_' or '/' or '@' or '.' or '\\' or ':')
        && !word.Skip(1).Any(char.IsUpper);

    /// <summary>The strings section 6.3.8 lists, with their pointers, in document order.</summary>
    internal static IEnumerable<(string Path, string Text)> Texts(JsonElement root)
    {
        if (root.Obj("document") is { } doc)
        {
            foreach (var t in Acknowledgments(doc, "/document")) yield return t;
            if (doc.Obj("aggregate_severity")?.Str("text") is { } severity) yield return ("/document/aggregate_severity/text", severity);
            if (doc.Str("category") is { } category && !ProfileCategories.Contains(category)) yield return ("/document/category", category);
            if (doc.Obj("distribution")?.Str("text") is { } distribution) yield return ("/document/distribution/text", distribution);
            foreach (var t in Notes(doc, "/document")) yield return t;
            foreach (var name in new[] { "issuing_authority", "name" })
            {
                if (doc.Obj("publisher")?.Str(name) is { } value) yield return ("/document/publisher/" + name, value);
            }

            foreach (var t in Each(doc, "references", "/document", "summary")) yield return t;
            if (doc.Str("title") is { } title) yield return ("/document/title", title);
            if (doc.Obj("tracking") is { } tracking)
            {
                foreach (var t in Strings(tracking, "aliases", "/document/tracking")) yield return t;
                if (tracking.Obj("generator")?.Obj("engine")?.Str("name") is { } engine) yield return ("/document/tracking/generator/engine/name", engine);
                foreach (var t in Each(tracking, "revision_history", "/document/tracking", "summary")) yield return t;
            }
        }

        foreach (var branch in InformativeWalk.Branches(root))
        {
            if (branch.Element.Str("name") is { } name) yield return (branch.Path + "/name", name);
            if (branch.Element.Obj("product")?.Str("name") is { } product) yield return (branch.Path + "/product/name", product);
        }

        if (root.Obj("product_tree") is { } tree)
        {
            foreach (var t in Each(tree, "full_product_names", "/product_tree", "name")) yield return t;
            foreach (var t in Each(tree, "product_groups", "/product_tree", "summary")) yield return t;
            var r = 0;
            foreach (var rel in tree.Items("relationships"))
            {
                if (rel.Obj("full_product_name")?.Str("name") is { } name) yield return (CsafPointer.Of("product_tree", "relationships", r, "full_product_name", "name"), name);
                r++;
            }
        }

        foreach (var (v, path) in InformativeWalk.Vulnerabilities(root))
        {
            foreach (var t in Acknowledgments(v, path)) yield return t;
            foreach (var t in Each(v, "involvements", path, "summary")) yield return t;
            foreach (var t in Notes(v, path)) yield return t;
            foreach (var t in Each(v, "references", path, "summary")) yield return t;
            var i = 0;
            foreach (var remediation in v.Items("remediations"))
            {
                var rp = CsafPointer.Append(path, "remediations", i++);
                if (remediation.Str("details") is { } details) yield return (rp + "/details", details);
                foreach (var t in Strings(remediation, "entitlements", rp)) yield return t;
                if (remediation.Obj("restart_required")?.Str("details") is { } restart) yield return (rp + "/restart_required/details", restart);
            }

            foreach (var t in Each(v, "threats", path, "details")) yield return t;
            if (v.Str("title") is { } title) yield return (path + "/title", title);
        }
    }

    private static IEnumerable<(string, string)> Acknowledgments(JsonElement owner, string path)
    {
        var i = 0;
        foreach (var ack in owner.Items("acknowledgments"))
        {
            var ap = CsafPointer.Append(path, "acknowledgments", i++);
            foreach (var t in Strings(ack, "names", ap)) yield return t;
            if (ack.Str("organization") is { } organization) yield return (ap + "/organization", organization);
            if (ack.Str("summary") is { } summary) yield return (ap + "/summary", summary);
        }
    }

    private static IEnumerable<(string, string)> Notes(JsonElement owner, string path)
    {
        var i = 0;
        foreach (var note in owner.Items("notes"))
        {
            var np = CsafPointer.Append(path, "notes", i++);
            foreach (var name in new[] { "audience", "text", "title" })
            {
                if (note.Str(name) is { } value) yield return (np + "/" + name, value);
            }
        }
    }

    /// <summary>The string member <paramref name="member"/> of each item of the array <paramref name="list"/>.</summary>
    private static IEnumerable<(string, string)> Each(JsonElement owner, string list, string path, string member)
    {
        var i = 0;
        foreach (var item in owner.Items(list))
        {
            if (item.Str(member) is { } value) yield return (CsafPointer.Append(path, list, i, member), value);
            i++;
        }
    }

    /// <summary>The string items of the array <paramref name="list"/>.</summary>
    private static IEnumerable<(string, string)> Strings(JsonElement owner, string list, string path)
    {
        var i = 0;
        foreach (var item in owner.Items(list))
        {
            if (item.ValueKind == JsonValueKind.String) yield return (CsafPointer.Append(path, list, i), item.GetString()!);
            i++;
        }
    }

    [GeneratedRegex(@"\b(?:https?|ftp|mailto|file):[^\s""'<>]+|\bwww\.[^\s""'<>]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Url();
}
