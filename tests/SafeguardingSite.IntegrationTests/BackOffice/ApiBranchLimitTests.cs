using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.IntegrationTests.ManagementApi;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.BackOffice;

public class ApiBranchLimitTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_cookie_user_limited_to_a_branch_gets_403_outside_it_while_api_keys_keep_their_scope(DatabaseProvider provider)
    {
        await using var site = await BackOfficeTestSite.StartAsync(provider);
        var schools = await site.Content.CreatePageAsync("Schools and colleges");
        var leads = await site.Content.CreatePageAsync("Designated safeguarding leads", schools);
        var parents = await site.Content.CreatePageAsync("Parents and carers");
        await site.CreateUserAsync("schools@northdale-scp.example", UserGroups.Editor, [schools]);
        using var officer = await site.SignInAsync("schools@northdale-scp.example");
        var token = BrowserClient.MetaTokenIn(await officer.GetPageAsync("/umbraco"));
        var api = ManagementApiRegistration.BasePath;

        async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null)
        {
            using var request = new HttpRequestMessage(method, api + path);
            request.Headers.Add("RequestVerificationToken", token);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }

            return await officer.Http.SendAsync(request);
        }

        async Task AssertForbiddenAsync(HttpResponseMessage response)
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("sections of the site you are assigned to", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, $"/document/{leads}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Put, $"/document/{leads}", new { name = "DSL network" })).StatusCode);
        var child = await SendAsync(HttpMethod.Post, "/document", new { parentId = schools, documentType = "contentPage", name = "Termly report" });
        Assert.Equal(HttpStatusCode.Created, child.StatusCode);

        await AssertForbiddenAsync(await SendAsync(HttpMethod.Get, $"/document/{parents}"));
        await AssertForbiddenAsync(await SendAsync(HttpMethod.Get, $"/document/{site.Content.HomeKey}/children"));
        await AssertForbiddenAsync(await SendAsync(HttpMethod.Put, $"/document/{parents}", new { name = "Hijacked" }));
        await AssertForbiddenAsync(await SendAsync(HttpMethod.Post, $"/document/{parents}/publish"));
        await AssertForbiddenAsync(await SendAsync(HttpMethod.Post, $"/document/{parents}/trash"));
        await AssertForbiddenAsync(await SendAsync(HttpMethod.Post, "/document", new { parentId = parents, documentType = "contentPage", name = "Sneaky" }));
        await AssertForbiddenAsync(await SendAsync(HttpMethod.Post, "/document", new { documentType = "home", name = "Second site" }));
        await AssertForbiddenAsync(await SendAsync(HttpMethod.Post, $"/document/{leads}/move", new { targetId = parents }));
        await AssertForbiddenAsync(await SendAsync(HttpMethod.Put, "/document/sort", new { parentId = site.Content.HomeKey, ids = new[] { parents, schools } }));
        Assert.Equal("Parents and carers", (await site.Content.Content.GetAsync(parents))!.Node.Name);

        // The root's children list shows only what the user may open.
        var roots = await (await SendAsync(HttpMethod.Get, "/document/root/children")).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Empty(roots!["items"]!.AsArray());

        // An API key is not a back-office user: its group's scope is the whole tree, as before.
        var key = await site.Service<ApiKeyService>().CreateAsync("Importer", UserGroups.Editor, "test");
        using var automation = ManagementApiContext.CreateClient(site.Content, key.Token);
        Assert.Equal(HttpStatusCode.OK, (await automation.GetAsync($"document/{parents}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await automation.PutAsJsonAsync($"document/{parents}", new { name = "Parents, carers and families" })).StatusCode);

        // A user without branch limits still reaches everything.
        await site.CreateUserAsync("editor@northdale-scp.example", UserGroups.Editor);
        using var editor = await site.SignInAsync("editor@northdale-scp.example");
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync($"{api}/document/{parents}")).StatusCode);
    }
}
