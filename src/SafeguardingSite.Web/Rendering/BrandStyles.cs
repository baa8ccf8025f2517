using System.Globalization;
using System.Text;
using SafeguardingSite.Content.Published;

namespace SafeguardingSite.Web.Rendering;

/// <summary>
/// The partnership's colours, set by editors on the home page, as CSS custom properties served from /brand.css (an
/// inline style would need the Content-Security-Policy loosened). A colour that would fail WCAG AA contrast against
/// white text is ignored, so branding can never make the site unreadable.
/// </summary>
public static class BrandStyles
{
    public const double MinimumContrast = 4.5;

    public static string Css(PublishedContent? home)
    {
        var css = new StringBuilder(":root {");
        foreach (var (property, variable) in new[] { ("brandColour", "--brand"), ("accentColour", "--accent") })
        {
            if (ReadableOnWhite(home?.Text(property)) is { } colour)
            {
                css.Append(CultureInfo.InvariantCulture, $" {variable}: {Hex(colour)};");
                if (variable == "--brand")
                {
                    css.Append(CultureInfo.InvariantCulture, $" --brand-dark: {Hex(Darken(colour, 0.35))};");
                }
            }
        }

        return css.Append(" }\n").ToString();
    }

    /// <summary>The colour, if it is a #rrggbb value with enough contrast against white to carry white text and links.</summary>
    public static (byte R, byte G, byte B)? ReadableOnWhite(string? value)
    {
        var text = value?.Trim();
        if (text is not { Length: 7 } || text[0] != '#'
            || !int.TryParse(text.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var rgb))
        {
            return null;
        }

        var colour = ((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
        return Contrast(colour, (255, 255, 255)) >= MinimumContrast ? colour : null;
    }

    /// <summary>WCAG 2.x contrast ratio between two sRGB colours.</summary>
    public static double Contrast((byte R, byte G, byte B) a, (byte R, byte G, byte B) b)
    {
        var (lighter, darker) = (Luminance(a), Luminance(b)) is var (x, y) && x > y ? (x, y) : (y, x);
        return (lighter + 0.05) / (darker + 0.05);
    }

    private static double Luminance((byte R, byte G, byte B) colour)
    {
        static double Channel(byte value)
        {
            var c = value / 255d;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(colour.R)) + (0.7152 * Channel(colour.G)) + (0.0722 * Channel(colour.B));
    }

    private static (byte R, byte G, byte B) Darken((byte R, byte G, byte B) colour, double amount) =>
        ((byte)(colour.R * (1 - amount)), (byte)(colour.G * (1 - amount)), (byte)(colour.B * (1 - amount)));

    private static string Hex((byte R, byte G, byte B) colour) => $"#{colour.R:x2}{colour.G:x2}{colour.B:x2}";
}
