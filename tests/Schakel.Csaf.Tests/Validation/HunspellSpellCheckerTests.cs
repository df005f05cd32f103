using Schakel.Csaf.Validation;
using Schakel.Csaf.Validation.ReferenceData;

namespace Schakel.Csaf.Tests.Validation;

/// <summary>
/// hunspell run as a process. Needs Debian's <c>hunspell</c>, <c>hunspell-en-us</c> and <c>hunspell-nl</c> (installed by
/// .ci/run): skipped with the reason when missing, failing when CI=true.
/// </summary>
public sealed class HunspellSpellCheckerTests
{
    private static HunspellSpellChecker Checker() =>
        Assert.IsType<HunspellSpellChecker>(CsafReferenceData.Default.SpellChecker);

    [HunspellFact]
    public void Default_HunspellInstalled_ListsEnglishAndDutch()
    {
        var checker = Checker();
        Assert.Contains("en_US", checker.Dictionaries);
        Assert.Contains("nl_NL", checker.Dictionaries);
    }

    [HunspellTheory]
    [InlineData("en", "en_US")]
    [InlineData("en-US", "en_US")]
    [InlineData("EN-gb", "en_US")] // no en_GB installed: falls back within the language
    [InlineData("nl", "nl")]
    [InlineData("nl-NL", "nl_NL")]
    [InlineData("nl-BE", "nl_BE")]
    [InlineData("nl-Latn-NL", "nl_NL")]
    public void DictionaryFor_Bcp47Tag_MapsToInstalledDictionary(string tag, string expected) =>
        Assert.Equal(expected, Checker().DictionaryFor(tag));

    [HunspellTheory]
    [InlineData("tlh")]
    [InlineData("")]
    [InlineData("x-private")]
    public void Supports_NoDictionary_False(string tag) => Assert.False(Checker().Supports(tag));

    [HunspellFact]
    public void Misspelled_English_ReturnsEachMistakeOnceInOrder()
    {
        var words = Checker().Misspelled("The attaker can exploit this vulnerabilty.\nThe attaker wins.", "en");
        Assert.Equal(["attaker", "vulnerabilty"], words);
    }

    [HunspellFact]
    public void Misspelled_Dutch_UsesTheDutchDictionary()
    {
        var checker = Checker();
        Assert.Empty(checker.Misspelled("Een kwetsbaarheid in de webinterface maakt het mogelijk om willekeurige code uit te voeren.", "nl-NL"));
        Assert.Equal(["kwetsbaarhied"], checker.Misspelled("Een kwetsbaarhied.", "nl"));

        // The same Dutch sentence is full of mistakes for the English dictionary: the tag really selects the dictionary.
        Assert.NotEmpty(checker.Misspelled("Een kwetsbaarheid in de webinterface.", "en"));
    }

    [HunspellFact]
    public void Misspelled_NonAsciiText_RoundTripsUtf8()
    {
        Assert.Equal(["Zürichh"], Checker().Misspelled("Zürichh is één woord.", "nl").Where(w => w.StartsWith('Z')).ToList());
    }

    [HunspellFact]
    public void Misspelled_UnsupportedLanguage_Throws() =>
        Assert.Throws<InvalidOperationException>(() => Checker().Misspelled("text", "tlh"));

    [Fact]
    public void TryCreate_ProgramMissing_NullWithReason()
    {
        var checker = HunspellSpellChecker.TryCreate(out var reason, "hunspell-that-does-not-exist");
        Assert.Null(checker);
        Assert.Contains("not installed", reason);
    }

    [Fact]
    public void TryCreate_ProgramThatIsNotHunspell_NoDictionariesSoSupportsNothing()
    {
        // /bin/true stands in for a broken installation: it runs but lists nothing.
        var checker = HunspellSpellChecker.TryCreate(out var reason, "true");
        if (checker is null) return; // no 'true' on PATH: nothing to check here
        Assert.Empty(checker.Dictionaries);
        Assert.False(checker.Supports("en"));
        Assert.Contains("no dictionaries", reason);
    }

    [HunspellFact]
    public void Misspelled_ProgramTooSlow_ThrowsTimeout()
    {
        var slow = HunspellSpellChecker.TryCreate(out _, "hunspell", TimeSpan.FromMilliseconds(1));

        // -D itself may already exceed 1 ms; either way a timeout must surface as InvalidOperationException, never hang.
        if (slow is null) return;
        var e = Assert.Throws<InvalidOperationException>(() => slow.Misspelled(string.Join(' ', Enumerable.Repeat("word", 50_000)), "en"));
        Assert.Contains("did not finish", e.Message);
    }
}

/// <summary>Skips when hunspell with the en_US and nl dictionaries is missing, unless CI=true (then the test fails).</summary>
public sealed class HunspellFactAttribute : FactAttribute
{
    public HunspellFactAttribute()
    {
        if (!TestData.IsCi && HunspellMissing.Reason is { } reason) Skip = reason;
    }
}

/// <summary>The <see cref="HunspellFactAttribute"/> rule for theories.</summary>
public sealed class HunspellTheoryAttribute : TheoryAttribute
{
    public HunspellTheoryAttribute()
    {
        if (!TestData.IsCi && HunspellMissing.Reason is { } reason) Skip = reason;
    }
}

internal static class HunspellMissing
{
    public static string? Reason =>
        CsafReferenceData.Default.SpellChecker is HunspellSpellChecker c && c.Dictionaries.Contains("en_US") && c.Dictionaries.Contains("nl")
            ? null
            : "hunspell with the en_US and nl dictionaries is not installed (apt-get install hunspell hunspell-en-us hunspell-nl).";
}
