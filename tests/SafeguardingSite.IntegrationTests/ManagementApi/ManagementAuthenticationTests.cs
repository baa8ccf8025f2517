using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.Platform.Commands;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;
using static SafeguardingSite.IntegrationTests.ManagementApi.ManagementApiContext;

namespace SafeguardingSite.IntegrationTests.ManagementApi;

public class ManagementAuthenticationTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Requests_without_a_valid_key_get_401(DatabaseProvider provider)
    {
        await using var api = await StartAsync(provider);
        var issued = await api.Keys.CreateAsync("soon revoked", UserGroups.Editor, "test");
        var wrongSecret = issued.Token[..^4] + (issued.Token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        await api.Keys.RevokeAsync(issued.Record.Key, "test");

        foreach (var token in new[] { null, "nonsense", "sgk_not-a-key", wrongSecret, issued.Token })
        {
            using var client = api.ClientWith(token);
            var response = await client.GetAsync("document/root/children");
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }

        // The Delivery API's preview header is a different credential and never opens the Management API.
        using var deliveryStyle = api.ClientWith(null);
        deliveryStyle.DefaultRequestHeaders.Add("Api-Key", (await api.Keys.CreateAsync("header", UserGroups.Administrator, "test")).Token);
        await AssertProblemAsync(await deliveryStyle.GetAsync("document/root/children"), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_writer_can_create_and_update_but_not_publish(DatabaseProvider provider)
    {
        await using var api = await StartAsync(provider);
        var page = await api.CreatePageAsync(api.Writer, "Private fostering");
        var id = IdOf(page);

        var updated = await api.Writer.PutAsJsonAsync($"document/{id}", new { values = new { summary = "When a child lives with someone who is not a close relative." } });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        var publish = await api.Writer.PostAsync($"document/{id}/publish", null);
        var problem = await AssertProblemAsync(publish, HttpStatusCode.Forbidden);
        Assert.Contains("Writer", (string?)problem["detail"], StringComparison.Ordinal);
        await AssertProblemAsync(await api.Writer.PostAsync($"document/{id}/trash", null), HttpStatusCode.Forbidden);
        Assert.Null(api.Content.Snapshot.Find(id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Only_administrators_issue_and_revoke_keys(DatabaseProvider provider)
    {
        await using var api = await StartAsync(provider);
        await AssertProblemAsync(await api.Editor.GetAsync("api-key"), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await api.Writer.PostAsJsonAsync("api-key", new { name = "sneaky", group = "Administrator" }), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await api.Admin.PostAsJsonAsync("api-key", new { name = "ci", group = "Owner" }), HttpStatusCode.BadRequest, "group");

        var created = await api.Admin.PostAsJsonAsync("api-key", new { name = "migration script", group = "editor" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var issued = await BodyAsync(created);
        Assert.Equal("Editor", (string?)issued["group"]);
        var token = (string)issued["token"]!;
        Assert.StartsWith(ApiKeyService.TokenPrefix, token, StringComparison.Ordinal);

        using var migration = api.ClientWith(token);
        Assert.Equal(HttpStatusCode.OK, (await migration.GetAsync("document/root/children")).StatusCode);

        var listed = await api.Admin.GetFromJsonAsync<List<ApiKeyResponse>>("api-key");
        Assert.Contains(listed!, k => k.Name == "migration script" && k.RevokedAt is null);
        Assert.DoesNotContain(token, await (await api.Admin.GetAsync("api-key")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var revoked = await api.Admin.DeleteAsync($"api-key/{issued["id"]}");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        await AssertProblemAsync(await migration.GetAsync("document/root/children"), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_apikey_command_issues_a_usable_key_and_revokes_it(DatabaseProvider provider)
    {
        await using var api = await StartAsync(provider);
        var commands = api.Content.Site.Services.GetServices<ISiteCommand>().ToList();
        var create = commands.Single(c => c.Name == "apikey create");
        var output = new StringWriter();

        Assert.Equal(0, await create.RunAsync(["Deploy", "pipeline", "Editor"], output, CancellationToken.None));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var token = lines.Single(l => l.StartsWith(ApiKeyService.TokenPrefix, StringComparison.Ordinal));
        using var client = api.ClientWith(token);
        var page = await api.CreatePageAsync(client, "Made by the pipeline");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"document/{IdOf(page)}/publish", null)).StatusCode);

        var list = new StringWriter();
        Assert.Equal(0, await commands.Single(c => c.Name == "apikey list").RunAsync([], list, CancellationToken.None));
        var id = list.ToString().Split('\n').Select(l => l.TrimEnd()).Single(l => l.EndsWith("Deploy pipeline", StringComparison.Ordinal)).Split(' ')[0];
        Assert.DoesNotContain(token, list.ToString(), StringComparison.Ordinal);

        Assert.Equal(0, await commands.Single(c => c.Name == "apikey revoke").RunAsync([id], new StringWriter(), CancellationToken.None));
        await AssertProblemAsync(await client.GetAsync("document/root/children"), HttpStatusCode.Unauthorized);
        Assert.Equal(1, await create.RunAsync(["x", "Owner"], new StringWriter(), CancellationToken.None));
    }
}
