using SafeguardingSite.Content.PropertyEditors;

namespace SafeguardingSite.UnitTests.Content;

public class RichTextSanitizerTests
{
    private readonly RichTextSanitizer sanitizer = new();

    [Theory]
    [InlineData("<script>alert(1)</script><p>ok</p>", "<script")]
    [InlineData("<p onmouseover=\"x()\">ok</p>", "onmouseover")]
    [InlineData("<a href=\"javascript:alert(1)\">ok</a>", "javascript:")]
    [InlineData("<a href=\"data:text/html;base64,PHNjcmlwdD4=\">ok</a>", "data:")]
    [InlineData("<svg><script>alert(1)</script></svg>ok", "<script")]
    [InlineData("<img src=x onerror=alert(1)>ok", "onerror")]
    [InlineData("<p style=\"background:url(javascript:alert(1))\">ok</p>", "style")]
    [InlineData("<iframe src=\"https://evil.example/x\"></iframe>ok", "evil.example")]
    [InlineData("<iframe src=\"http://www.youtube.com/embed/x\"></iframe>ok", "iframe")]
    [InlineData("<object data=\"x.swf\"></object>ok", "<object")]
    public void Dangerous_markup_is_removed(string html, string forbidden)
    {
        var clean = sanitizer.Sanitize(html);

        Assert.DoesNotContain(forbidden, clean, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ok", clean);
    }

    [Fact]
    public void Ordinary_editorial_markup_survives()
    {
        const string html = "<h2>Signs</h2><ul><li><strong>Hungry</strong></li></ul><table><tbody><tr><th>Age</th></tr></tbody></table>" +
                            "<p><a href=\"https://www.gov.uk/\">GOV.UK</a> <a href=\"mailto:team@example.org\">email</a> <a href=\"tel:01632960000\">call</a></p>";

        Assert.Equal(html, sanitizer.Sanitize(html));
    }

    [Fact]
    public void Video_embeds_from_known_hosts_are_kept_with_a_title()
    {
        var clean = sanitizer.Sanitize("<iframe src=\"https://player.vimeo.com/video/1\"></iframe>");

        Assert.Contains("player.vimeo.com/video/1", clean);
        Assert.Contains("title=\"Embedded video\"", clean);
    }
}
