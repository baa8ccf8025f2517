using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Content.Hosting;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;
using static SafeguardingSite.IntegrationTests.ManagementApi.ManagementApiContext;

namespace SafeguardingSite.IntegrationTests.Media;

public class MediaLibraryTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_png_is_stored_published_and_served_inline_with_safe_headers(DatabaseProvider provider)
    {
        await using var api = await StartAsync(provider);
        var folder = IdOf(await BodyAsync(await api.Writer.PostAsJsonAsync("media/folder", new { name = "Campaign images" })));
        var png = TestFiles.Png(40, 30);
        var sequenceBefore = api.Content.Snapshot.Sequence;

        var response = await UploadAsync(api.Writer, png, "Water Safety.PNG", altText: "Children on a beach with a lifeguard", parentId: folder);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var item = await BodyAsync(response);
        Assert.Equal("Image", (string?)item["mediaType"]);
        Assert.Equal("image/png", (string?)item["mimeType"]);
        Assert.Equal(40, (int)item["width"]!);
        Assert.Equal(30, (int)item["height"]!);
        Assert.Equal(png.Length, (long)item["bytes"]!);
        var url = (string)item["url"]!;
        Assert.Equal($"/media/{IdOf(item):N}/water-safety.png", url);

        // The upload went through the change feed, so every web node's snapshot picks it up.
        Assert.True(api.Content.Snapshot.Sequence > sequenceBefore);
        var published = api.Content.Snapshot.FindMedia(IdOf(item));
        Assert.Equal(url, published?.FileUrl);
        Assert.Equal("/campaign-images/water-safety/", published?.Path);

        using var anonymous = api.ClientWith(null);
        var served = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", served.Content.Headers.ContentDisposition?.DispositionType);
        AssertSafeHeaders(served);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Writer.GetAsync($"/media/{IdOf(item):N}/other-name.png")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Documents_are_served_as_downloads(DatabaseProvider provider)
    {
        await using var api = await StartAsync(provider);
        var pdf = TestFiles.Pdf();
        var uploads = new (byte[] Content, string FileName, string Name, string Mime, string Download)[]
        {
            (pdf, "leaflet.pdf", "Safer sleep leaflet", "application/pdf", "safer-sleep-leaflet.pdf"),
            (TestFiles.Docx(), "policy.docx", "Template safeguarding policy", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "template-safeguarding-policy.docx"),
            (TestFiles.Xlsx(), "audit.xlsx", "School safeguarding audit", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "school-safeguarding-audit.xlsx"),
        };

        foreach (var upload in uploads)
        {
            var response = await UploadAsync(api.Writer, upload.Content, upload.FileName, name: upload.Name);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var item = await BodyAsync(response);
            Assert.Equal("File", (string?)item["mediaType"]);
            Assert.Null(item["width"]);

            var served = await api.Writer.GetAsync((string)item["url"]!);
            Assert.Equal(upload.Content, await served.Content.ReadAsByteArrayAsync());
            Assert.Equal(upload.Mime, served.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", served.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal(upload.Download, served.Content.Headers.ContentDisposition?.FileNameStar);
            AssertSafeHeaders(served);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Disguised_damaged_and_unlabelled_files_are_refused(DatabaseProvider provider)
    {
        await using var api = await StartAsync(provider);
        var refusals = new (byte[] Content, string FileName, string? AltText, string Field, string Reason)[]
        {
            (TestFiles.WindowsProgram(), "leaflet.pdf", null, "file", "Windows program"),
            (Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "photo.png", "x", "file", "script"),
            (Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"), "logo.svg", "x", "file", "script"),
            (TestFiles.MacroEnabledWord(), "policy.docx", null, "file", "macro"),
            (TestFiles.Pdf(), "leaflet.png", null, "file", ".pdf"),
            (TestFiles.Png(4, 4), "photo.png", null, "altText", "alt text"),
            (TestFiles.Png(4, 4), "photo.png", "   ", "altText", "alt text"),
            (TestFiles.Png(4, 4)[..16], "photo.png", "A cropped file", "file", "damaged"),
            ([], "empty.pdf", null, "file", "empty"),
        };

        foreach (var (content, fileName, altText, field, reason) in refusals)
        {
            var problem = await AssertProblemAsync(await UploadAsync(api.Writer, content, fileName, altText), HttpStatusCode.BadRequest, field);
            Assert.Contains(reason, (string?)problem["errors"]![field]![0], StringComparison.OrdinalIgnoreCase);
        }

        await AssertProblemAsync(await UploadAsync(api.Writer, TestFiles.Pdf(), "x.pdf", name: "<img src=x onerror=alert(1)>"), HttpStatusCode.BadRequest, "name");
        using var badParent = new MultipartFormDataContent { { new ByteArrayContent(TestFiles.Pdf()), "file", "x.pdf" }, { new StringContent("1 OR 1=1"), "parentId" } };
        await AssertProblemAsync(await api.Writer.PostAsync("media", badParent), HttpStatusCode.BadRequest, "parentId");
        await AssertProblemAsync(await UploadAsync(api.Writer, TestFiles.Pdf(), "x.pdf", parentId: Guid.NewGuid()), HttpStatusCode.NotFound);
        using var notMultipart = new StringContent("{}", Encoding.UTF8, "application/json");
        await AssertProblemAsync(await api.Writer.PostAsync("media", notMultipart), HttpStatusCode.BadRequest, "file");
        Assert.Empty((await BodyAsync(await api.Writer.GetAsync("media/root/children")))["items"]!.AsArray());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_upload_over_the_size_limit_is_refused(DatabaseProvider provider)
    {
        await using var api = await StartAsync(provider);
        var oversize = new byte[(20 * 1024 * 1024) + 1];
        TestFiles.Pdf().CopyTo(oversize, 0);

        var problem = await AssertProblemAsync(await UploadAsync(api.Writer, oversize, "annual-report.pdf"), HttpStatusCode.BadRequest, "file");

        Assert.Contains("20 MB", (string?)problem["errors"]!["file"]![0], StringComparison.Ordinal);
        Assert.Empty(api.Content.Snapshot.AllMedia);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Replacing_a_file_keeps_its_url(DatabaseProvider provider)
    {
        await using var api = await StartAsync(provider);
        var item = await BodyAsync(await UploadAsync(api.Writer, TestFiles.Png(10, 10, shade: 0x10), "logo.png", "Partnership logo"));
        var id = IdOf(item);
        var url = (string)item["url"]!;
        var replacement = TestFiles.Png(64, 32, shade: 0xF0);

        var replaced = await BodyAsync(await SendFileAsync(api.Writer, HttpMethod.Put, $"media/{id}/file", replacement, "new-logo.png", "Northdale partnership logo"));

        Assert.Equal(url, (string?)replaced["url"]);
        Assert.Equal(64, (int)replaced["width"]!);
        Assert.Equal("Northdale partnership logo", (string?)replaced["altText"]);
        Assert.Equal(64, api.Content.Snapshot.FindMedia(id)?.Width);
        Assert.Equal(replacement, await api.Writer.GetByteArrayAsync(url));
        await AssertProblemAsync(await SendFileAsync(api.Writer, HttpMethod.Put, $"media/{id}/file", TestFiles.Pdf(), "logo.pdf", null), HttpStatusCode.BadRequest, "file");
        Assert.Equal(replacement, await api.Writer.GetByteArrayAsync(url));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Items_are_renamed_moved_trashed_and_restored(DatabaseProvider provider)
    {
        await using var api = await StartAsync(provider);
        var leaflets = IdOf(await BodyAsync(await api.Writer.PostAsJsonAsync("media/folder", new { name = "Leaflets" })));
        var archive = IdOf(await BodyAsync(await api.Writer.PostAsJsonAsync("media/folder", new { name = "Archive" })));
        var item = await BodyAsync(await UploadAsync(api.Writer, TestFiles.Pdf(), "leaflet.pdf", parentId: leaflets));
        var id = IdOf(item);
        var url = (string)item["url"]!;

        var renamed = await BodyAsync(await api.Writer.PutAsJsonAsync($"media/{id}", new { name = "Safer sleep (2026)", revision = (int)item["revision"]! }));
        Assert.Equal("safer-sleep-2026", (string?)renamed["urlSegment"]);
        Assert.Equal(url, (string?)renamed["url"]);
        await AssertProblemAsync(await api.Writer.PutAsJsonAsync($"media/{id}", new { name = "Stale", revision = (int)item["revision"]! }), HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.OK, (await api.Writer.PostAsJsonAsync($"media/{id}/move", new { targetId = archive })).StatusCode);
        Assert.Equal("/archive/safer-sleep-2026/", api.Content.Snapshot.FindMedia(id)?.Path);
        await AssertProblemAsync(await api.Writer.PostAsJsonAsync($"media/{archive}/move", new { targetId = id }), HttpStatusCode.BadRequest, "targetId");
        Assert.Equal(id, IdOf((await BodyAsync(await api.Writer.GetAsync($"media/{archive}/children")))["items"]![0]!.AsObject()));

        await AssertProblemAsync(await api.Writer.PostAsync($"media/{archive}/trash", null), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await api.Editor.PostAsync($"media/{archive}/trash", null)).StatusCode);
        Assert.Null(api.Content.Snapshot.FindMedia(id));
        Assert.Equal(HttpStatusCode.NotFound, (await api.Writer.GetAsync(url)).StatusCode);
        var bin = await BodyAsync(await api.Writer.GetAsync("recycle-bin/media"));
        Assert.Equal(archive, IdOf(bin["items"]!.AsArray().Single()!.AsObject()));

        Assert.Equal(HttpStatusCode.OK, (await api.Editor.PostAsync($"media/{archive}/restore", null)).StatusCode);
        Assert.NotNull(api.Content.Snapshot.FindMedia(id));
        Assert.Equal(HttpStatusCode.OK, (await api.Writer.GetAsync(url)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Media_changes_reach_other_web_nodes_through_the_change_feed(DatabaseProvider provider)
    {
        await using var api = await StartAsync(provider);
        await using var otherNode = new SiteHost(api.Content.Database, importDemoContent: false);
        _ = otherNode.Server;
        var follower = otherNode.Services.GetRequiredService<ChangeFeedFollower>();
        PublishedSnapshot OtherSnapshot() => otherNode.Services.GetRequiredService<IPublishedSnapshotAccessor>().Current;

        var item = await BodyAsync(await UploadAsync(api.Writer, TestFiles.Png(8, 8), "poster.png", "Safeguarding week poster"));
        await follower.PollOnceAsync(CancellationToken.None);
        Assert.Equal((string?)item["url"], OtherSnapshot().FindMedia(IdOf(item))?.FileUrl);

        await api.Editor.PostAsync($"media/{IdOf(item)}/trash", null);
        await follower.PollOnceAsync(CancellationToken.None);
        Assert.Null(OtherSnapshot().FindMedia(IdOf(item)));
    }

    private static void AssertSafeHeaders(HttpResponseMessage served)
    {
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.StartsWith("default-src 'none'", served.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content, string fileName, string? altText = null, string? name = null, Guid? parentId = null) =>
        SendFileAsync(client, HttpMethod.Post, "media", content, fileName, altText, name, parentId);

    private static Task<HttpResponseMessage> SendFileAsync(
        HttpClient client, HttpMethod method, string url, byte[] content, string fileName, string? altText, string? name = null, Guid? parentId = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        foreach (var (field, value) in new[] { ("altText", altText), ("name", name), ("parentId", parentId?.ToString()) })
        {
            if (value is not null)
            {
                form.Add(new StringContent(value), field);
            }
        }

        return client.SendAsync(new HttpRequestMessage(method, url) { Content = form });
    }
}
