using Ganss.Xss;

namespace SafeguardingSite.Content.PropertyEditors;

/// <summary>
/// Rich text is stored as a documented, safe HTML subset whatever the editor sends: no script, no event handlers,
/// no javascript: links. Embedded video is allowed only from the two hosts editors actually use.
/// </summary>
public sealed class RichTextSanitizer
{
    private static readonly string[] EmbedHosts = ["www.youtube-nocookie.com", "www.youtube.com", "player.vimeo.com"];
    private readonly HtmlSanitizer sanitizer;

    public RichTextSanitizer()
    {
        sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto", "tel" })
        {
            sanitizer.AllowedSchemes.Add(scheme);
        }

        sanitizer.AllowedTags.Add("iframe");
        sanitizer.AllowedTags.Add("figure");
        sanitizer.AllowedTags.Add("figcaption");
        sanitizer.AllowedAttributes.Add("allowfullscreen");
        sanitizer.AllowedAttributes.Add("loading");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.RemovingTag += (_, e) =>
        {
            if (e.Tag.TagName.Equals("iframe", StringComparison.OrdinalIgnoreCase))
            {
                e.Cancel = false;
            }
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement element && element.TagName.Equals("iframe", StringComparison.OrdinalIgnoreCase))
            {
                var src = element.GetAttribute("src");
                if (src is null || !Uri.TryCreate(src, UriKind.Absolute, out var uri) || uri.Scheme != "https" || !EmbedHosts.Contains(uri.Host))
                {
                    element.Remove();
                }
                else if (string.IsNullOrWhiteSpace(element.GetAttribute("title")))
                {
                    element.SetAttribute("title", "Embedded video");
                }
            }
        };
    }

    public string Sanitize(string html) => sanitizer.Sanitize(html ?? string.Empty);
}
