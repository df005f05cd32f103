using System.CommandLine;
using System.Text.Json;
using Schakel.Csaf;
using Schakel.Csaf.Validation;

namespace Schakel.Features.Advisories;

/// <summary>
/// <c>schakel csaf validate PATH… [--json] [--no-optional] [--no-informative] [--skip TESTID]…</c>: validates CSAF 2.0 documents with the
/// schema and every test of CSAF 2.0 section 6, without a database. Exit 0 when every file is valid, 1 when any file has an
/// error (schema or a mandatory 6.1 test), 2 on a usage error or a missing path.
/// </summary>
public static class CsafValidateCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The <c>validate</c> sub-command of <c>schakel csaf</c>.</summary>
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "CSAF documents, or folders to search recursively for *.json.", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print one JSON report (an array with one entry per file) instead of text." };
        var noOptional = new Option<bool>("--no-optional") { Description = "Skip the optional tests (CSAF 2.0 section 6.2)." };
        var noInformative = new Option<bool>("--no-informative") { Description = "Skip the informative tests (CSAF 2.0 section 6.3)." };
        var skip = new Option<string[]>("--skip") { Description = "Skip one optional or informative test by id, e.g. 6.3.8; repeatable.", AllowMultipleArgumentsPerToken = false };
        var validate = new Command("validate", "Validate CSAF 2.0 documents: schema, mandatory tests 6.1 (errors), optional 6.2 and informative 6.3 tests (warnings).")
        {
            paths, json, noOptional, noInformative, skip,
        };
        validate.SetAction((parse, ct) => RunAsync(parse.GetValue(paths)!, parse.GetValue(json), parse.GetValue(noOptional), parse.GetValue(noInformative), parse.GetValue(skip) ?? [], ct));
        return validate;
    }

    private static async Task<int> RunAsync(string[] paths, bool asJson, bool noOptional, bool noInformative, string[] skip, CancellationToken ct)
    {
        // Mandatory tests decide validity; letting them be skipped would let an invalid document pass as valid.
        if (skip.FirstOrDefault(id => !id.StartsWith("6.2.", StringComparison.Ordinal) && !id.StartsWith("6.3.", StringComparison.Ordinal)) is { } bad)
        {
            await Console.Error.WriteLineAsync($"--skip {bad}: only optional (6.2.x) and informative (6.3.x) tests can be skipped.");
            return Cli.Usage;
        }

        if (paths.FirstOrDefault(p => p.StartsWith("--", StringComparison.Ordinal)) is { } option)
        {
            await Console.Error.WriteLineAsync($"Unknown option '{option}'. Run 'schakel csaf validate --help' for usage.");
            return Cli.Usage;
        }

        var files = new List<string>();
        foreach (var p in paths)
        {
            if (File.Exists(p)) files.Add(p);
            else if (Directory.Exists(p)) files.AddRange(Directory.EnumerateFiles(p, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            else { await Console.Error.WriteLineAsync($"{p}: no such file or folder."); return Cli.Usage; }
        }

        var validator = new CsafValidator(CsafReferenceData.Default, new CsafValidatorOptions { Optional = !noOptional, Informative = !noInformative, SkipTests = skip.ToHashSet(StringComparer.Ordinal) });
        var reports = new List<FileReport>();
        var anyError = false;
        foreach (var file in files)
        {
            ct.ThrowIfCancellationRequested();
            var bytes = await File.ReadAllBytesAsync(file, ct);
            var report = validator.Validate(bytes, CsafReader.DefaultMaxBytes);
            anyError |= !report.IsValid;
            var entry = new FileReport(file, report.IsValid,
                report.Errors.Select(Describe).ToList(), report.Warnings.Select(Describe).ToList(),
                report.NotRun.Select(r => new NotRunTest(r.TestId, r.Reason ?? "not run")).ToList());
            reports.Add(entry);
            if (!asJson) WriteText(entry);
        }

        if (asJson) Console.Out.WriteLine(JsonSerializer.Serialize(reports, Json));
        else Console.Out.WriteLine($"{reports.Count(r => r.Valid)} of {reports.Count} files valid; {reports.Sum(r => r.Errors.Count)} errors, {reports.Sum(r => r.Warnings.Count)} warnings.");
        return anyError ? Cli.Rejected : Cli.Ok;
    }

    private static void WriteText(FileReport r)
    {
        Console.Out.WriteLine($"{r.File}: {(r.Valid ? "valid" : "invalid")} ({r.Errors.Count} errors, {r.Warnings.Count} warnings)");
        foreach (var f in r.Errors) Console.Out.WriteLine($"  error {f.TestId} {f.Path}: {f.Message}");
        foreach (var f in r.Warnings) Console.Out.WriteLine($"  warning {f.TestId} {f.Path}: {f.Message}");
        foreach (var n in r.NotRun) Console.Out.WriteLine($"  not run {n.TestId}: {n.Reason}");
    }

    private static Finding Describe(CsafTestFinding f) => new(f.TestId, f.Path, f.Message);

    private sealed record Finding(string TestId, string Path, string Message);

    private sealed record NotRunTest(string TestId, string Reason);

    private sealed record FileReport(string File, bool Valid, IReadOnlyList<Finding> Errors, IReadOnlyList<Finding> Warnings, IReadOnlyList<NotRunTest> NotRun);
}
