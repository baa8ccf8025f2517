using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeguardingSite.BackOffice.Audit;
using SafeguardingSite.BackOffice.Data;
using SafeguardingSite.Platform.Commands;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.BackOffice;

public class FirstAdministratorTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_command_creates_an_administrator_whose_one_time_link_sets_the_password(DatabaseProvider provider)
    {
        await using var site = await BackOfficeTestSite.StartAsync(provider);
        var command = site.Service<IEnumerable<ISiteCommand>>().Single(c => c.Name == "user create-admin");
        var output = new StringWriter();

        Assert.Equal(0, await command.RunAsync(["lead@northdale-scp.example", "Lead", "Officer"], output, CancellationToken.None));
        var link = new Uri(BackOfficeTestSite.LinkIn(output.ToString()));
        Assert.DoesNotContain("password:", output.ToString(), StringComparison.OrdinalIgnoreCase);

        // No password exists until the link is used: signing in is impossible.
        using var before = site.NewClient();
        var refused = await before.SubmitAsync("/umbraco/login", "/umbraco/login", new() { ["Email"] = "lead@northdale-scp.example", ["Password"] = BackOfficeTestSite.GoodPassword });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        using var client = site.NewClient();
        var set = await client.SubmitAsync(link.PathAndQuery, "/umbraco/set-password", await SetPasswordFieldsAsync(client, link.PathAndQuery, BackOfficeTestSite.GoodPassword));
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);

        // The link works once.
        var again = await client.SubmitAsync(link.PathAndQuery, "/umbraco/set-password", await SetPasswordFieldsAsync(client, link.PathAndQuery, "another-long-passphrase"));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("expired or has already been used", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var admin = await site.SignInAsync("lead@northdale-scp.example");
        var dashboard = await admin.GetPageAsync("/umbraco");
        Assert.Contains("Welcome, Lead Officer", dashboard, StringComparison.Ordinal);
        Assert.Contains("href=\"/umbraco/users\"", dashboard, StringComparison.Ordinal);

        // A second administrator with the same address is refused.
        Assert.Equal(1, await command.RunAsync(["LEAD@northdale-scp.example"], new StringWriter(), CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, (await site.NewClient().GetAsync("/umbraco/install")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_install_screen_creates_the_first_administrator_and_then_disappears(DatabaseProvider provider)
    {
        await using var site = await BackOfficeTestSite.StartAsync(provider);
        using var client = site.NewClient();

        var weak = await client.SubmitAsync("/umbraco/install", "/umbraco/install", new()
        {
            ["DisplayName"] = "<script>alert(1)</script>",
            ["Email"] = "first@northdale-scp.example",
            ["Password"] = "password1234",
            ["ConfirmPassword"] = "password1234",
        });
        var html = await weak.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("too easy to guess", html, StringComparison.Ordinal);
        Assert.Contains("value=\"first@northdale-scp.example\"", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("password1234", html, StringComparison.Ordinal);

        var shortPassword = await client.SubmitAsync("/umbraco/install", "/umbraco/install", new()
        {
            ["DisplayName"] = "First", ["Email"] = "first@northdale-scp.example", ["Password"] = "short", ["ConfirmPassword"] = "short",
        });
        Assert.Contains("at least 12 characters", await shortPassword.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var created = await client.SubmitAsync("/umbraco/install", "/umbraco/install", new()
        {
            ["DisplayName"] = "First Admin", ["Email"] = "first@northdale-scp.example",
            ["Password"] = BackOfficeTestSite.GoodPassword, ["ConfirmPassword"] = BackOfficeTestSite.GoodPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("Welcome, First Admin", await client.GetPageAsync("/umbraco"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/umbraco/install")).StatusCode);
        var token = BrowserClient.TokenIn(await client.GetPageAsync("/umbraco/users/new"));
        var second = await client.Http.PostAsync("/umbraco/install", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["DisplayName"] = "Intruder", ["Email"] = "intruder@example.org", ["Password"] = BackOfficeTestSite.GoodPassword,
            ["ConfirmPassword"] = BackOfficeTestSite.GoodPassword, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);

        await using var db = await site.Service<IDbContextFactory<BackOfficeDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Users.CountAsync());
        Assert.True(await db.Audit.AnyAsync(a => a.Action == AuditActions.Installed && a.Actor == "first@northdale-scp.example"));
    }

    internal static async Task<Dictionary<string, string>> SetPasswordFieldsAsync(BrowserClient client, string linkPath, string password)
    {
        var html = await client.GetPageAsync(linkPath);
        string Hidden(string name) => System.Net.WebUtility.HtmlDecode(
            System.Text.RegularExpressions.Regex.Match(html, $"name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value);
        return new()
        {
            ["User"] = Hidden("User"), ["Purpose"] = Hidden("Purpose"), ["Token"] = Hidden("Token"),
            ["Password"] = password, ["ConfirmPassword"] = password,
        };
    }
}
