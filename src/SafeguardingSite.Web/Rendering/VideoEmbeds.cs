namespace SafeguardingSite.Web.Rendering;

/// <summary>Turns a YouTube or Vimeo page address into its privacy-friendly player address.</summary>
public static class VideoEmbeds
{
    public static string? EmbedUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            return null;
        }

        var host = uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host;
        var id = host.ToLowerInvariant() switch
        {
            "youtube.com" when uri.AbsolutePath == "/watch" => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query).TryGetValue("v", out var v) ? v.ToString() : null,
            "youtube.com" when uri.AbsolutePath.StartsWith("/embed/", StringComparison.Ordinal) => uri.AbsolutePath[7..],
            "youtu.be" => uri.AbsolutePath.Trim('/'),
            "vimeo.com" => uri.AbsolutePath.Trim('/'),
            _ => null,
        };
        if (string.IsNullOrEmpty(id) || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }

        return host.Contains("vimeo", StringComparison.OrdinalIgnoreCase)
            ? $"https://player.vimeo.com/video/{id}?dnt=1"
            : $"https://www.youtube-nocookie.com/embed/{id}";
    }

    public static string ProviderName(string url) =>
        url.Contains("vimeo", StringComparison.OrdinalIgnoreCase) ? "Vimeo" : "YouTube";
}
