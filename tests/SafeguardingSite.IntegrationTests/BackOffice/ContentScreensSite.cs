using System.Net;
using System.Text.RegularExpressions;
using SafeguardingSite.BackOffice.Audit;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.BackOffice;

/// <summary>
/// One back-office site per database provider, shared by the tests of a class (each test makes its own pages and users),
/// so the content-screen tests start two hosts rather than two per test.
/// </summary>
public sealed partial class ContentScreensSite() : SitesPerProvider<BackOfficeTestSite>(provider => BackOfficeTestSite.StartAsync(provider))
{
    /// <summary>A new user of the group (optionally limited to branches), signed in.</summary>
    internal static async Task<BrowserClient> SignInNewAsync(BackOfficeTestSite site, string group, IReadOnlyCollection<Guid>? startNodes = null)
    {
        var email = $"{group.Replace(" ", "-", StringComparison.Ordinal).ToLowerInvariant()}-{Guid.NewGuid():N}@northdale-scp.example";
        await site.CreateUserAsync(email, group, startNodes);
        return await site.SignInAsync(email);
    }

    internal static Task<BrowserClient> EditorAsync(BackOfficeTestSite site) => SignInNewAsync(site, UserGroups.Editor);

    /// <summary>The key a create or copy redirected to.</summary>
    internal static Guid RedirectedKey(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)response.StatusCode}");
        var match = KeyInPath().Match(response.Headers.Location!.OriginalString);
        Assert.True(match.Success, response.Headers.Location.OriginalString);
        return Guid.Parse(match.Groups[1].Value);
    }

    internal static async Task<IReadOnlyList<AuditRecord>> AuditAsync(BackOfficeTestSite site, string action) =>
        [.. (await site.Service<BackOfficeAudit>().ListAsync(1)).Records.Where(r => r.Action == action)];

    [GeneratedRegex("/umbraco/content/([0-9a-f-]{36})")]
    private static partial Regex KeyInPath();
}
