using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.Rendering;

/// <summary>A fresh install with the demo content: every published page renders, as a new user would see it.</summary>
public class DemoSiteTests
{
    private static readonly string[] Sections =
    [
        "/professionals/", "/parents-and-carers/", "/children-and-young-people/", "/schools-and-colleges/", "/training/",
        "/resources/", "/e-bulletin/", "/worried-about-a-child/", "/about-the-partnership/", "/news/",
    ];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_demo_page_renders_as_html_with_one_main_heading(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var site = new SiteHost(database);
        using var client = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var snapshot = site.Services.GetRequiredService<IPublishedSnapshotAccessor>().Current;
        Assert.All(Sections, path => Assert.NotNull(snapshot.FindByRoute(path)));

        var failures = new List<string>();
        foreach (var page in snapshot.All.Where(p => p.ContentTypeAlias != "errorPage"))
        {
            var response = await client.GetAsync(page.Url);
            var html = await response.Content.ReadAsStringAsync();
            var headings = html.Split("<h1").Length - 1;
            if (response.StatusCode != HttpStatusCode.OK || headings != 1 || !WebUtility.HtmlDecode(html).Contains(page.Text("heroTitle") ?? page.Name, StringComparison.Ordinal))
            {
                failures.Add($"{page.Url}: {(int)response.StatusCode}, {headings} h1");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(snapshot.All.Count >= 40, $"only {snapshot.All.Count} demo pages");

        // The same tree, headless: the Delivery API lists every page below the home page.
        using var tree = System.Text.Json.JsonDocument.Parse(
            await client.GetStringAsync("/umbraco/delivery/api/v2/content?fetch=descendants:/&take=500&sort=sortOrder:asc"));
        Assert.Equal(snapshot.All.Count - 1, tree.RootElement.GetProperty("total").GetInt32());
        Assert.Contains(tree.RootElement.GetProperty("items").EnumerateArray(),
            item => item.GetProperty("route").GetProperty("path").GetString() == "/worried-about-a-child/");
    }
}
