using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Content.Media;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Content.Services;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Search;
using SafeguardingSite.Testing;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace SafeguardingSite.IntegrationTests.Search;

/// <summary>A started site with the demo content (the real document types, synonyms included) and its search index.</summary>
public sealed class SearchTestSite : IAsyncDisposable
{
    public const string User = "search-tests";
    private static readonly Guid ResourcesKey = Guid.Parse("8806990e-f736-59f7-bb95-d4192bf648dd");
    private static readonly Guid HomeKey = Guid.Parse("d8d83c6f-fe86-595f-b04b-fc7239975eef");

    private SearchTestSite(TestDatabase database, SiteHost site, string indexFolder)
    {
        Database = database;
        Site = site;
        IndexFolder = indexFolder;
    }

    public TestDatabase Database { get; }
    public SiteHost Site { get; }
    public string IndexFolder { get; }
    public SiteSearchIndex Index => Site.Services.GetRequiredService<SiteSearchIndex>();
    public ContentService Content => Site.Services.GetRequiredService<ContentService>();
    public PublishedSnapshot Snapshot => Site.Services.GetRequiredService<IPublishedSnapshotAccessor>().Current;

    /// <param name="beforeStart">Runs against the empty index folder before the site starts, e.g. to plant a damaged index.</param>
    public static async Task<SearchTestSite> StartAsync(DatabaseProvider provider, Action<string>? beforeStart = null, Action<IServiceCollection>? services = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var indexFolder = Path.Combine(Path.GetTempPath(), "safeguarding-search-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(indexFolder);
        beforeStart?.Invoke(indexFolder);
        var site = new SiteHost(database, importDemoContent: true, new Dictionary<string, string?> { ["Search:IndexFolder"] = indexFolder });
        if (services is not null)
        {
            site.WithServices(services);
        }

        _ = site.Server;
        var search = new SearchTestSite(database, site, indexFolder);
        await search.WaitForIndexAsync();
        return search;
    }

    /// <summary>Waits until the index reflects the current snapshot.</summary>
    public Task WaitForIndexAsync() => Eventually.HoldsAsync(
        () => Index.State.Ready && Index.State.SnapshotSequence >= Snapshot.Sequence, TimeSpan.FromSeconds(20), "the search index to catch up");

    public async Task<Guid> UploadAsync(string fileName, byte[] content)
    {
        var media = Site.Services.GetRequiredService<MediaService>();
        var item = await media.UploadAsync(new UploadMedia(null, null, null, new MediaUpload(fileName, content)), User);
        return item.Key;
    }

    public async Task<Guid> PublishAsync(Guid parent, string documentType, string name, JsonObject values)
    {
        var page = await Content.CreateAsync(new CreateContent(parent, documentType, name, values), User);
        await Content.PublishAsync(page.Node.Key, User);
        return page.Node.Key;
    }

    public Task<Guid> PublishResourceAsync(string name, JsonObject values)
    {
        values["resourceType"] ??= "Leaflet";
        return PublishAsync(ResourcesKey, "resource", name, values);
    }

    public Task<Guid> PublishContentPageAsync(string name, string body) =>
        PublishAsync(HomeKey, "contentPage", name, new JsonObject { ["body"] = body });

    public async Task SetSynonymsAsync(string synonyms)
    {
        await Content.UpdateAsync(HomeKey, new UpdateContent(Values: new JsonObject { [SearchSynonyms.PropertyAlias] = synonyms }), User);
        await Content.PublishAsync(HomeKey, User);
    }

    public static byte[] Pdf(string text)
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(PageSize.A4);
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        page.AddText(text, 12, new PdfPoint(40, 700), font);
        return builder.Build();
    }

    /// <summary>The smallest Word document Word itself opens: the content-types manifest and one paragraph.</summary>
    public static byte[] Docx(string text)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                  <Default Extension="xml" ContentType="application/xml"/>
                  <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
                </Types>
                """);
            Write(zip, "word/document.xml", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
                  <w:body><w:p><w:r><w:t>{System.Security.SecurityElement.Escape(text)}</w:t></w:r></w:p></w:body>
                </w:document>
                """);
        }

        return output.ToArray();
    }

    private static void Write(ZipArchive zip, string name, string content)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(Encoding.UTF8.GetBytes(content));
    }

    public async ValueTask DisposeAsync()
    {
        await Site.DisposeAsync();
        await Database.DisposeAsync();
        try
        {
            Directory.Delete(IndexFolder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the folder is under the temp path.
        }
    }
}
