using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.BackOffice;

public class PermissionTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_writer_signed_in_by_cookie_cannot_publish_through_the_management_api_but_an_editor_can(DatabaseProvider provider)
    {
        await using var site = await BackOfficeTestSite.StartAsync(provider);
        var page = await site.Content.CreatePageAsync("Private fostering", publish: false);
        await site.CreateUserAsync("writer@northdale-scp.example", UserGroups.Writer);
        await site.CreateUserAsync("editor@northdale-scp.example", UserGroups.Editor);
        var publish = $"{ManagementApiRegistration.BasePath}/document/{page}/publish";

        async Task<HttpResponseMessage> PublishAsync(BrowserClient client, bool withToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, publish);
            if (withToken)
            {
                request.Headers.Add("RequestVerificationToken", BrowserClient.MetaTokenIn(await client.GetPageAsync("/umbraco")));
            }

            return await client.Http.SendAsync(request);
        }

        using var writer = await site.SignInAsync("writer@northdale-scp.example");
        Assert.Equal(HttpStatusCode.OK, (await writer.GetAsync($"{ManagementApiRegistration.BasePath}/document/{page}")).StatusCode);
        var refused = await PublishAsync(writer, withToken: true);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Writer", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(site.Content.Snapshot.Find(page));

        using var editor = await site.SignInAsync("editor@northdale-scp.example");
        // Without the antiforgery token another site could make the editor's browser do this, so it is refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await PublishAsync(editor, withToken: false)).StatusCode);
        Assert.Null(site.Content.Snapshot.Find(page));

        var published = await PublishAsync(editor, withToken: true);
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        await Eventually.HoldsAsync(() => site.Content.Snapshot.Find(page) is not null, TimeSpan.FromSeconds(10), "the page is published");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Content_permissions_can_be_limited_to_a_branch_of_the_tree(DatabaseProvider provider)
    {
        await using var site = await BackOfficeTestSite.StartAsync(provider);
        var schools = await site.Content.CreatePageAsync("Schools and colleges");
        var designatedLeads = await site.Content.CreatePageAsync("Designated safeguarding leads", schools);
        var checklist = await site.Content.CreatePageAsync("Annual checklist", designatedLeads, publish: false);
        var parents = await site.Content.CreatePageAsync("Parents and carers");

        var officer = await site.CreateUserAsync("schools@northdale-scp.example", UserGroups.Writer, [schools]);
        var editor = await site.CreateUserAsync("editor@northdale-scp.example", UserGroups.Editor);
        var permissions = site.Service<IBackOfficePermissions>();
        var officerPrincipal = await PrincipalAsync(site, officer);
        var editorPrincipal = await PrincipalAsync(site, editor);

        Assert.True(await permissions.CanAsync(officerPrincipal, BackOfficePermission.ContentEdit, schools));
        Assert.True(await permissions.CanAsync(officerPrincipal, BackOfficePermission.ContentEdit, checklist));
        Assert.False(await permissions.CanAsync(officerPrincipal, BackOfficePermission.ContentEdit, parents));
        Assert.False(await permissions.CanAsync(officerPrincipal, BackOfficePermission.ContentEdit, site.Content.HomeKey));
        Assert.False(await permissions.CanAsync(officerPrincipal, BackOfficePermission.ContentPublish, checklist));
        Assert.False(await permissions.CanAsync(officerPrincipal, BackOfficePermission.Users));
        Assert.False(await permissions.CanAsync(officerPrincipal, BackOfficePermission.ContentEdit, Guid.NewGuid()));

        Assert.True(await permissions.CanAsync(editorPrincipal, BackOfficePermission.ContentPublish, parents));
        Assert.True(await permissions.CanAsync(editorPrincipal, BackOfficePermission.ContentDelete, checklist));
        Assert.False(await permissions.CanAsync(editorPrincipal, BackOfficePermission.AnalyticsRead));
        Assert.False(await permissions.CanAsync(new System.Security.Claims.ClaimsPrincipal(), BackOfficePermission.ContentBrowse));

        // A group's start nodes apply to members that have none of their own.
        await using var scope = site.Content.Site.Services.CreateAsyncScope();
        var groups = scope.ServiceProvider.GetRequiredService<RoleManager<BackOfficeGroup>>();
        var bulletin = (await groups.FindByNameAsync(BackOfficeGroups.BulletinEditor))!;
        await groups.AddClaimAsync(bulletin, new System.Security.Claims.Claim(BackOfficeClaims.Permission, BackOfficePermission.ContentEdit));
        bulletin.StartNodeKeys = [parents];
        await groups.UpdateAsync(bulletin);
        var bulletinEditor = await site.CreateUserAsync("bulletin@northdale-scp.example", BackOfficeGroups.BulletinEditor);
        var bulletinPrincipal = await PrincipalAsync(site, bulletinEditor);
        Assert.True(await permissions.CanAsync(bulletinPrincipal, BackOfficePermission.ContentEdit, parents));
        Assert.False(await permissions.CanAsync(bulletinPrincipal, BackOfficePermission.ContentEdit, schools));
        Assert.True(await permissions.CanAsync(bulletinPrincipal, BackOfficePermission.BulletinEdit));
    }

    private static async Task<System.Security.Claims.ClaimsPrincipal> PrincipalAsync(BackOfficeTestSite site, BackOfficeUser user)
    {
        await using var scope = site.Content.Site.Services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<BackOfficeUser>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>();
        return await factory.CreateAsync((await users.FindByIdAsync(user.Id.ToString()))!);
    }
}
