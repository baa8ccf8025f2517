using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Platform.Data;

namespace SafeguardingSite.Testing;

/// <summary>
/// The demo content imported once per database provider per test run, then copied for every site that asks for it.
/// The first-boot uSync import (parsing, saving and publishing every page, copying the media) is most of what starting
/// a site costs, and hundreds of tests start one; a copied database has been imported into, so the site skips the
/// import and starts as if from its second boot, with the same content and media.
/// </summary>
internal sealed class DemoContentTemplate
{
    private static readonly ConcurrentDictionary<DatabaseProvider, Lazy<DemoContentTemplate>> Templates = new();
    private static readonly SemaphoreSlim PostgresCopies = new(1, 1);

    private DemoContentTemplate(TestDatabase database, string mediaFolder)
    {
        Database = database;
        MediaFolder = mediaFolder;
    }

    private TestDatabase Database { get; }

    private string MediaFolder { get; }

    public static DemoContentTemplate For(DatabaseProvider provider) =>
        Templates.GetOrAdd(provider, p => new Lazy<DemoContentTemplate>(() => Task.Run(() => BuildAsync(p)).GetAwaiter().GetResult())).Value;

    /// <summary>Gives <paramref name="database"/> the demo content and <paramref name="mediaFolder"/> its files.</summary>
    public void CopyTo(TestDatabase database, string mediaFolder)
    {
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            // PostgreSQL refuses to copy a template database another copy is reading, so its copies queue; SQLite
            // copies are plain file copies and need not wait for each other.
            PostgresCopies.Wait();
            try
            {
                database.CopyFrom(Database);
            }
            finally
            {
                PostgresCopies.Release();
            }
        }
        else
        {
            database.CopyFrom(Database);
        }

        CopyFolder(MediaFolder, mediaFolder);
    }

    private static async Task<DemoContentTemplate> BuildAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider, pooling: false);
        var mediaFolder = Path.Combine(Path.GetTempPath(), "sg-templates", Guid.NewGuid().ToString("N"), "media");
        Directory.CreateDirectory(mediaFolder);
        using (var site = new SiteHost(database, importDemoContent: true, useDemoTemplate: false).WithSetting("Media:Folder", mediaFolder))
        {
            _ = site.Services.GetRequiredService<TimeProvider>();
        }

        database.Checkpoint();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return new DemoContentTemplate(database, mediaFolder);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
