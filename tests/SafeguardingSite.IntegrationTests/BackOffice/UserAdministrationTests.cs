using System.Net;
using System.Text.RegularExpressions;
using SafeguardingSite.BackOffice.Audit;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.BackOffice;

public class UserAdministrationTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_administrator_invites_a_writer_limited_to_a_section_who_sets_a_password_from_the_email(DatabaseProvider provider)
    {
        await using var site = await BackOfficeTestSite.StartAsync(provider);
        var schools = await site.Content.CreatePageAsync("Schools and colleges");
        await site.CreateUserAsync("admin@northdale-scp.example", UserGroups.Administrator);
        using var admin = await site.SignInAsync("admin@northdale-scp.example");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/umbraco/jobs")).StatusCode);

        var form = await admin.GetPageAsync("/umbraco/users/new");
        Assert.Contains("Schools and colleges", form, StringComparison.Ordinal);
        var invited = await admin.SubmitAsync("/umbraco/users/new", "/umbraco/users/new",
            new() { ["DisplayName"] = "Sam Schools", ["Email"] = "sam@northdale-scp.example" },
            [new("Groups", UserGroups.Writer), new("StartNodes", schools.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var list = await admin.GetPageAsync("/umbraco/users");
        Assert.Contains("Invited Sam Schools", list, StringComparison.Ordinal);
        Assert.Contains("Invited", list, StringComparison.Ordinal);

        var mail = await site.Mail.WaitForMessageAsync(m => m.EnvelopeTo.Contains("sam@northdale-scp.example"), TimeSpan.FromSeconds(20));
        var link = new Uri(BackOfficeTestSite.LinkIn(mail.TextBody));
        using var sam = site.NewClient();
        var fields = await FirstAdministratorTests.SetPasswordFieldsAsync(sam, link.PathAndQuery, "blue-heron-morning-tide");
        Assert.Equal(HttpStatusCode.Redirect, (await sam.SubmitAsync(link.PathAndQuery, "/umbraco/set-password", fields)).StatusCode);
        using var signedIn = await site.SignInAsync("sam@northdale-scp.example", "blue-heron-morning-tide");
        var dashboard = await signedIn.GetPageAsync("/umbraco");
        Assert.DoesNotContain("href=\"/umbraco/users\"", dashboard, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await signedIn.GetAsync("/umbraco/audit")).StatusCode);

        // Disabling the user refuses their next sign-in with the usual message.
        var id = Regex.Match(list, "href=\"/umbraco/users/([0-9a-f-]{36})\">Sam Schools").Groups[1].Value;
        var disabled = await admin.SubmitAsync($"/umbraco/users/{id}", $"/umbraco/users/{id}",
            new() { ["DisplayName"] = "Sam Schools", ["Disabled"] = "true" }, [new("Groups", UserGroups.Writer)]);
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        var refused = await site.NewClient().SubmitAsync("/umbraco/login", "/umbraco/login",
            new() { ["Email"] = "sam@northdale-scp.example", ["Password"] = "blue-heron-morning-tide" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var audit = await admin.GetPageAsync("/umbraco/audit");
        foreach (var action in new[] { AuditActions.UserInvited, AuditActions.PasswordSet, AuditActions.UserDisabled, AuditActions.SignInSucceeded, AuditActions.SignInFailed })
        {
            Assert.Contains($"<td>{action}</td>", audit, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Hostile_input_on_the_user_screens_is_refused_beside_the_field_or_shown_as_text(DatabaseProvider provider)
    {
        await using var site = await BackOfficeTestSite.StartAsync(provider);
        await site.CreateUserAsync("admin@northdale-scp.example", UserGroups.Administrator);
        using var admin = await site.SignInAsync("admin@northdale-scp.example");

        async Task<(HttpStatusCode Status, string Html)> InviteAsync(string name, string email, params string[] groups)
        {
            var response = await admin.SubmitAsync("/umbraco/users/new", "/umbraco/users/new",
                new() { ["DisplayName"] = name, ["Email"] = email }, groups.Select(g => new KeyValuePair<string, string>("Groups", g)));
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var oversize = await InviteAsync(new string('x', 5000), "long@northdale-scp.example", UserGroups.Writer);
        Assert.Equal(HttpStatusCode.BadRequest, oversize.Status);
        Assert.Contains("id=\"field-displayname-error\"", oversize.Html, StringComparison.Ordinal);
        Assert.Contains("value=\"long@northdale-scp.example\"", oversize.Html, StringComparison.Ordinal);

        var sqlish = await InviteAsync("Robert'); DROP TABLE backoffice_users;--", "x' OR '1'='1@example.org", UserGroups.Writer);
        Assert.Equal(HttpStatusCode.BadRequest, sqlish.Status);
        Assert.Contains("id=\"field-email-error\"", sqlish.Html, StringComparison.Ordinal);
        Assert.Contains("Robert&#x27;); DROP TABLE backoffice_users;--", sqlish.Html, StringComparison.Ordinal);

        var madeUpGroup = await InviteAsync("Someone", "someone@northdale-scp.example", "Superusers");
        Assert.Equal(HttpStatusCode.BadRequest, madeUpGroup.Status);
        Assert.Contains("Choose groups from the list.", madeUpGroup.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await InviteAsync("Someone", "someone@northdale-scp.example")).Status);

        var script = await InviteAsync("<script>alert('x')</script>", "script@northdale-scp.example", UserGroups.Writer);
        Assert.Equal(HttpStatusCode.Redirect, script.Status);
        var list = await admin.GetPageAsync("/umbraco/users");
        Assert.DoesNotContain("<script>alert", list, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", list, StringComparison.Ordinal);

        var duplicate = await InviteAsync("Again", "SCRIPT@northdale-scp.example", UserGroups.Writer);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.Status);
        Assert.Contains("There is already a user with this email address.", duplicate.Html, StringComparison.Ordinal);

        // Forms without their antiforgery token are refused, as is a bad page number or an unknown user.
        var forged = await admin.PostWithoutTokenAsync("/umbraco/users/new", new() { ["DisplayName"] = "Forged", ["Email"] = "forged@example.org", ["Groups"] = UserGroups.Administrator });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/umbraco/audit?page=-5")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/umbraco/audit?page=999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/umbraco/users/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/umbraco/users/1%20OR%201=1")).StatusCode);

        // An administrator cannot lock themselves out.
        var me = Regex.Match(list, "href=\"/umbraco/users/([0-9a-f-]{36})\">admin<").Groups[1].Value;
        var self = await admin.SubmitAsync($"/umbraco/users/{me}", $"/umbraco/users/{me}", new() { ["DisplayName"] = "admin", ["Disabled"] = "true" }, [new("Groups", UserGroups.Editor)]);
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        var selfHtml = await self.Content.ReadAsStringAsync();
        Assert.Contains("You cannot disable your own account.", selfHtml, StringComparison.Ordinal);
        Assert.Contains("You cannot take yourself out of the Administrator group.", selfHtml, StringComparison.Ordinal);

        var groups = await admin.GetPageAsync("/umbraco/groups");
        foreach (var group in new[] { "Administrator", "Editor", "Writer", "Training administrator", "Trainer", "Bulletin editor", "Analytics reader" })
        {
            Assert.Matches($"<td><a href=\"/umbraco/groups/[^\"]+\">{group}</a></td>", groups);
        }
    }
}
