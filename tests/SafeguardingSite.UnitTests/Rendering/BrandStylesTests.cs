using System.Text.Json;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Web.Rendering;

namespace SafeguardingSite.UnitTests.Rendering;

public class BrandStylesTests
{
    [Fact]
    public void Contrast_follows_the_WCAG_formula()
    {
        Assert.Equal(21, BrandStyles.Contrast((0, 0, 0), (255, 255, 255)), 2);
        Assert.Equal(1, BrandStyles.Contrast((120, 40, 200), (120, 40, 200)), 2);
        Assert.Equal(4.54, BrandStyles.Contrast((0x76, 0x76, 0x76), (255, 255, 255)), 2);
    }

    [Theory]
    [InlineData("#00566b", true)]
    [InlineData("#5B2A86", true)]
    [InlineData("#ffdd00", false)]  // yellow cannot carry white text
    [InlineData("#777777", false)]  // just under 4.5:1
    [InlineData("red", false)]
    [InlineData("#00566b;} body{display:none", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_readable_hex_colours_are_taken(string? value, bool accepted) =>
        Assert.Equal(accepted, BrandStyles.ReadableOnWhite(value) is not null);

    [Fact]
    public void The_brand_colour_and_a_darker_shade_become_custom_properties()
    {
        var css = BrandStyles.Css(Home(new() { ["brandColour"] = "#1d4f91", ["accentColour"] = "#ffff00" }));

        Assert.Contains("--brand: #1d4f91;", css, StringComparison.Ordinal);
        Assert.Contains("--brand-dark: #12335e;", css, StringComparison.Ordinal);
        Assert.DoesNotContain("--accent", css, StringComparison.Ordinal);
    }

    [Fact]
    public void No_home_page_means_the_default_colours() =>
        Assert.Equal(":root { }\n", BrandStyles.Css(null));

    private static PublishedContent Home(Dictionary<string, string> values)
    {
        var properties = values.ToDictionary(v => v.Key, v => JsonSerializer.SerializeToElement(v.Value));
        var node = new ContentNode { DocumentTypeAlias = "home", Name = "Home", UrlSegment = "home" };
        var version = new ContentVersion { Name = "Home", UrlSegment = "home", CreatedBy = "test" };
        return new PublishedContent(node, version, properties);
    }
}
