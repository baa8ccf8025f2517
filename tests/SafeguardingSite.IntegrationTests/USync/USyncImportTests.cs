using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Content.Data;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Content.Services;
using SafeguardingSite.Content.USync;
using SafeguardingSite.Platform.Commands;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.USync;

public sealed class USyncImportTests
{
    private static readonly string DemoContentFolder = Path.Combine(RepositoryPaths.USync, USyncFormat.VersionFolder, USyncFormat.ContentFolder);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task First_boot_imports_and_publishes_the_whole_demo_tree(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var site = new SiteHost(database);
        _ = site.Server;
        var snapshot = Snapshot(site);

        var files = Directory.GetFiles(DemoContentFolder, "*.config").Select(f => XDocument.Load(f).Root!).ToList();
        Assert.InRange(files.Count, 40, 120);
        Assert.Equal(files.Count, snapshot.All.Count);
        foreach (var file in files)
        {
            var published = snapshot.Find(Guid.Parse(file.Attribute("Key")!.Value));
            Assert.NotNull(published);
            Assert.Equal(file.Element("Info")!.Element("NodeName")!.Attribute("Default")!.Value, published.Name);
        }

        Assert.Equal("home", snapshot.Home?.ContentTypeAlias);
        Assert.Equal("Northdale Safeguarding Children Partnership", snapshot.Home?.Text("siteName"));
        Assert.Equal("worriedAboutAChild", snapshot.FindByRoute("/worried-about-a-child/")?.ContentTypeAlias);
        Assert.True(snapshot.FindByRoute("/children-and-young-people/")?.Flag("sensitive"));
        Assert.Equal("errorPage", snapshot.FindByRoute("/page-not-found/")?.ContentTypeAlias);
        Assert.Equal("Know what's OK", snapshot.FindByRoute("/children-and-young-people/know-whats-ok/")?.Name);
        Assert.Equal("One-minute guide", snapshot.FindByRoute("/resources/neglect/neglect-one-minute-guide/")?.Text("resourceType"));
        Assert.Equal(8, snapshot.All.Where(c => c.ContentTypeAlias == "resource").Select(c => c.Text("resourceType")).Distinct().Count());
        Assert.True(snapshot.All.Single(c => c.Text("resourceType") == "Safeguarding practice review").HasValue("learningSummary"));
        Assert.Equal(Directory.GetFiles(Path.Combine(RepositoryPaths.USync, USyncFormat.VersionFolder, USyncFormat.ContentTypesFolder)).Length, snapshot.Schema.DocumentTypes.Count());

        var usedBlocks = snapshot.All.SelectMany(c => c.Properties.Values).SelectMany(BlockTypesIn).ToHashSet();
        var elementTypes = snapshot.Schema.DocumentTypes.Where(t => t.IsElement).Select(t => t.Alias).ToHashSet();
        Assert.Empty(elementTypes.Except(usedBlocks));

        // The demo's files come in as media items under the keys the content refers to, so downloads work on first run.
        var mediaConfigs = Directory.GetFiles(Path.Combine(RepositoryPaths.USync, USyncFormat.VersionFolder, USyncFormat.MediaFolder), "*.config");
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<ContentDbContext>>().CreateDbContextAsync();
        var media = await db.Media.AsNoTracking().ToListAsync();
        Assert.Equal(mediaConfigs.Length, media.Count);
        var store = site.Services.GetRequiredService<SafeguardingSite.Content.Media.MediaFileStore>();
        Assert.All(media, m => Assert.True(File.Exists(store.PathFor(m.Key, m.FileUrl!)), m.Name));
        Assert.All(media.Where(m => m.MimeType!.StartsWith("image/", StringComparison.Ordinal)), m => Assert.False(string.IsNullOrWhiteSpace(m.AltText)));
        var leaflet = snapshot.All.Single(c => c.Text("resourceType") == "Leaflet");
        Assert.Contains(media, m => leaflet.Properties["file"].GetRawText().Contains(m.Key.ToString(), StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_second_import_changes_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var site = new SiteHost(database);
        _ = site.Server;
        var before = await CountsAsync(site);

        var report = await site.Services.GetRequiredService<USyncImporter>().ImportAsync(RepositoryPaths.USync, CancellationToken.None);

        Assert.Equal(0, report.Created);
        Assert.Equal(0, report.Updated);
        Assert.Equal(report.Files, report.Unchanged);
        Assert.Equal(before, await CountsAsync(site));
        Assert.Equal(before.Nodes, before.Versions); // one version per page: the import created each once
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Exporting_the_imported_demo_reproduces_the_committed_files_byte_for_byte(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var site = new SiteHost(database);
        _ = site.Server;
        using var folder = new TemporaryFolder();

        await site.Services.GetRequiredService<USyncExporter>().ExportAsync(folder.Path, CancellationToken.None);

        var committed = RelativeFiles(RepositoryPaths.USync);
        Assert.Equal(committed, RelativeFiles(folder.Path));
        foreach (var file in committed)
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(RepositoryPaths.USync, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(folder.Path, file))),
                $"{file} differs from the committed file");
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Edits_survive_export_and_import_into_a_fresh_database(DatabaseProvider provider)
    {
        using var first = new TemporaryFolder();
        using var second = new TemporaryFolder();
        Guid renamed;
        Guid added;
        Guid unpublished;
        await using (var database = await TestDatabase.CreateAsync(provider))
        await using (var site = new SiteHost(database))
        {
            _ = site.Server;
            var content = site.Services.GetRequiredService<ContentService>();
            var snapshot = Snapshot(site);
            renamed = snapshot.FindByRoute("/training/")!.Key;
            await content.UpdateAsync(renamed, new UpdateContent("Training and events", new() { ["summary"] = "Courses & events <b>for all</b>" }), "editor");
            await content.PublishAsync(renamed, "editor");
            var page = await content.CreateAsync(new CreateContent(renamed, "contentPage", "Conference 2027", new() { ["sensitive"] = true }), "editor");
            added = page.Node.Key;
            await content.PublishAsync(added, "editor");
            unpublished = snapshot.FindByRoute("/news/annual-report-published/")!.Key;
            await content.UnpublishAsync(unpublished, "editor");
            await site.Services.GetRequiredService<USyncExporter>().ExportAsync(first.Path, CancellationToken.None);
        }

        await using (var database = await TestDatabase.CreateAsync(provider))
        await using (var site = new SiteHost(database, importDemoContent: false, new Dictionary<string, string?> { ["Content:USyncFolder"] = first.Path }))
        {
            _ = site.Server;
            var snapshot = Snapshot(site);
            Assert.Equal("Training and events", snapshot.Find(renamed)?.Name);
            Assert.Equal("/training-and-events/", snapshot.Find(renamed)?.Url);
            Assert.Equal("Courses & events <b>for all</b>", snapshot.Find(renamed)?.Text("summary"));
            Assert.Equal("/training-and-events/conference-2027/", snapshot.Find(added)?.Url);
            Assert.True(snapshot.Find(added)?.Flag("sensitive"));
            Assert.Null(snapshot.Find(unpublished));
            Assert.NotNull(await site.Services.GetRequiredService<ContentService>().GetAsync(unpublished));
            await site.Services.GetRequiredService<USyncExporter>().ExportAsync(second.Path, CancellationToken.None);
        }

        var files = RelativeFiles(first.Path);
        Assert.Equal(files, RelativeFiles(second.Path));
        Assert.All(files, f => Assert.Equal(File.ReadAllText(Path.Combine(first.Path, f)), File.ReadAllText(Path.Combine(second.Path, f))));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Malformed_files_are_all_reported_by_name_and_nothing_is_imported(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var site = new SiteHost(database, importDemoContent: false);
        _ = site.Server;
        using var folder = TemporaryFolder.CopyOf(RepositoryPaths.USync);
        var content = Path.Combine(folder.Path, USyncFormat.VersionFolder, USyncFormat.ContentFolder);
        File.WriteAllText(Path.Combine(content, "privacy-notice.config"), "<Content Key=\"not-a-guid\"><Info>");
        var worried = Path.Combine(content, "worried-about-a-child.config");
        File.WriteAllText(worried, File.ReadAllText(worried).Replace("01632 960200", "<script>alert(1)</script>", StringComparison.Ordinal));
        var news = Path.Combine(content, "news.config");
        File.WriteAllText(news, File.ReadAllText(news).Replace("<ContentType>newsIndex</ContentType>", "<ContentType>'; DROP TABLE content_nodes; --</ContentType>", StringComparison.Ordinal));

        File.WriteAllText(Path.Combine(content, "huge.config"), new string(' ', USyncImporter.MaxFileBytes + 1));
        var media = Path.Combine(folder.Path, USyncFormat.VersionFolder, USyncFormat.MediaFolder);
        File.Delete(Path.Combine(media, "baby-r-review.pdf"));
        var escaping = Path.Combine(media, "lake-at-dusk.config");
        File.WriteAllText(escaping, File.ReadAllText(escaping).Replace("<FileName>lake-at-dusk.png</FileName>", "<FileName>../../appsettings.json</FileName>", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<USyncImportException>(
            () => site.Services.GetRequiredService<USyncImporter>().ImportAsync(folder.Path, CancellationToken.None));

        Assert.Contains(error.Problems, p => p.StartsWith("Content/privacy-notice.config (line 1): The XML is not well formed", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("Content/worried-about-a-child.config ('Worried about a child'): property 'phoneNumbers[2].number'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("Content/news.config ('News'): ''; DROP TABLE content_nodes; --' is not a document type", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("Content/huge.config: the file is", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("Media/baby-r-review.config: the file 'baby-r-review.pdf' it names is not beside it", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("Media/lake-at-dusk.config (line 4): <FileName> must be a plain file name", StringComparison.Ordinal));
        Assert.Contains("wrote nothing", error.Message, StringComparison.Ordinal);
        var schema = await site.Services.GetRequiredService<SchemaService>().GetSchemaAsync();
        Assert.Empty(schema.DocumentTypes);
        Assert.Empty(schema.DataTypes);
        Assert.Empty(Snapshot(site).All);
        await using (var db = await site.Services.GetRequiredService<IDbContextFactory<ContentDbContext>>().CreateDbContextAsync())
        {
            Assert.Empty(await db.Media.ToListAsync());
        }

        var command = site.Services.GetServices<ISiteCommand>().Single(c => c.Name == "usync import");
        using var output = new StringWriter();
        Assert.Equal(1, await command.RunAsync([folder.Path], output, CancellationToken.None));
        Assert.Contains("Content/privacy-notice.config", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Changed_files_update_only_what_changed(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var site = new SiteHost(database, importDemoContent: false);
        _ = site.Server;
        using var folder = TemporaryFolder.CopyOf(RepositoryPaths.USync);
        var importer = site.Services.GetRequiredService<USyncImporter>();
        await importer.ImportAsync(folder.Path, CancellationToken.None);
        var before = await CountsAsync(site);
        var privacy = Path.Combine(folder.Path, USyncFormat.VersionFolder, USyncFormat.ContentFolder, "privacy-notice.config");
        File.WriteAllText(privacy, File.ReadAllText(privacy).Replace("How we use personal information.", "How we use and protect personal information.", StringComparison.Ordinal));

        var report = await importer.ImportAsync(folder.Path, CancellationToken.None);

        Assert.Equal((0, 1), (report.Created, report.Updated));
        Assert.Equal(before.Versions + 1, (await CountsAsync(site)).Versions);
        Assert.Equal("How we use and protect personal information.", Snapshot(site).FindByRoute("/privacy-notice/")?.Text("summary"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_export_command_writes_to_the_folder_given(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var site = new SiteHost(database);
        _ = site.Server;
        using var folder = new TemporaryFolder();
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(folder.Path, USyncFormat.VersionFolder, USyncFormat.ContentFolder)).FullName, "stale.config"), "old");

        var command = site.Services.GetServices<ISiteCommand>().Single(c => c.Name == "usync export");
        using var output = new StringWriter();
        Assert.Equal(0, await command.RunAsync([folder.Path], output, CancellationToken.None));

        Assert.Equal(RelativeFiles(RepositoryPaths.USync), RelativeFiles(folder.Path));
        Assert.Contains("removed 1 stale files", output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Two web nodes booting together on one fresh database: the import lock makes exactly one of them import.</summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_nodes_starting_together_import_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = new SiteHost(database);
        await using var second = new SiteHost(database);

        await Task.WhenAll(Task.Run(() => first.Server), Task.Run(() => second.Server));

        var counts = await CountsAsync(first);
        Assert.Equal(Directory.GetFiles(DemoContentFolder).Length, counts.Nodes);
        Assert.Equal(counts.Nodes, counts.Versions);
        await using var db = await first.Services.GetRequiredService<IDbContextFactory<ContentDbContext>>().CreateDbContextAsync();
        Assert.Equal(counts.Nodes, await db.Audit.CountAsync(a => a.Action == "Created" && a.EntityType == "document"));
        await second.Services.GetRequiredService<PublishedSnapshotService>().RefreshAsync();
        Assert.Equal(counts.Nodes, Snapshot(second).All.Count);
    }

    private static PublishedSnapshot Snapshot(SiteHost site) => site.Services.GetRequiredService<IPublishedSnapshotAccessor>().Current;

    private static async Task<(int Nodes, int Versions, int Audit, long Changes, int DocumentTypes)> CountsAsync(SiteHost site)
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<ContentDbContext>>().CreateDbContextAsync();
        return (await db.Nodes.CountAsync(), await db.Versions.CountAsync(), await db.Audit.CountAsync(),
            await db.Changes.MaxAsync(c => (long?)c.Sequence) ?? 0, await db.DocumentTypes.CountAsync());
    }

    private static List<string> RelativeFiles(string root) => Directory.GetFiles(root, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
        .Order(StringComparer.Ordinal)
        .ToList();

    private static IEnumerable<string> BlockTypesIn(System.Text.Json.JsonElement value)
    {
        if (value.ValueKind != System.Text.Json.JsonValueKind.Object || !value.TryGetProperty("contentData", out var blocks))
        {
            yield break;
        }

        foreach (var block in blocks.EnumerateArray())
        {
            yield return block.GetProperty("contentTypeAlias").GetString()!;
            foreach (var nested in block.GetProperty("values").EnumerateArray().SelectMany(v => BlockTypesIn(v.GetProperty("value"))))
            {
                yield return nested;
            }
        }
    }
}
