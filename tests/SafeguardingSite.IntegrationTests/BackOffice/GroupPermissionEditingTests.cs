using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.BackOffice.Audit;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.BackOffice;

public class GroupPermissionEditingTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Administrators_change_a_groups_permissions_and_branches_but_cannot_lock_everyone_out(DatabaseProvider provider)
    {
        await using var site = await BackOfficeTestSite.StartAsync(provider);
        var schools = await site.Content.CreatePageAsync("Schools and colleges");
        await site.CreateUserAsync("admin@northdale-scp.example", UserGroups.Administrator);
        await site.CreateUserAsync("writer@northdale-scp.example", UserGroups.Writer);
        using var admin = await site.SignInAsync("admin@northdale-scp.example");
        Guid GroupId(string name)
        {
            using var scope = site.Content.Site.Services.CreateScope();
            return scope.ServiceProvider.GetRequiredService<RoleManager<BackOfficeGroup>>().Roles.Single(g => g.Name == name).Id;
        }

        var writerGroup = GroupId(UserGroups.Writer);
        var groups = await admin.GetPageAsync("/umbraco/groups");
        Assert.Contains($"href=\"/umbraco/groups/{writerGroup}\"", groups, StringComparison.Ordinal);
        var edit = await admin.GetPageAsync($"/umbraco/groups/{writerGroup}");
        Assert.Contains("value=\"media.manage\" checked", edit, StringComparison.Ordinal);

        // Writers lose the media library and are limited to the schools branch.
        string[] writing = [BackOfficePermission.ContentBrowse, BackOfficePermission.ContentCreate, BackOfficePermission.ContentEdit, BackOfficePermission.ContentSubmit];
        var saved = await admin.SubmitAsync($"/umbraco/groups/{writerGroup}", $"/umbraco/groups/{writerGroup}", new(),
            [.. writing.Select(p => KeyValuePair.Create("Permissions", p)), KeyValuePair.Create("StartNodes", schools.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var writer = await site.SignInAsync("writer@northdale-scp.example");
        Assert.Contains("/umbraco/access-denied", (await writer.GetAsync("/umbraco/media")).Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync($"{ManagementApiRegistration.BasePath}/document/{site.Content.HomeKey}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await writer.GetAsync($"{ManagementApiRegistration.BasePath}/document/{schools}")).StatusCode);
        var audit = await admin.GetPageAsync("/umbraco/audit");
        Assert.Contains(AuditActions.GroupUpdated, audit, StringComparison.Ordinal);

        // Nobody could manage users any more: refused, and nothing changes.
        var administrators = GroupId(UserGroups.Administrator);
        var lockout = await admin.SubmitAsync($"/umbraco/groups/{administrators}", $"/umbraco/groups/{administrators}", new(),
            [KeyValuePair.Create("Permissions", BackOfficePermission.ContentBrowse)]);
        Assert.Equal(HttpStatusCode.BadRequest, lockout.StatusCode);
        Assert.Contains("No active user would be left", await lockout.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/umbraco/users")).StatusCode);

        // Made-up permissions and branches, and editing without being an administrator.
        var bogus = await admin.SubmitAsync($"/umbraco/groups/{writerGroup}", $"/umbraco/groups/{writerGroup}", new(),
            [KeyValuePair.Create("Permissions", "root.everything"), KeyValuePair.Create("StartNodes", Guid.NewGuid().ToString())]);
        Assert.Equal(HttpStatusCode.BadRequest, bogus.StatusCode);
        Assert.Contains("/umbraco/access-denied", (await writer.GetAsync($"/umbraco/groups/{writerGroup}")).Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/umbraco/groups/{Guid.NewGuid()}")).StatusCode);
    }
}
