using System.Net;
using System.Text.RegularExpressions;
using SafeguardingSite.BackOffice.Audit;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.BackOffice;

public class SignInTests
{
    private const string FailedMessage = "The email address or password is not right.";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Anonymous_visitors_are_sent_to_the_sign_in_page_and_the_cookie_is_locked_down(DatabaseProvider provider)
    {
        await using var site = await BackOfficeTestSite.StartAsync(provider);
        using var anonymous = site.NewClient();
        foreach (var path in new[] { "/umbraco", "/umbraco/users", "/umbraco/audit", "/umbraco/account/two-factor", "/umbraco/content" })
        {
            var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/umbraco/login", response.Headers.Location!.AbsolutePath);
            Assert.Contains("returnUrl=" + Uri.EscapeDataString(path), response.Headers.Location.Query, StringComparison.Ordinal);
        }

        // The Management API still answers as an API, not with a redirect.
        var api = await anonymous.GetAsync(ManagementApiRegistration.BasePath + "/document/root/children");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/umbraco/jobs")).StatusCode);

        await site.CreateUserAsync("editor@northdale-scp.example", UserGroups.Editor);
        using var client = site.NewClient();
        var signIn = await client.SubmitAsync("/umbraco/login?returnUrl=%2Fumbraco%2Fcontent", "/umbraco/login",
            new() { ["Email"] = "editor@northdale-scp.example", ["Password"] = BackOfficeTestSite.GoodPassword, ["ReturnUrl"] = "/umbraco/content" });
        Assert.Equal("/umbraco/content", signIn.Headers.Location!.OriginalString);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("sg.backoffice=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("path=/umbraco", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain("expires=", cookie, StringComparison.Ordinal);

        // An open redirect is not followed; an editor is no administrator.
        var offsite = await site.NewClient().SubmitAsync("/umbraco/login", "/umbraco/login",
            new() { ["Email"] = "editor@northdale-scp.example", ["Password"] = BackOfficeTestSite.GoodPassword, ["ReturnUrl"] = "//evil.example/umbraco" });
        Assert.Equal("/umbraco", offsite.Headers.Location!.OriginalString);
        Assert.Equal("/umbraco/access-denied", (await client.GetAsync("/umbraco/users")).Headers.Location!.AbsolutePath);
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync("/umbraco/jobs")).StatusCode);

