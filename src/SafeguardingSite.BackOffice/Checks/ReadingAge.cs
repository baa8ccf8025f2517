using System.Text.RegularExpressions;

namespace SafeguardingSite.BackOffice.Checks;

/// <summary>The text measures behind the reading-age check.</summary>
public sealed record TextMeasure(int Words, int Sentences, int Syllables)
{
    /// <summary>Flesch–Kincaid grade level: US school grades, so a child of grade + 5 years can read it.</summary>
    public double Grade => Words == 0 ? 0 : (0.39 * Words / Sentences) + (11.8 * Syllables / Words) - 15.59;

    public int ReadingAge => (int)Math.Round(Math.Max(Grade, 0) + 5, MidpointRounding.AwayFromZero);
}

/// <summary>Flesch–Kincaid reading age of plain English text, counting syllables by vowel groups as most tools do.</summary>
public static partial class ReadingAge
{
    public static TextMeasure Measure(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = WordPattern().Matches(text).Select(m => m.Value).ToList();
        var sentences = Math.Max(1, SentenceEndPattern().Count(text) + (EndsWithoutStop(text) ? 1 : 0));
        return new TextMeasure(words.Count, sentences, words.Sum(Syllables));
    }

    public static int Syllables(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var lower = word.ToLowerInvariant().Trim('\'');
        if (lower.Length <= 3)
        {
            return 1;
        }

        var count = VowelGroupPattern().Count(lower);

        // A final silent "e" ("make", "safe") is not a syllable, but a final consonant + "le" ("little") is.
        if (lower.EndsWith('e') && !lower.EndsWith("le", StringComparison.Ordinal) && !lower.EndsWith("ee", StringComparison.Ordinal))
        {
            count--;
        }

        // "-ed" after anything but t or d is silent ("helped", but "wanted").
        if (lower.EndsWith("ed", StringComparison.Ordinal) && lower.Length > 3 && lower[^3] is not 't' and not 'd')
        {
            count--;
        }

        return Math.Max(1, count);
    }

    private static bool EndsWithoutStop(string text)
    {
        var trimmed = text.TrimEnd();
        return trimmed.Length > 0 && WordPattern().IsMatch(trimmed) && !".!?".Contains(trimmed[^1], StringComparison.Ordinal);
    }

    [GeneratedRegex(@"[A-Za-z]+(?:'[A-Za-z]+)?")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"[.!?]+(?=\s|$)")]
    private static partial Regex SentenceEndPattern();

    [GeneratedRegex("[aeiouy]+")]
    private static partial Regex VowelGroupPattern();
}
