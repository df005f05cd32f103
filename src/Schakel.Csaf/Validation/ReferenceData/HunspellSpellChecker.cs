using System.Diagnostics;
using System.Text;

namespace Schakel.Csaf.Validation.ReferenceData;

/// <summary>
/// <see cref="ISpellChecker"/> over the <c>hunspell</c> program (Debian packages <c>hunspell</c>, <c>hunspell-en-us</c>,
/// <c>hunspell-nl</c>, …), run as a process: <c>hunspell -d DICT -l -i UTF-8</c> with the text on standard input prints
/// each misspelled word on its own line. The installed dictionaries are what <c>hunspell -D</c> lists. A BCP 47 tag maps
/// to a dictionary by language and region (<c>nl-NL</c> → <c>nl_NL</c>), else the language alone (<c>nl</c>), else the
/// language's own region (<c>de</c> → <c>de_DE</c>), else <c>en_US</c> for English, else the first dictionary of the
/// language in ordinal order. Thread-safe: each call runs its own process.
/// </summary>
public sealed class HunspellSpellChecker : ISpellChecker
{
    private readonly string program;
    private readonly IReadOnlyList<string> dictionaries;

    private HunspellSpellChecker(string program, IReadOnlyList<string> dictionaries, TimeSpan timeout)
    {
        this.program = program;
        this.dictionaries = dictionaries;
        Timeout = timeout;
    }

    /// <summary>How long one hunspell run may take before it is killed and the check fails.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The program run (a full path).</summary>
    public string Program => program;

    /// <summary>Names of the installed dictionaries, e.g. <c>en_US</c>, <c>nl_NL</c>, sorted ordinally.</summary>
    public IReadOnlyList<string> Dictionaries => dictionaries;

    /// <summary>
    /// Finds <paramref name="program"/> (default <c>hunspell</c>, looked up on <c>PATH</c> unless it is a path) and asks it
    /// for its dictionaries. Null when the program is not there or does not run, with <paramref name="reason"/> saying why.
    /// </summary>
    /// <param name="program">Program name or path.</param>
    /// <param name="timeout">Per-run limit, covering the whole run (default 10 seconds; loading a large dictionary takes about a second).</param>
    /// <param name="reason">Why no checker could be made, or null.</param>
    public static HunspellSpellChecker? TryCreate(out string? reason, string program = "hunspell", TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        var path = Locate(program);
        if (path is null)
        {
            reason = $"'{program}' is not installed (not found on PATH)";
            return null;
        }

        try
        {
            // hunspell -D prints its search path and the available dictionaries (one path a line) on standard error.
            var (_, error, exit) = Run(path, ["-D"], "", limit);
            var names = error.Split('\n')
                .SkipWhile(l => !l.StartsWith("AVAILABLE DICTIONARIES", StringComparison.Ordinal)).Skip(1)
                .TakeWhile(l => !l.StartsWith("LOADED DICTIONARY", StringComparison.Ordinal))
                .Select(l => Path.GetFileName(l.Trim())).Where(n => n.Length > 0)
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            reason = names.Count == 0 ? $"'{path}' lists no dictionaries (exit {exit})" : null;
            return new HunspellSpellChecker(path, names, limit);
        }
        catch (InvalidOperationException e)
        {
            reason = e.Message;
            return null;
        }
    }

    /// <inheritdoc />
    public bool Supports(string language) => DictionaryFor(language) is not null;

    /// <summary>The dictionary used for <paramref name="language"/> (a BCP 47 tag), or null when none is installed.</summary>
    public string? DictionaryFor(string language)
    {
        if (string.IsNullOrWhiteSpace(language) || dictionaries.Count == 0) return null;
        var parts = language.Trim().Split('-');
        var lang = parts[0].ToLowerInvariant();
        var region = parts.Skip(1).FirstOrDefault(p => p.Length == 2 && p.All(char.IsAsciiLetter))?.ToUpperInvariant();
        string[] candidates = [region is null ? "" : $"{lang}_{region}", lang, $"{lang}_{lang.ToUpperInvariant()}", lang == "en" ? "en_US" : ""];
        return candidates.FirstOrDefault(c => c.Length > 0 && dictionaries.Contains(c, StringComparer.Ordinal))
            ?? dictionaries.FirstOrDefault(d => d.StartsWith(lang + "_", StringComparison.Ordinal));
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Misspelled(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        var dictionary = DictionaryFor(language) ?? throw new InvalidOperationException($"No hunspell dictionary for '{language}' is installed.");
        if (string.IsNullOrWhiteSpace(text)) return [];
        var (output, error, exit) = Run(program, ["-d", dictionary, "-l", "-i", "UTF-8"], text, Timeout);
        if (exit != 0) throw new InvalidOperationException($"hunspell -d {dictionary} exited with {exit}: {error.Trim()}");
        // Dictionaries that allow abbreviations (nl: "bijv.") count a final full stop as part of the word; report the word.
        return output.Split('\n').Select(w => w.Trim().TrimEnd('.')).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal).ToList();
    }

    private static string? Locate(string program)
    {
        if (program.Contains(Path.DirectorySeparatorChar)) return File.Exists(program) ? Path.GetFullPath(program) : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Runs the program with <paramref name="input"/> on standard input; kills it after <paramref name="timeout"/>.</summary>
    /// <exception cref="InvalidOperationException">It could not start or timed out.</exception>
    private static (string Output, string Error, int Exit) Run(string program, IReadOnlyList<string> arguments, string input, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,

            // hunspell also searches the current directory for dictionaries; run it where no stray .dic can be.
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);

        // The dictionary is chosen with -d; the user's locale must not change how input is read or words are split.
        start.Environment["LC_ALL"] = "C.UTF-8";
        start.Environment.Remove("DICTIONARY");
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{program}' could not be started: {e.Message}", e);
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // Written on its own task: a large text blocks the write while hunspell works, and the time limit must cover
        // the whole run, not only what follows the write.
        var write = Task.Run(() =>
        {
            try
            {
                process.StandardInput.Write(input);
                process.StandardInput.Close();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // The program ended (or was killed) before reading everything; its exit code and standard error say why.
            }
        });

        if (!process.WaitForExit(timeout))
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw new InvalidOperationException($"'{program}' did not finish within {timeout.TotalSeconds:F0} s.");
        }

        process.WaitForExit();
        write.GetAwaiter().GetResult();
        return (output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult(), process.ExitCode);
    }
}
