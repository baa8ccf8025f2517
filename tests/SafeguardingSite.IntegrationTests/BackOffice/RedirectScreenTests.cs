using System.Net;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.Content.Redirects;
using SafeguardingSite.Content.Services;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.BackOffice;

public class RedirectScreenTests
{
    private const string EditorEmail = "editor@northdale-scp.example";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Editors_see_automatic_redirects_and_add_and_remove_manual_ones_that_the_public_site_serves(DatabaseProvider provider)
    {
        await using var site = await BackOfficeTestSite.StartAsync(provider);
        var neglect = await site.Content.CreatePageAsync("Neglect");
        await site.Content.Content.UpdateAsync(neglect, new UpdateContent("Neglect toolkit", null), TestSchema.User);
        await site.Content.Content.PublishAsync(neglect, TestSchema.User);
        await site.CreateUserAsync(EditorEmail, UserGroups.Editor);
        await site.CreateUserAsync("writer@northdale-scp.example", UserGroups.Writer);
        using var editor = await site.SignInAsync(EditorEmail);
        using var writer = await site.SignInAsync("writer@northdale-scp.example");
        Assert.Contains("/umbraco/access-denied", (await writer.GetAsync("/umbraco/redirects")).Headers.Location!.OriginalString, StringComparison.Ordinal);

        var list = await editor.GetPageAsync("/umbraco/redirects");
        Assert.Contains("/neglect/", list, StringComparison.Ordinal);
        Assert.Contains("/neglect-toolkit/", list, StringComparison.Ordinal);
        Assert.Contains("Automatic", list, StringComparison.Ordinal);

        // To a page: served as a 301 to wherever that page lives now.
        var toPage = await editor.SubmitAsync("/umbraco/redirects", "/umbraco/redirects", new() { ["FromPath"] = "/Leaflets/Neglect", ["TargetPage"] = neglect.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, toPage.StatusCode);
        using var reader = site.NewClient();
        var served = await reader.GetAsync("/leaflets/neglect/?utm=leaflet");
        Assert.Equal(HttpStatusCode.MovedPermanently, served.StatusCode);
        Assert.Equal("/neglect-toolkit/?utm=leaflet", served.Headers.Location!.OriginalString);

        // To an address on this site, and (ticked as external) to another https site.
        Assert.Equal(HttpStatusCode.Redirect, (await editor.SubmitAsync("/umbraco/redirects", "/umbraco/redirects", new() { ["FromPath"] = "/report", ["TargetUrl"] = "/neglect-toolkit/" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.SubmitAsync("/umbraco/redirects", "/umbraco/redirects",
            new() { ["FromPath"] = "/procedures", ["TargetUrl"] = "https://procedures.example.org/northdale", ["External"] = "true" })).StatusCode);
        Assert.Equal("/neglect-toolkit/", (await reader.GetAsync("/report/")).Headers.Location!.OriginalString);
        Assert.Equal("https://procedures.example.org/northdale", (await reader.GetAsync("/procedures")).Headers.Location!.OriginalString);
        var manual = await editor.GetPageAsync("/umbraco/redirects?kind=manual&q=proc");
        Assert.Contains("procedures.example.org", manual, StringComparison.Ordinal);
        Assert.DoesNotContain("/report/", manual, StringComparison.Ordinal);

        // Refused, each with a reason beside the field.
        var refusals = new (Dictionary<string, string> Form, string Field, string Reason)[]
        {
            (new() { ["FromPath"] = "/neglect-toolkit/", ["TargetUrl"] = "/contact/" }, "fromPath", "live page"),
            (new() { ["FromPath"] = "/", ["TargetUrl"] = "/contact/" }, "fromPath", "home page"),
            (new() { ["FromPath"] = "https://evil.example/x", ["TargetUrl"] = "/contact/" }, "fromPath", "path on this site"),
            (new() { ["FromPath"] = "/umbraco/login", ["TargetUrl"] = "/contact/" }, "fromPath", "belong to the site"),
            (new() { ["FromPath"] = "/<script>alert(1)</script>", ["TargetUrl"] = "/contact/" }, "fromPath", "path on this site"),
            (new() { ["FromPath"] = "/report/", ["TargetUrl"] = "/contact/" }, "fromPath", "already a redirect"),
            (new() { ["FromPath"] = "/old", ["TargetUrl"] = "https://evil.example/phish" }, "target", "another website"),
            (new() { ["FromPath"] = "/old", ["TargetUrl"] = "//evil.example/phish" }, "target", "https://"),
            (new() { ["FromPath"] = "/old", ["TargetUrl"] = "/\\evil.example" }, "target", "https://"),
            (new() { ["FromPath"] = "/old", ["TargetUrl"] = "javascript:alert(1)", ["External"] = "true" }, "target", "https://"),
            (new() { ["FromPath"] = "/old", ["TargetUrl"] = "http://partner.example/", ["External"] = "true" }, "target", "https://"),
            (new() { ["FromPath"] = "/old", ["TargetUrl"] = "/old/" }, "target", "its own address"),
            (new() { ["FromPath"] = "/old" }, "target", "either a page or an address"),
            (new() { ["FromPath"] = "/old", ["TargetPage"] = Guid.NewGuid().ToString() }, "target", "page that exists"),
        };
        foreach (var (form, field, reason) in refusals)
        {
            var response = await editor.SubmitAsync("/umbraco/redirects", "/umbraco/redirects", form);
            var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{form["FromPath"]}: {(int)response.StatusCode}");
            Assert.Contains(reason, html, StringComparison.Ordinal);
            Assert.Contains($"href=\"#field-{field.ToLowerInvariant()}\"", html, StringComparison.Ordinal);
            Assert.Contains($"value=\"{form["FromPath"]}\"", html, StringComparison.Ordinal); // nothing typed is lost
        }

        // A chain back to where it started is a loop.
        var redirects = site.Service<RedirectService>();
        await redirects.AddAsync(new AddRedirect("/first", null, "/second"), "test");
        var loop = await Assert.ThrowsAsync<ContentException>(() => redirects.AddAsync(new AddRedirect("/second", null, "/first/"), "test"));
        Assert.Contains("loop", loop.Message, StringComparison.Ordinal);

        // Removing: the old address is a 404 again.
        var row = (await redirects.ListAsync(new RedirectQuery("/procedures"))).Items.Single();
        Assert.Equal(HttpStatusCode.Redirect, (await editor.SubmitAsync("/umbraco/redirects", $"/umbraco/redirects/{row.Id}/remove", new())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/procedures")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.PostWithoutTokenAsync("/umbraco/redirects", new() { ["FromPath"] = "/x", ["TargetUrl"] = "/y" })).StatusCode);
    }
}
