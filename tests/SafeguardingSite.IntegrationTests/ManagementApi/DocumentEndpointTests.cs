using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;
using static SafeguardingSite.IntegrationTests.ManagementApi.ManagementApiContext;

namespace SafeguardingSite.IntegrationTests.ManagementApi;

public class DocumentEndpointTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_editor_publishes_and_the_page_appears_in_the_published_snapshot(DatabaseProvider provider)
    {
        await using var api = await StartAsync(provider);
        var id = IdOf(await api.CreatePageAsync(api.Writer, "Safer sleep", values: new() { ["summary"] = "Back to sleep, every sleep." }));
        Assert.Null(api.Content.Snapshot.Find(id));

        var response = await api.Editor.PostAsync($"document/{id}/publish", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var item = await BodyAsync(response);
        Assert.True((bool)item["state"]!["published"]!);
        Assert.Equal("/safer-sleep/", (string?)item["state"]!["url"]);
        Assert.Equal("Back to sleep, every sleep.", api.Content.Snapshot.FindByRoute("/safer-sleep/")?.Text("summary"));
        Assert.Contains(api.Content.Snapshot.Find(api.Content.HomeKey)!.Children, c => c.Key == id);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_whole_lifecycle_works_through_the_api(DatabaseProvider provider)
    {
        await using var api = await StartAsync(provider);
        var editor = api.Editor;
        var section = IdOf(await api.CreatePageAsync(editor, "Professionals"));
        var first = IdOf(await api.CreatePageAsync(editor, "Neglect", section, new() { ["summary"] = "First draft" }));
        var second = IdOf(await api.CreatePageAsync(editor, "Exploitation", section));
        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsJsonAsync($"document/{section}/publish", new { includeDescendants = true })).StatusCode);
        Assert.Equal("/professionals/neglect/", api.Content.Snapshot.Find(first)?.Url);

        // Update with the revision we read; a stale revision is a conflict, not a silent overwrite.
        var current = await BodyAsync(await editor.GetAsync($"document/{first}"));
        var revision = (int)current["revision"]!;
        var saved = await editor.PutAsJsonAsync($"document/{first}", new { name = "Neglect toolkit", values = new { summary = "Second draft" }, revision });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var savedBody = await BodyAsync(saved);
        Assert.True((bool)savedBody["state"]!["hasUnpublishedChanges"]!);
        Assert.Equal("Neglect", (string?)savedBody["state"]!["publishedName"]);
        await AssertProblemAsync(await editor.PutAsJsonAsync($"document/{first}", new { name = "Lost update", revision }), HttpStatusCode.Conflict);

        await editor.PostAsync($"document/{first}/publish", null);
        Assert.Equal("/professionals/neglect-toolkit/", api.Content.Snapshot.Find(first)?.Url);

        // Sort, then move to the home page.
        var sorted = await editor.PutAsJsonAsync("document/sort", new { parentId = section, ids = new[] { second, first } });
        Assert.Equal(HttpStatusCode.OK, sorted.StatusCode);
        var children = await BodyAsync(await editor.GetAsync($"document/{section}/children?take=1"));
        Assert.Equal(2, (int)children["total"]!);
        Assert.Equal(second, IdOf(children["items"]![0]!.AsObject()));
        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsJsonAsync($"document/{first}/move", new { targetId = api.Content.HomeKey })).StatusCode);
        Assert.Equal("/neglect-toolkit/", api.Content.Snapshot.Find(first)?.Url);
        Assert.Equal(first, api.Content.Snapshot.FindRedirect("/professionals/neglect-toolkit/")?.Key);

        // Versions and rollback.
        var versions = (await editor.GetFromJsonAsync<JsonArray>($"document/{first}/versions"))!;
        Assert.Equal([2, 1], versions.Select(v => (int)v!["number"]!));
        Assert.True((bool)versions[0]!["isPublished"]!);
        var rolledBack = await BodyAsync(await editor.PostAsJsonAsync($"document/{first}/rollback", new { version = 1, publish = true }));
        Assert.Equal("First draft", (string?)rolledBack["values"]!["summary"]);
        Assert.Equal("Neglect", api.Content.Snapshot.Find(first)?.Name);

        // Trash, the recycle bin, restore (unpublished), permanent delete.
        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsync($"document/{second}/trash", null)).StatusCode);
        Assert.Null(api.Content.Snapshot.Find(second));
        var bin = await BodyAsync(await editor.GetAsync("recycle-bin/document"));
        Assert.Equal(second, IdOf(bin["items"]!.AsArray().Single()!.AsObject()));
        var restored = await BodyAsync(await editor.PostAsync($"document/{second}/restore", null));
        Assert.False((bool)restored["trashed"]!);
        Assert.Equal(section, Guid.Parse((string)restored["parentId"]!));
        await AssertProblemAsync(await editor.DeleteAsync($"document/{second}"), HttpStatusCode.Conflict);
        await editor.PostAsync($"document/{second}/trash", null);
        Assert.Equal(HttpStatusCode.NoContent, (await editor.DeleteAsync($"document/{second}")).StatusCode);
        await AssertProblemAsync(await editor.GetAsync($"document/{second}"), HttpStatusCode.NotFound);

        // Schedule: publish later, and the scheduler acts when the time comes.
        await editor.PostAsync($"document/{first}/unpublish", null);
        var publishAt = api.Content.Site.Clock.GetUtcNow().AddHours(2);
        var scheduled = await BodyAsync(await editor.PutAsJsonAsync($"document/{first}/schedule", new { publishAt, expireAt = publishAt.AddDays(7) }));
        Assert.Equal(publishAt.UtcDateTime, (DateTime)scheduled["publishAt"]!);
        await AssertProblemAsync(
            await editor.PutAsJsonAsync($"document/{first}/schedule", new { publishAt, expireAt = publishAt.AddDays(-1) }), HttpStatusCode.BadRequest, "expireAt");
        api.Content.Site.Clock.Advance(TimeSpan.FromHours(3));
        await api.Content.Content.RunScheduleAsync();
        Assert.NotNull(api.Content.Snapshot.Find(first));

        // The audit trail, newest first, paged, with who did it.
        var audit = await BodyAsync(await editor.GetAsync($"document/{first}/audit?take=3"));
        var entries = audit["items"]!.AsArray();
        Assert.Equal(3, entries.Count);
        Assert.Equal("Published", (string?)entries[0]!["action"]);
        Assert.Equal("scheduler", (string?)entries[0]!["user"]);
        Assert.Equal("apikey:test editor", (string?)entries[1]!["user"]);
        var older = await BodyAsync(await editor.GetAsync($"document/{first}/audit?skip=3&take=100"));
        Assert.Equal("Created", (string?)older["items"]!.AsArray().Last()!["action"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Invalid_requests_get_400_naming_the_field(DatabaseProvider provider)
    {
        await using var api = await StartAsync(provider);
        var writer = api.Writer;
        var home = api.Content.HomeKey;
        var page = IdOf(await api.CreatePageAsync(writer, "Domestic abuse"));

        await AssertProblemAsync(await writer.PostAsJsonAsync("document", new { parentId = home, documentType = "contentPage", name = "  " }), HttpStatusCode.BadRequest, "name");
        await AssertProblemAsync(await writer.PostAsJsonAsync("document", new { parentId = home, documentType = "malware", name = "x" }), HttpStatusCode.BadRequest, "contentType");
        await AssertProblemAsync(await writer.PostAsJsonAsync("document", new { parentId = home, name = "No type" }), HttpStatusCode.BadRequest, "documentType");
        await AssertProblemAsync(await writer.PostAsJsonAsync("document", new { documentType = "home", name = "Second home" }), HttpStatusCode.BadRequest, "heroTitle");
        await AssertProblemAsync(
            await writer.PostAsJsonAsync("document", new { parentId = home, documentType = "contentPage", name = "<script>alert(1)</script>" }), HttpStatusCode.BadRequest, "name");
        await AssertProblemAsync(await writer.PutAsJsonAsync($"document/{page}", new { values = new { phone = "'; DROP TABLE content_nodes; --" } }), HttpStatusCode.BadRequest, "phone");
        await AssertProblemAsync(await writer.PutAsJsonAsync($"document/{page}", new { values = new { priority = "high" } }), HttpStatusCode.BadRequest, "priority");

        // Wrong JSON types, unknown fields, malformed and oversize bodies.
        await AssertProblemAsync(await SendJsonAsync(writer, HttpMethod.Put, $"document/{page}", """{"name": 42}"""), HttpStatusCode.BadRequest, "name");
        await AssertProblemAsync(await SendJsonAsync(writer, HttpMethod.Put, $"document/{page}", """{"revision": "latest"}"""), HttpStatusCode.BadRequest, "revision");
        await AssertProblemAsync(await SendJsonAsync(writer, HttpMethod.Put, $"document/{page}", """{"values": [1, 2]}"""), HttpStatusCode.BadRequest, "values");
        await AssertProblemAsync(await SendJsonAsync(writer, HttpMethod.Put, $"document/{page}", """{"nmae": "typo"}"""), HttpStatusCode.BadRequest, "nmae");
        await AssertProblemAsync(await SendJsonAsync(writer, HttpMethod.Put, $"document/{page}", """{"name": "unterminated"""), HttpStatusCode.BadRequest, "body");
        await AssertProblemAsync(await SendJsonAsync(writer, HttpMethod.Put, $"document/{page}", "[]"), HttpStatusCode.BadRequest, "body");
        await AssertProblemAsync(await SendJsonAsync(api.Editor, HttpMethod.Post, $"document/{page}/publish", """{"includeDescendants": "yes"}"""), HttpStatusCode.BadRequest, "includeDescendants");
        var huge = "{\"values\": {\"summary\": \"" + new string('a', 2 * 1024 * 1024) + "\"}}";
        await AssertProblemAsync(await SendJsonAsync(writer, HttpMethod.Put, $"document/{page}", huge), HttpStatusCode.BadRequest, "body");
        using var form = new StringContent("name=x", Encoding.UTF8, "application/x-www-form-urlencoded");
        await AssertProblemAsync(await writer.PutAsync($"document/{page}", form), HttpStatusCode.BadRequest, "body");
        await AssertProblemAsync(await writer.GetAsync($"document/{home}/children?take=lots"), HttpStatusCode.BadRequest, "take");
        await AssertProblemAsync(await writer.GetAsync($"document/{home}/children?skip=-1"), HttpStatusCode.BadRequest, "skip");

        // Missing things are 404, rule breaks of state are 409.
        await AssertProblemAsync(await writer.GetAsync($"document/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await writer.GetAsync("no-such-endpoint"), HttpStatusCode.NotFound);
        var orphan = IdOf(await api.CreatePageAsync(writer, "Unpublished parent"));
        var child = IdOf(await api.CreatePageAsync(writer, "Child", orphan));
        await AssertProblemAsync(await api.Editor.PostAsync($"document/{child}/publish", null), HttpStatusCode.Conflict);

        var stored = await BodyAsync(await writer.GetAsync($"document/{page}"));
        Assert.Equal("Domestic abuse", (string?)stored["name"]);
        Assert.Equal(1, (int)stored["version"]!);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_double_submitted_create_or_publish_has_one_effect(DatabaseProvider provider)
    {
        await using var api = await StartAsync(provider);
        var id = Guid.NewGuid();
        var request = new { id, parentId = api.Content.HomeKey, documentType = "contentPage", name = "Was not brought" };

        var creates = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => api.Editor.PostAsJsonAsync("document", request)));

        Assert.Single(creates, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(creates.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var children = await BodyAsync(await api.Editor.GetAsync($"document/{api.Content.HomeKey}/children"));
        Assert.Equal(1, (int)children["total"]!);

        var publishes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => api.Editor.PostAsync($"document/{id}/publish", null)));

        Assert.All(publishes, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal("/was-not-brought/", api.Content.Snapshot.Find(id)?.Url);
        Assert.Single(await api.Content.Content.GetVersionsAsync(id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Document_types_and_data_types_can_be_read(DatabaseProvider provider)
    {
        await using var api = await StartAsync(provider);
        var types = (await api.Writer.GetFromJsonAsync<JsonArray>("document-type"))!;
        Assert.Contains(types, t => (string?)t!["alias"] == "contentPage");

        var home = (await api.Writer.GetFromJsonAsync<JsonObject>("document-type/home"))!;
        Assert.True((bool)home["allowAtRoot"]!);
        Assert.Equal(["contentPage"], home["allowedChildTypes"]!.AsArray().Select(a => (string)a!));
        Assert.Contains(home["properties"]!.AsArray(), p => (string?)p!["alias"] == "heroTitle" && (bool)p["mandatory"]!);
        Assert.Equal(HttpStatusCode.OK, (await api.Writer.GetAsync($"document-type/{TestSchema.KeyFor("home")}")).StatusCode);
        await AssertProblemAsync(await api.Writer.GetAsync("document-type/nothing"), HttpStatusCode.NotFound);

        var blocks = (await api.Writer.GetFromJsonAsync<JsonObject>("data-type/pageBlocks"))!;
        Assert.Equal("Umbraco.BlockList", (string?)blocks["editorAlias"]);
        Assert.Equal("quoteBlock", (string?)blocks["configuration"]!["allowedTypes"]![0]);
        Assert.Contains((await api.Writer.GetFromJsonAsync<JsonArray>("data-type"))!, d => (string?)d!["alias"] == "richText");
    }

    private static Task<HttpResponseMessage> SendJsonAsync(HttpClient client, HttpMethod method, string url, string json) =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
}
