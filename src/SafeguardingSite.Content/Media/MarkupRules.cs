namespace SafeguardingSite.Content.Media;

/// <summary>
/// Names and alt text are plain text shown in lists, titles and attributes: angle brackets and control characters have
/// no business there, so they are refused rather than silently stripped.
/// </summary>
public static class MarkupRules
{
    public const string NoMarkupMessage = "Use plain text: angle brackets (<, >) and control characters are not allowed.";

    public static bool ContainsMarkup(string text) =>
        text.AsSpan().IndexOfAny('<', '>') >= 0 || text.Any(char.IsControl);
}
