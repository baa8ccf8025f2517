using System.Globalization;
using System.Text;

namespace SafeguardingSite.Web.Toolkit;

/// <summary>
/// Text the PDF's built-in Helvetica can draw. The Standard 14 fonts carry no glyphs beyond their 8-bit encoding, so
/// typographic punctuation becomes its plain equivalent, accents are dropped (é to e) and anything else becomes '?'
/// rather than failing the whole download.
/// </summary>
public static class PdfText
{
    private static readonly Dictionary<char, string> Replacements = new()
    {
        ['\u2018'] = "'", ['\u2019'] = "'", ['\u201A'] = "'", ['\u2032'] = "'",
        ['\u201C'] = "\"", ['\u201D'] = "\"", ['\u201E'] = "\"", ['\u2033'] = "\"",
        ['\u2010'] = "-", ['\u2011'] = "-", ['\u2012'] = "-", ['\u2013'] = "-", ['\u2014'] = "-", ['\u2015'] = "-", ['\u2212'] = "-",
        ['\u2026'] = "...", ['\u2022'] = "-", ['\u00B7'] = "-",
        ['\u00A0'] = " ", ['\u2002'] = " ", ['\u2003'] = " ", ['\u2009'] = " ", ['\u202F'] = " ",
        ['\u00A3'] = "GBP ", ['\u20AC'] = "EUR ",
        ['\t'] = " ",
    };

    public static string ToDrawable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (Replacements.TryGetValue(c, out var replacement))
            {
                output.Append(replacement);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\u200B' or '\uFEFF' or '\u00AD')
            {
                // Accents and invisible characters carry nothing the reader needs once the base letter is drawn.
            }
            else
            {
                output.Append(c is >= ' ' and <= '~' ? c : '?');
            }
        }

        return output.ToString();
    }
}
