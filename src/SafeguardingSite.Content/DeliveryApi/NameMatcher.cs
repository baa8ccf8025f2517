using System.Text.RegularExpressions;

namespace SafeguardingSite.Content.DeliveryApi;

/// <summary>
/// Umbraco's name filter: every word of the filter must begin some word of the name, ignoring case, so "saf" matches
/// "Safer sleep" and "Water safety" but not "Unsafe places".
/// </summary>
internal static partial class NameMatcher
{
    public static IReadOnlyList<string> Terms(string text) =>
        Words().Matches(text ?? string.Empty).Select(m => m.Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public static bool Matches(string name, IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var words = Words().Matches(name ?? string.Empty);
        return terms.All(term => words.Any(word => word.Value.StartsWith(term, StringComparison.OrdinalIgnoreCase)));
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Words();
}
