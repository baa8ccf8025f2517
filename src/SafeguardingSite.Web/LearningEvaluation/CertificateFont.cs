using System.Text;
using SafeguardingSite.Web.Toolkit;
using UglyToad.PdfPig.Fonts.TrueType;
using UglyToad.PdfPig.Fonts.TrueType.Parser;
using UglyToad.PdfPig.Writer;

namespace SafeguardingSite.Web.LearningEvaluation;

/// <summary>
/// DejaVu Sans, shipped inside the site (Fonts/, with its licence) so certificates draw names such as Zoë or Siân as
/// written on any machine, with no installed fonts needed. PdfPig embeds only the glyphs a document uses.
/// </summary>
public sealed class CertificateFont
{
    public static readonly CertificateFont Regular = new("DejaVuSans.ttf");
    public static readonly CertificateFont Bold = new("DejaVuSans-Bold.ttf");

    private readonly byte[] file;
    private readonly TrueTypeFont parsed;

    private CertificateFont(string name)
    {
        using var stream = typeof(CertificateFont).Assembly.GetManifestResourceStream("SafeguardingSite.Web.CertificateFonts." + name)
            ?? throw new InvalidOperationException($"The certificate font {name} is not embedded in the site.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        file = copy.ToArray();
        parsed = TrueTypeFontParser.Parse(new TrueTypeDataBytes(file));
    }

    public PdfDocumentBuilder.AddedFont AddTo(PdfDocumentBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddTrueTypeFont(file);
    }

    /// <summary>
    /// The text as the font can draw it: composed (e + combining diaeresis becomes ë), control characters as spaces,
    /// and any character the font lacks (PdfPig refuses those) approximated as the built-in fonts do, or '?'.
    /// </summary>
    public string Drawable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new StringBuilder(text.Length);
        foreach (var rune in text.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            if (Rune.IsControl(rune))
            {
                output.Append(' ');
            }
            else if (rune.IsBmp && parsed.WindowsUnicodeCMap?.CharacterCodeToGlyphIndex(rune.Value) > 0)
            {
                output.Append((char)rune.Value);
            }
            else
            {
                output.Append(rune.IsBmp ? PdfText.ToDrawable(rune.ToString()) : "?");
            }
        }

        return output.ToString();
    }
}
