using Ganss.Xss;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace SafeguardingSite.Bulletin.Editions;

/// <summary>
/// Turns the Markdown editors write in article and safety-message blocks into HTML for mail and the archive, and into
/// plain text for the mail's text part, from one parse. Raw HTML in the Markdown is shown as text, only http(s),
/// mailto and site links survive, and the result is sanitised again, so no block can carry script into a mail client.
/// </summary>
public static class EditionMarkdown
{
    private const string LinkStyle = "color:#0b4f8a;text-decoration:underline";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseSoftlineBreakAsHardlineBreak().Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>What is wrong with the Markdown for a mail, in words for the editor; empty when it is fine.</summary>
    public static IReadOnlyList<string> Problems(string? markdown)
    {
        if (string.IsNullOrEmpty(markdown))
        {
            return [];
        }

        var document = Markdown.Parse(markdown, Pipeline);
        var problems = new List<string>();
        if (document.Descendants<LinkInline>().Any(l => l.IsImage))
        {
            problems.Add("Images cannot be used in the e-bulletin; link to the page that shows them instead.");
        }

        if (document.Descendants<LinkInline>().Any(l => !l.IsImage && !IsSafeUrl(l.Url)) || document.Descendants<AutolinkInline>().Any(l => !l.IsEmail && !IsSafeUrl(l.Url)))
        {
            problems.Add("Links must be https:// or http:// addresses, email addresses (mailto:) or site paths starting with /.");
        }

        return problems;
    }

    /// <summary>
    /// HTML for the body. <paramref name="baseUrl"/> makes site paths absolute (mail has no page to be relative to);
    /// <paramref name="inlineStyles"/> adds the inline styles mail clients need, which the site's own CSP would refuse.
    /// </summary>
    public static string Html(string markdown, string? baseUrl, bool inlineStyles)
    {
        var document = Prepare(markdown, baseUrl);
        if (inlineStyles)
        {
            foreach (var block in document.Descendants<Block>())
            {
                var style = block switch
                {
                    HeadingBlock => "font-size:18px;margin:16px 0 8px",
                    ParagraphBlock => "margin:0 0 12px",
                    ListBlock => "margin:0 0 12px;padding-left:24px",
                    QuoteBlock => "margin:0 0 12px;padding-left:12px;border-left:4px solid #6f777b",
                    _ => null,
                };
                if (style is not null)
                {
                    block.GetAttributes().AddProperty("style", style);
                }
            }

            foreach (var link in document.Descendants<LinkInline>())
            {
                link.GetAttributes().AddProperty("style", LinkStyle);
            }

            foreach (var link in document.Descendants<AutolinkInline>())
            {
                link.GetAttributes().AddProperty("style", LinkStyle);
            }
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return Sanitizer.Sanitize(writer.ToString());
    }

    /// <summary>The same body as plain text, with each link's address written after its words.</summary>
    public static string Text(string markdown, string? baseUrl)
    {
        var document = Prepare(markdown, baseUrl);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            link.InsertAfter(new LiteralInline($" ({link.Url})"));
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer) { EnableHtmlForBlock = false, EnableHtmlForInline = false, EnableHtmlEscape = false };
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString().Trim();
    }

    private static MarkdownDocument Prepare(string markdown, string? baseUrl)
    {
        var document = Markdown.Parse(markdown ?? string.Empty, Pipeline);
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            // The edition's title is the h1 and each block's heading an h2, so headings inside a body start at h3.
            heading.Level = Math.Min(6, Math.Max(3, heading.Level + 2));
        }

        foreach (var link in document.Descendants<LinkInline>())
        {
            link.Url = link.IsImage || !IsSafeUrl(link.Url) ? null : Absolute(link.Url!, baseUrl);
        }

        return document;
    }

    private static string Absolute(string url, string? baseUrl) =>
        baseUrl is not null && url.StartsWith('/') ? baseUrl.TrimEnd('/') + url : url;

    private static bool IsSafeUrl(string? url) =>
        url is { Length: > 0 and <= BulletinLimits.Url }
        && ((url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
            || (Uri.TryCreate(url, UriKind.Absolute, out var absolute)
                && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeMailto)));

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto" })
        {
            sanitizer.AllowedSchemes.Add(scheme);
        }

        sanitizer.AllowedTags.Remove("img");
        return sanitizer;
    }
}