        // Signing out ends the session.
        var token = BrowserClient.TokenIn(await client.GetPageAsync("/umbraco"));
        await client.Http.PostAsync("/umbraco/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/umbraco")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Five_wrong_passwords_lock_the_account_without_saying_whether_it_exists(DatabaseProvider provider)
    {
        await using var site = await BackOfficeTestSite.StartAsync(provider);
        await site.CreateUserAsync("writer@northdale-scp.example", UserGroups.Writer);
        using var client = site.NewClient();

        async Task<string> TryAsync(string email, string password)
        {
            var response = await client.SubmitAsync("/umbraco/login", "/umbraco/login", new() { ["Email"] = email, ["Password"] = password });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        var unknown = await TryAsync("nobody@northdale-scp.example", "whatever-it-is-123");
        Assert.Contains(FailedMessage, unknown, StringComparison.Ordinal);
        Assert.Contains("value=\"nobody@northdale-scp.example\"", unknown, StringComparison.Ordinal);
        Assert.DoesNotContain("whatever-it-is-123", unknown, StringComparison.Ordinal);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            Assert.Contains(FailedMessage, await TryAsync("writer@northdale-scp.example", "wrong-password-" + attempt), StringComparison.Ordinal);
        }

        // The right password no longer works, and the page says exactly what it says for an unknown address.
        var locked = await TryAsync("writer@northdale-scp.example", BackOfficeTestSite.GoodPassword);
        Assert.Equal(ErrorSummary(unknown), ErrorSummary(locked));

        var audit = await site.Service<BackOfficeAudit>().ListAsync(1);
        Assert.Contains(audit.Records, r => r.Action == AuditActions.LockedOut && r.Actor == "writer@northdale-scp.example");
        Assert.Equal(4, audit.Records.Count(r => r.Action == AuditActions.SignInFailed && r.Actor == "writer@northdale-scp.example"));
        Assert.Contains(audit.Records, r => r.Action == AuditActions.SignInFailed && r.Actor == "nobody@northdale-scp.example");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_password_reset_link_arrives_by_email_and_sets_a_new_password(DatabaseProvider provider)
    {
        await using var site = await BackOfficeTestSite.StartAsync(provider);
        await site.CreateUserAsync("officer@northdale-scp.example", UserGroups.Editor);
        using var client = site.NewClient();

        var unknown = await client.SubmitAsync("/umbraco/forgot-password", "/umbraco/forgot-password", new() { ["Email"] = "nobody@northdale-scp.example" });
        var known = await client.SubmitAsync("/umbraco/forgot-password", "/umbraco/forgot-password", new() { ["Email"] = "officer@northdale-scp.example" });
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(Notice(await unknown.Content.ReadAsStringAsync()), Notice(await known.Content.ReadAsStringAsync()));

        var mail = await site.Mail.WaitForMessageAsync(m => m.EnvelopeTo.Contains("officer@northdale-scp.example"), TimeSpan.FromSeconds(20));
        Assert.DoesNotContain(site.Mail.Messages, m => m.EnvelopeTo.Contains("nobody@northdale-scp.example"));
        var link = new Uri(BackOfficeTestSite.LinkIn(mail.TextBody));
        Assert.Contains("purpose=reset", link.Query, StringComparison.Ordinal);

        var fields = await FirstAdministratorTests.SetPasswordFieldsAsync(client, link.PathAndQuery, "new-lantern-river-2026");
        var mismatch = new Dictionary<string, string>(fields) { ["ConfirmPassword"] = "something-else-entirely" };
        var refused = await client.SubmitAsync(link.PathAndQuery, "/umbraco/set-password", mismatch);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("The two passwords are not the same.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var tampered = new Dictionary<string, string>(fields) { ["Token"] = fields["Token"][..^4] + "AAAA" };
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SubmitAsync(link.PathAndQuery, "/umbraco/set-password", tampered)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(link.PathAndQuery, "/umbraco/set-password", fields)).StatusCode);
        using var signedIn = await site.SignInAsync("officer@northdale-scp.example", "new-lantern-river-2026");
        var old = await site.NewClient().SubmitAsync("/umbraco/login", "/umbraco/login",
            new() { ["Email"] = "officer@northdale-scp.example", ["Password"] = BackOfficeTestSite.GoodPassword });
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_authenticator_app_adds_a_second_step_to_sign_in(DatabaseProvider provider)
    {
        await using var site = await BackOfficeTestSite.StartAsync(provider);
        await site.CreateUserAsync("careful@northdale-scp.example", UserGroups.Editor);
        using var client = await site.SignInAsync("careful@northdale-scp.example");

        var setup = await client.GetPageAsync("/umbraco/account/two-factor");
        var key = Regex.Match(setup, "<code class=\"shared-key\" id=\"shared-key\">([a-z0-9 ]+)</code>").Groups[1].Value;
        Assert.Contains("otpauth://totp/", setup, StringComparison.Ordinal);
        Assert.Matches("secret=" + key.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant(), setup);

        var wrong = await client.SubmitAsync("/umbraco/account/two-factor", "/umbraco/account/two-factor/enable", new() { ["Code"] = "000000" == BackOfficeTestSite.TotpCode(key, DateTimeOffset.UtcNow) ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);

        var enabled = await client.SubmitAsync("/umbraco/account/two-factor", "/umbraco/account/two-factor/enable", new() { ["Code"] = BackOfficeTestSite.TotpCode(key, DateTimeOffset.UtcNow) });
        var enabledPage = await enabled.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var recoveryCodes = Regex.Matches(enabledPage, "<li><code>([^<]+)</code></li>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, recoveryCodes.Count);

        // The password alone is no longer enough.
        using var second = site.NewClient();
        var password = await second.SubmitAsync("/umbraco/login", "/umbraco/login", new() { ["Email"] = "careful@northdale-scp.example", ["Password"] = BackOfficeTestSite.GoodPassword });
        Assert.Equal("/umbraco/login/two-factor", password.Headers.Location!.OriginalString.Split('?')[0]);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/umbraco")).StatusCode);
        var code = await second.SubmitAsync("/umbraco/login/two-factor", "/umbraco/login/two-factor", new() { ["Code"] = BackOfficeTestSite.TotpCode(key, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/umbraco")).StatusCode);

        // A recovery code works once instead of the app.
        using var third = site.NewClient();
        await third.SubmitAsync("/umbraco/login", "/umbraco/login", new() { ["Email"] = "careful@northdale-scp.example", ["Password"] = BackOfficeTestSite.GoodPassword });
        Assert.Equal(HttpStatusCode.Redirect, (await third.SubmitAsync("/umbraco/login/two-factor", "/umbraco/login/two-factor", new() { ["Code"] = recoveryCodes[0] })).StatusCode);
        using var fourth = site.NewClient();
        await fourth.SubmitAsync("/umbraco/login", "/umbraco/login", new() { ["Email"] = "careful@northdale-scp.example", ["Password"] = BackOfficeTestSite.GoodPassword });
        Assert.Equal(HttpStatusCode.BadRequest, (await fourth.SubmitAsync("/umbraco/login/two-factor", "/umbraco/login/two-factor", new() { ["Code"] = recoveryCodes[0] })).StatusCode);

        var audit = await site.Service<BackOfficeAudit>().ListAsync(1);
        Assert.Contains(audit.Records, r => r.Action == AuditActions.TwoFactorEnabled && r.Actor == "careful@northdale-scp.example");
        Assert.Contains(audit.Records, r => r.Action == AuditActions.RecoveryCodeUsed);
    }

    private static string ErrorSummary(string html) => Regex.Match(html, "<div class=\"error-summary\"[\\s\\S]*?</div>").Value;

    private static string Notice(string html) => Regex.Match(html, "<div class=\"notice\"[\\s\\S]*?</div>").Value;
}
