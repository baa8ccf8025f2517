using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Content.Data;
using SafeguardingSite.Content.Media;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Content.Services;

namespace SafeguardingSite.Content.USync;

public sealed record USyncExportReport(int DataTypes, int ContentTypes, int Media, int Content, int Removed)
{
    public override string ToString() =>
        $"Wrote {DataTypes} data types, {ContentTypes} content types, {Media} media items and {Content} content items; removed {Removed} stale files.";
}

/// <summary>
/// Writes the database's schema and content (drafts, with whether each is published) as uSync files. The output
/// depends only on the data: items in a fixed order, file names from aliases and names, no timestamps. Files for items
/// that no longer exist are removed, so the folder mirrors the database and a diff shows exactly what changed.
/// </summary>
public sealed class USyncExporter(IDbContextFactory<ContentDbContext> contexts, SchemaService schemaService, MediaFileStore mediaFiles)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public async Task<USyncExportReport> ExportAsync(string root, CancellationToken cancellationToken)
    {
        var schema = await schemaService.GetSchemaAsync(cancellationToken);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var dataType in schema.DataTypes.OrderBy(d => d.Alias, StringComparer.Ordinal))
        {
            files[$"{USyncFormat.DataTypesFolder}/{USyncFormat.FileNameFor(dataType.Alias)}"] = USyncFormat.WriteDataType(dataType);
        }

        foreach (var type in schema.DocumentTypes.OrderBy(t => t.Alias, StringComparer.Ordinal))
        {
            files[$"{USyncFormat.ContentTypesFolder}/{USyncFormat.FileNameFor(type.Alias)}"] = USyncFormat.WriteDocumentType(type, schema);
        }

        var media = await MediaFilesAsync(cancellationToken);
        var binaries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (item, source) in media)
        {
            files[$"{USyncFormat.MediaFolder}/{USyncFormat.FileNameFor(item.Name)}"] = USyncFormat.WriteMedia(item);
            binaries[$"{USyncFormat.MediaFolder}/{item.FileName}"] = source;
        }

        var content = await ContentFilesAsync(cancellationToken);
        foreach (var (name, text) in content)
        {
            files[$"{USyncFormat.ContentFolder}/{name}"] = text;
        }

        var versionFolder = Path.Combine(root, USyncFormat.VersionFolder);
        var removed = RemoveStaleFiles(versionFolder, files.Keys.Concat(binaries.Keys));
        foreach (var (relative, text) in files)
        {
            var path = Path.Combine(versionFolder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (!File.Exists(path) || await File.ReadAllTextAsync(path, Utf8, cancellationToken) != text)
            {
                await File.WriteAllTextAsync(path, text, Utf8, cancellationToken);
            }
        }

        foreach (var (relative, source) in binaries)
        {
            var path = Path.Combine(versionFolder, relative);
            if (!File.Exists(path) || !SameBytes(await File.ReadAllBytesAsync(path, cancellationToken), await File.ReadAllBytesAsync(source, cancellationToken)))
            {
                File.Copy(source, path, overwrite: true);
            }
        }

        return new USyncExportReport(schema.DataTypes.Count(), schema.DocumentTypes.Count(), media.Count, content.Count, removed);
    }

    private static bool SameBytes(byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b);

    /// <summary>Files in the library (folders carry no file and are not exported), each with where its bytes are stored.</summary>
    private async Task<List<(USyncMediaItem Item, string Source)>> MediaFilesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var items = await db.Media.AsNoTracking().Where(m => !m.Trashed && m.FileUrl != null).ToListAsync(cancellationToken);
        var result = new List<(USyncMediaItem, string)>();
        foreach (var item in items.OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.Key))
        {
            if (mediaFiles.PathFor(item.Key, item.FileUrl!) is { } source && File.Exists(source))
            {
                result.Add((new USyncMediaItem(item.Key, item.Name, Path.GetFileName(source), item.AltText), source));
            }
        }

        return result;
    }

    /// <summary>Content files named after each page (a key suffix only when two pages share a name), parents first.</summary>
    private async Task<List<(string Name, string Text)>> ContentFilesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var nodes = await db.Nodes.AsNoTracking().Where(n => !n.Trashed).ToListAsync(cancellationToken);
        var draftIds = nodes.Select(n => n.DraftVersionId).ToList();
        var drafts = await db.Versions.AsNoTracking().Where(v => draftIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, cancellationToken);
        var byKey = nodes.ToDictionary(n => n.Key);
        var usedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<(string, string)>();
        foreach (var node in nodes.OrderBy(n => n.Level).ThenBy(n => PathOf(n, byKey), StringComparer.Ordinal).ThenBy(n => n.Key))
        {
            var draft = drafts[node.DraftVersionId];
            var values = JsonNode.Parse(draft.ValuesJson) as JsonObject ?? new JsonObject();
            var item = new USyncContentItem(
                node.Key,
                node.ParentKey,
                draft.Name,
                draft.UrlSegment == ContentRoutes.ToSegment(draft.Name) ? null : draft.UrlSegment,
                node.DocumentTypeAlias,
                node.Level,
                node.SortOrder,
                node.PublishedVersionId is not null,
                values.ToDictionary(v => v.Key, v => USyncFormat.ToRawValue(v.Value), StringComparer.Ordinal));
            var name = USyncFormat.FileNameFor(draft.Name);
            if (!usedNames.Add(name))
            {
                name = $"{Path.GetFileNameWithoutExtension(name)}_{node.Key.ToString("N")[..8]}{USyncFormat.FileExtension}";
                usedNames.Add(name);
            }

            var parentName = node.ParentKey is { } parentKey && byKey.TryGetValue(parentKey, out var parent) ? parent.Name : null;
            result.Add((name, USyncFormat.WriteContent(item, parentName, PathOf(node, byKey))));
        }

        return result;
    }

    /// <summary>uSync's readable path: each ancestor's name in PascalCase without spaces or punctuation, e.g. /Home/AboutThePartnership.</summary>
    private static string PathOf(ContentNode node, Dictionary<Guid, ContentNode> byKey)
    {
        var names = new List<string>();
        for (ContentNode? current = node; current is not null; current = current.ParentKey is { } p ? byKey.GetValueOrDefault(p) : null)
        {
            var words = new string(current.Name.Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray()).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            names.Add(string.Concat(words.Select(w => char.ToUpperInvariant(w[0]) + w[1..])));
        }

        names.Reverse();
        return "/" + string.Join('/', names);
    }

    private static int RemoveStaleFiles(string versionFolder, IEnumerable<string> keep)
    {
        var wanted = keep.ToHashSet(StringComparer.Ordinal);
        var removed = 0;
        foreach (var folder in new[] { USyncFormat.DataTypesFolder, USyncFormat.ContentTypesFolder, USyncFormat.MediaFolder, USyncFormat.ContentFolder })
        {
            var path = Path.Combine(versionFolder, folder);
            if (!Directory.Exists(path))
            {
                continue;
            }

            // In the media folder the files beside the .config files are ours too; elsewhere only .config files are.
            var pattern = folder == USyncFormat.MediaFolder ? "*" : "*" + USyncFormat.FileExtension;
            foreach (var file in Directory.EnumerateFiles(path, pattern, SearchOption.AllDirectories).ToList())
            {
                if (!wanted.Contains(Path.GetRelativePath(versionFolder, file).Replace('\\', '/')))
                {
                    File.Delete(file);
                    removed++;
                }
            }
        }

        return removed;
    }
}
