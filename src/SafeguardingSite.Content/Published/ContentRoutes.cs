using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SafeguardingSite.Content.Published;

/// <summary>How names become URL segments and how paths are compared.</summary>
public static partial class ContentRoutes
{
    /// <summary>Lower-case, with a leading and trailing slash, e.g. "/about/annual-reports/".</summary>
    public static string Normalize(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "/";
        }

        var trimmed = path.Trim().Trim('/');
        return trimmed.Length == 0 ? "/" : "/" + trimmed.ToLowerInvariant() + "/";
    }

    /// <summary>"Parents & carers: safer sleep" becomes "parents-carers-safer-sleep".</summary>
    public static string ToSegment(string name)
    {
        var decomposed = (name ?? string.Empty).Normalize(NormalizationForm.FormD);
        var ascii = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                ascii.Append(c);
            }
        }

        var segment = NonWordRun().Replace(ascii.ToString().ToLowerInvariant(), "-").Trim('-');
        if (segment.Length > 120)
        {
            segment = segment[..120].TrimEnd('-');
        }

        return segment.Length == 0 ? "page" : segment;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWordRun();
}
