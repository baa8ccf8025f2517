using System.Net;
using System.Text.Json.Nodes;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.Content.Media;
using SafeguardingSite.Content.Published;
using SafeguardingSite.IntegrationTests.Media;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.BackOffice;

public class MediaLibraryScreenTests
{
    private const string WriterEmail = "writer@northdale-scp.example";
    private const string EditorEmail = "editor@northdale-scp.example";

    private static readonly Dictionary<string, string?> SmallUploads = new() { ["Media:MaxUploadBytes"] = (256 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Uploads_are_checked_by_content_and_a_failed_upload_keeps_what_was_typed(DatabaseProvider provider)
    {
        await using var site = await BackOfficeTestSite.StartAsync(provider, SmallUploads);
        await site.CreateUserAsync(WriterEmail, UserGroups.Writer);
        using var writer = await site.SignInAsync(WriterEmail);

        // A program renamed to look like a photo is refused, with the reason, and the typed name and alt text survive.
        var disguised = await writer.UploadAsync("/umbraco/media/upload", "/umbraco/media/upload",
            new() { ["name"] = "Family photo", ["altText"] = "Two parents reading to a toddler" }, TestFiles.WindowsProgram(), "family.jpg");
        var page = await disguised.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, disguised.StatusCode);
        Assert.Contains("Windows program", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Family photo\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Two parents reading to a toddler\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"#field-file\"", page, StringComparison.Ordinal);

        // An image needs alt text; markup in alt text is refused and shown back escaped, never as markup.
        var noAlt = await writer.UploadAsync("/umbraco/media/upload", "/umbraco/media/upload", new() { ["name"] = "Safer sleep" }, TestFiles.Png(40, 30), "sleep.png");
        Assert.Equal(HttpStatusCode.BadRequest, noAlt.StatusCode);
        Assert.Contains("alt text", await noAlt.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var script = await writer.UploadAsync("/umbraco/media/upload", "/umbraco/media/upload",
            new() { ["altText"] = "<script>alert('x')</script>" }, TestFiles.Png(40, 30), "sleep.png");
        var scriptPage = await script.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, script.StatusCode);
        Assert.Contains(MarkupRules.NoMarkupMessage.Split(':')[0], System.Net.WebUtility.HtmlDecode(scriptPage), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", scriptPage, StringComparison.Ordinal);

        // Too large for Media:MaxUploadBytes, and no file at all.
        var oversize = await writer.UploadAsync("/umbraco/media/upload", "/umbraco/media/upload", new(), TestFiles.Pdf(new string('x', 300 * 1024)), "big.pdf");
        Assert.Equal(HttpStatusCode.BadRequest, oversize.StatusCode);
        Assert.Contains("MB limit", await oversize.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var html = await writer.GetPageAsync("/umbraco/media/upload");
        var empty = await writer.Http.PostAsync("/umbraco/media/upload", new FormUrlEncodedContent([new("__RequestVerificationToken", BrowserClient.TokenIn(html))]));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Choose a file to upload.", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A name that tries to climb out of the media folder becomes a harmless file name under the item's own folder.
        var traversal = await writer.UploadAsync("/umbraco/media/upload", "/umbraco/media/upload",
            new() { ["name"] = "../../../etc/passwd" }, TestFiles.Pdf(), "..\\..\\leaflet.pdf");
        var item = await site.Service<MediaService>().GetAsync(MediaScreenForms.ItemIdFrom(traversal));
        Assert.NotNull(item);
        Assert.Matches("^/media/[0-9a-f]{32}/[a-z0-9-]+\\.pdf$", item.FileUrl!);
        Assert.Equal(HttpStatusCode.OK, (await writer.GetAsync(item.FileUrl!)).StatusCode);

        // Without a token the upload is refused outright.
        using var noToken = new MultipartFormDataContent { { new ByteArrayContent(TestFiles.Pdf()), "file", "x.pdf" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await writer.Http.PostAsync("/umbraco/media/upload", noToken)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Folders_list_search_filter_paging_variants_replace_where_used_and_the_recycle_bin(DatabaseProvider provider)
    {
        await using var site = await BackOfficeTestSite.StartAsync(provider);
        await site.CreateUserAsync(WriterEmail, UserGroups.Writer);
        await site.CreateUserAsync(EditorEmail, UserGroups.Editor);
        using var writer = await site.SignInAsync(WriterEmail);

        // Folders: create, then upload a photo and a leaflet into it.
        var created = await writer.SubmitAsync("/umbraco/media", "/umbraco/media/folders", new() { ["name"] = "Campaign photos" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var media = site.Service<MediaService>();
        var folder = (await media.GetChildrenAsync(null)).Single(m => m.Name == "Campaign photos");
        var badFolder = await writer.SubmitAsync("/umbraco/media", "/umbraco/media/folders", new() { ["name"] = "<b>bold</b>" });
        Assert.Equal(HttpStatusCode.BadRequest, badFolder.StatusCode);

        var photoId = MediaScreenForms.ItemIdFrom(await writer.UploadAsync($"/umbraco/media/upload?folder={folder.Key}", "/umbraco/media/upload",
            new() { ["folder"] = folder.Key.ToString(), ["altText"] = "Baby asleep on their back in a cot" }, TestFiles.Png(1280, 853), "Safe sleep.png"));
        var leafletId = MediaScreenForms.ItemIdFrom(await writer.UploadAsync("/umbraco/media/upload", "/umbraco/media/upload",
            new() { ["folder"] = folder.Key.ToString(), ["name"] = "Safer sleep leaflet" }, TestFiles.Pdf(), "leaflet.pdf"));
        var photo = (await media.GetAsync(photoId))!;
        Assert.Equal(folder.Key, photo.ParentKey);

        var list = await writer.GetPageAsync($"/umbraco/media?folder={folder.Key}");
        Assert.Contains($"src=\"{photo.FileUrl}?w=320\"", list, StringComparison.Ordinal);
        Assert.Contains("Safer sleep leaflet", list, StringComparison.Ordinal);
        var images = await writer.GetPageAsync($"/umbraco/media?folder={folder.Key}&type=Image");
        Assert.DoesNotContain("Safer sleep leaflet", images, StringComparison.Ordinal);
        var search = await writer.GetPageAsync("/umbraco/media?q=cot");
        Assert.Contains(photo.Name, search, StringComparison.Ordinal);
        Assert.DoesNotContain("Safer sleep leaflet", search, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await writer.GetAsync("/umbraco/media?q=%27%20OR%201%3D1--&sort=drop&type=x&page=-5")).StatusCode);
        for (var i = 0; i < MediaQuery.DefaultPageSize; i++)
        {
            await media.CreateFolderAsync(null, $"Folder {i:00}", "test");
        }

        var second = await writer.GetPageAsync("/umbraco/media?page=2");
        Assert.Contains("Page 2 of 2", second, StringComparison.Ordinal);
        Assert.Contains("Folder 23", second, StringComparison.Ordinal);

        // Responsive copies: allowed widths only, never enlarged, with the original's safe headers.
        var variant = await writer.GetAsync(photo.FileUrl + "?w=640");
        Assert.Equal(HttpStatusCode.OK, variant.StatusCode);
        Assert.Equal("nosniff", variant.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", variant.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("image/png", variant.Content.Headers.ContentType!.MediaType);
        var resized = MediaFileInspector.Inspect(await variant.Content.ReadAsByteArrayAsync(), "x.png");
        Assert.Equal((640, 426), (resized.Width!.Value, resized.Height!.Value));
        var notEnlarged = MediaFileInspector.Inspect(await (await writer.GetAsync(photo.FileUrl + "?w=1600")).Content.ReadAsByteArrayAsync(), "x.png");
        Assert.Equal(1280, notEnlarged.Width);
        foreach (var width in new[] { "500", "abc", "-320", "640&w=320", "99999999999" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await writer.GetAsync(photo.FileUrl + "?w=" + width)).StatusCode);
        }

        var leaflet = (await media.GetAsync(leafletId))!;
        Assert.Equal(HttpStatusCode.BadRequest, (await writer.GetAsync(leaflet.FileUrl + "?w=320")).StatusCode);
        var snapshot = site.Service<IPublishedSnapshotAccessor>().Current;
        Assert.Equal($"{photo.FileUrl}?w=320 320w, {photo.FileUrl}?w=640 640w, {photo.FileUrl}?w=1024 1024w, {photo.FileUrl} 1280w",
            ImageVariants.SrcSet(snapshot.FindMedia(photoId)!));

        // Replacing keeps the address; the copies follow the new picture.
        var replaced = await writer.UploadAsync($"/umbraco/media/{photoId}", $"/umbraco/media/{photoId}/replace", new(), TestFiles.Png(800, 800, 0x20), "new.png");
        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        Assert.Equal(photo.FileUrl, (await media.GetAsync(photoId))!.FileUrl);
        var square = MediaFileInspector.Inspect(await (await writer.GetAsync(photo.FileUrl + "?w=640")).Content.ReadAsByteArrayAsync(), "x.png");
        Assert.Equal((640, 640), (square.Width!.Value, square.Height!.Value));
        var wrongKind = await writer.UploadAsync($"/umbraco/media/{photoId}", $"/umbraco/media/{photoId}/replace", new(), TestFiles.Pdf(), "x.pdf");
        Assert.Equal(HttpStatusCode.BadRequest, wrongKind.StatusCode);

        // Editing details: alt text stays required for an image.
        var cleared = await writer.SubmitAsync($"/umbraco/media/{photoId}", $"/umbraco/media/{photoId}", new() { ["name"] = "Safe sleep", ["altText"] = " ", ["Revision"] = (await media.GetAsync(photoId))!.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.BadRequest, cleared.StatusCode);
        Assert.Contains("Describe the image", await cleared.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Where used: a page picks the photo; its page and the delete page say so.
        var page = await site.Content.CreatePageAsync("Safer sleep", values: new JsonObject { ["image"] = new JsonArray(new JsonObject { ["mediaKey"] = photoId.ToString() }) });
        var itemPage = await writer.GetPageAsync($"/umbraco/media/{photoId}");
        Assert.Contains($"href=\"/umbraco/content/{page}\"", itemPage, StringComparison.Ordinal);
        Assert.Contains("live page", itemPage, StringComparison.Ordinal);
        var confirm = await writer.GetPageAsync($"/umbraco/media/{photoId}/delete");
        Assert.Contains("1 page uses this file", confirm, StringComparison.Ordinal);
        Assert.Contains("Safer sleep", confirm, StringComparison.Ordinal);
        Assert.Empty(await site.Service<MediaUsageService>().FindUsesAsync(leafletId));

        // Deleting asks first, a folder must be empty, and the bin restores.
        var unconfirmed = await writer.SubmitAsync($"/umbraco/media/{photoId}/delete", $"/umbraco/media/{photoId}/delete", new());
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.False((await media.GetAsync(photoId))!.Trashed);
        var fullFolder = await writer.SubmitAsync($"/umbraco/media/{folder.Key}/delete", $"/umbraco/media/{folder.Key}/delete", new() { ["confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.BadRequest, fullFolder.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await writer.SubmitAsync($"/umbraco/media/{photoId}/delete", $"/umbraco/media/{photoId}/delete", new() { ["confirmed"] = "true" })).StatusCode);
        Assert.True((await media.GetAsync(photoId))!.Trashed);
        Assert.Equal(HttpStatusCode.NotFound, (await writer.GetAsync(photo.FileUrl!)).StatusCode);
        var bin = await writer.GetPageAsync("/umbraco/media/recycle-bin");
        Assert.Contains("Safe sleep", bin, StringComparison.Ordinal);
        Assert.DoesNotContain("Delete permanently", bin, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await writer.SubmitAsync("/umbraco/media/recycle-bin", $"/umbraco/media/{photoId}/restore", new())).StatusCode);
        Assert.False((await media.GetAsync(photoId))!.Trashed);
        Assert.Equal(HttpStatusCode.OK, (await writer.GetAsync(photo.FileUrl!)).StatusCode);

        // Permanent delete: only from the bin, only for editors and administrators, and the file goes too.
        await media.TrashAsync(photoId, "test");
        var writerDelete = await writer.SubmitAsync("/umbraco/media/recycle-bin", $"/umbraco/media/{photoId}/delete-permanently", new());
        Assert.Contains("/umbraco/access-denied", writerDelete.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.NotNull(await media.GetAsync(photoId));
        using var editor = await site.SignInAsync(EditorEmail);
        Assert.Contains("Delete permanently", await editor.GetPageAsync("/umbraco/media/recycle-bin"), StringComparison.Ordinal);
        var files = site.Service<MediaFileStore>();
        var stored = files.PathFor(photoId, photo.FileUrl!)!;
        Assert.True(File.Exists(stored));
        Assert.Equal(HttpStatusCode.Redirect, (await editor.SubmitAsync("/umbraco/media/recycle-bin", $"/umbraco/media/{photoId}/delete-permanently", new())).StatusCode);
        Assert.Null(await media.GetAsync(photoId));
        Assert.False(File.Exists(stored));
        Assert.False(Directory.Exists(Path.GetDirectoryName(stored)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Only_users_with_the_media_permission_reach_the_library(DatabaseProvider provider)
    {
        await using var site = await BackOfficeTestSite.StartAsync(provider);
        await site.CreateUserAsync("bulletin@northdale-scp.example", SafeguardingSite.BackOffice.Identity.BackOfficeGroups.BulletinEditor);
        using var bulletin = await site.SignInAsync("bulletin@northdale-scp.example");
        var refused = await bulletin.GetAsync("/umbraco/media");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/umbraco/access-denied", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var anonymous = site.NewClient();
        Assert.Contains("/umbraco/login", (await anonymous.GetAsync("/umbraco/media/upload")).Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
