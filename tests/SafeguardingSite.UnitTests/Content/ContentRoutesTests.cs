using SafeguardingSite.Content.Published;

namespace SafeguardingSite.UnitTests.Content;

public class ContentRoutesTests
{
    [Theory]
    [InlineData("Parents & carers", "parents-carers")]
    [InlineData("  Safer   sleep  ", "safer-sleep")]
    [InlineData("7-minute briefing: Baby L", "7-minute-briefing-baby-l")]
    [InlineData("Café résumé", "cafe-resume")]
    [InlineData("<script>alert(1)</script>", "script-alert-1-script")]
    [InlineData("'; DROP TABLE content_nodes; --", "drop-table-content-nodes")]
    [InlineData("!!!", "page")]
    public void Names_become_safe_url_segments(string name, string expected) =>
        Assert.Equal(expected, ContentRoutes.ToSegment(name));

    [Fact]
    public void Long_names_are_cut_to_a_readable_segment()
    {
        var segment = ContentRoutes.ToSegment(string.Join(' ', Enumerable.Repeat("safeguarding", 30)));

        Assert.True(segment.Length <= 120);
        Assert.False(segment.EndsWith('-'));
    }

    [Theory]
    [InlineData("", "/")]
    [InlineData("/", "/")]
    [InlineData("About/Annual-Reports", "/about/annual-reports/")]
    [InlineData("/about/annual-reports/", "/about/annual-reports/")]
    public void Paths_compare_in_one_canonical_form(string path, string expected) =>
        Assert.Equal(expected, ContentRoutes.Normalize(path));

    [Fact]
    public void The_first_root_is_home_and_its_children_sit_directly_below_it()
    {
        var home = Guid.NewGuid();
        var section = Guid.NewGuid();
        var page = Guid.NewGuid();
        var otherRoot = Guid.NewGuid();
        var orphan = Guid.NewGuid();

        var routes = RouteTable.Compute(
        [
            new(otherRoot, null, 1, "Settings", "settings"),
            new(home, null, 0, "Home", "home"),
            new(section, home, 0, "Professionals", "professionals"),
            new(page, section, 0, "Neglect", "neglect"),
            new(orphan, Guid.NewGuid(), 0, "Below an unpublished page", "hidden"),
        ]);

        Assert.Equal("/", routes[home]);
        Assert.Equal("/professionals/", routes[section]);
        Assert.Equal("/professionals/neglect/", routes[page]);
        Assert.Equal("/settings/", routes[otherRoot]);
        Assert.False(routes.ContainsKey(orphan));
    }
}
