using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SafeguardingSite.Content.Data;
using SafeguardingSite.Content.Media;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.PropertyEditors;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Content.Services;

namespace SafeguardingSite.Content.USync;

public sealed record USyncImportReport(int Files, int Created, int Updated, int Unchanged)
{
    public override string ToString() =>
        $"{Files} files: {Created} items created, {Updated} updated, {Unchanged} unchanged.";
}

/// <summary>One or more uSync files are wrong. Nothing was written: every problem is listed, each naming its file.</summary>
public sealed class USyncImportException : Exception
{
    public USyncImportException()
        : this([])
    {
    }

    public USyncImportException(string message)
        : base(message)
    {
        Problems = [message];
    }

    public USyncImportException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public USyncImportException(IReadOnlyList<string> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }

    private static string Describe(IReadOnlyList<string> problems) =>
        $"The uSync import found {problems.Count} problem(s) and wrote nothing:" + string.Concat(problems.Select(p => "\n  " + p));
}

/// <summary>
/// Imports the uSync folder through <see cref="SchemaService"/> and <see cref="ContentService"/>, so validation,
/// versions, audit and the change feed apply exactly as for an editor. Every file is read and checked first
/// (XML shape, references between files and the database, property values); only if all are sound is anything
/// written. Items are compared with the database and left alone when they match, so a second import changes nothing.
/// </summary>
public sealed class USyncImporter(
    IDbContextFactory<ContentDbContext> contexts,
    SchemaService schemaService,
    ContentService contentService,
    MediaService mediaService,
    PropertyValueNormalizer normalizer,
    TimeProvider clock,
    ILogger<USyncImporter> logger)
{
    public const string User = "usync";

    /// <summary>Far above any real item (a page's rich text is capped at 500,000 characters), low enough to refuse junk.</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>A PostgreSQL advisory lock (the id is arbitrary but fixed) that serialises imports across every node sharing the database.</summary>
    private const string LockSql = "SELECT pg_advisory_lock(7243001)";
    private const string UnlockSql = "SELECT pg_advisory_unlock(7243001)";

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> SqliteLocks = new(StringComparer.Ordinal);

    /// <summary>Imports only when this database has never been imported into. Returns null when it was skipped.</summary>
    public Task<USyncImportReport?> ImportOnFirstBootAsync(string root, CancellationToken cancellationToken) =>
        WithImportLockAsync<USyncImportReport?>(async () =>
        {
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                if (await db.USyncImports.AnyAsync(cancellationToken))
                {
                    return null;
                }
            }

            return await ImportUnderLockAsync(root, cancellationToken);
        }, cancellationToken);

    public Task<USyncImportReport> ImportAsync(string root, CancellationToken cancellationToken) =>
        WithImportLockAsync(() => ImportUnderLockAsync(root, cancellationToken), cancellationToken);

    private async Task<USyncImportReport> ImportUnderLockAsync(string root, CancellationToken cancellationToken)
    {
        var files = ReadFiles(root);
        if (files.Count == 0)
        {
            return new USyncImportReport(0, 0, 0, 0);
        }

        var plan = await PlanAsync(root, files, cancellationToken);
        var counts = new Counts();
        foreach (var dataType in plan.DataTypes)
        {
            counts.Add(await ApplyAsync(dataType, plan.ExistingSchema, cancellationToken));
        }

        foreach (var type in plan.DocumentTypes)
        {
            counts.Add(await ApplyAsync(type, plan, cancellationToken));
        }

        foreach (var media in plan.Media)
        {
            counts.Add(await ApplyAsync(media, cancellationToken));
        }

        foreach (var item in plan.Content)
        {
            counts.Add(await ApplyAsync(item, cancellationToken));
        }

        await SortAsync(plan.Content, cancellationToken);
        await RecordImportAsync(files, cancellationToken);
        var report = new USyncImportReport(files.Count, counts.Created, counts.Updated, counts.Unchanged);
        logger.LogInformation("uSync import from {Folder}: {Report}", root, report);
        return report;
    }

    private static List<USyncFile> ReadFiles(string root)
    {
        var versionFolder = Path.Combine(root, USyncFormat.VersionFolder);
        return new[] { USyncFormat.DataTypesFolder, USyncFormat.ContentTypesFolder, USyncFormat.MediaFolder, USyncFormat.ContentFolder }
            .Select(folder => Path.Combine(versionFolder, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*" + USyncFormat.FileExtension, SearchOption.AllDirectories))
            .Select(path => new USyncFile(Path.GetRelativePath(versionFolder, path).Replace('\\', '/'), File.ReadAllBytes(path)))
            .OrderBy(f => f.RelativePath, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Reads and checks every file against the others and the database. Throws with all problems, or returns what to write.</summary>
    private async Task<ImportPlan> PlanAsync(string root, List<USyncFile> files, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var existingSchema = await schemaService.GetSchemaAsync(cancellationToken);
        Dictionary<Guid, ContentNode> existingNodes;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            existingNodes = await db.Nodes.AsNoTracking().ToDictionaryAsync(n => n.Key, cancellationToken);
        }

        var dataTypes = Parse(files, USyncFormat.DataTypesFolder, problems, USyncFormat.ReadDataType);
        CheckUnique(dataTypes, d => d.Key, d => d.Alias, existingSchema.DataTypes.ToDictionary(d => d.Alias, d => d.Key, StringComparer.OrdinalIgnoreCase), "data type", problems);
        foreach (var (file, dataType) in dataTypes)
        {
            AddErrors(file, SchemaService.CheckDataType(dataType), problems);
        }

        var mergedDataTypes = Overlay(existingSchema.DataTypes, dataTypes.Select(d => d.Item), d => d.Key);
        var dataTypeAliasByKey = mergedDataTypes.ToDictionary(d => d.Key, d => d.Alias);
        var documentTypes = Parse(files, USyncFormat.ContentTypesFolder, problems, xml => USyncFormat.ReadDocumentType(xml, dataTypeAliasByKey));
        CheckUnique(documentTypes, t => t.Key, t => t.Alias, existingSchema.DocumentTypes.ToDictionary(t => t.Alias, t => t.Key, StringComparer.OrdinalIgnoreCase), "content type", problems);
        var schema = new ContentSchema(Overlay(existingSchema.DocumentTypes, documentTypes.Select(t => t.Item), t => t.Key), mergedDataTypes);
        var dataTypeAliases = mergedDataTypes.Select(d => d.Alias).ToList();
        foreach (var (file, type) in documentTypes)
        {
            AddErrors(file, SchemaService.CheckDocumentType(type, dataTypeAliases), problems);
            foreach (var missing in type.Compositions.Concat(type.AllowedChildTypes).Where(alias => schema.FindDocumentType(alias) is null))
            {
                problems.Add($"{file.RelativePath}: it names the content type '{missing}', which is neither in the ContentTypes folder nor in the database.");
            }
        }

        var media = PlanMedia(root, files, problems);
        var content = Parse(files, USyncFormat.ContentFolder, problems, USyncFormat.ReadContent);
        CheckUnique(content, c => c.Key, null, null, "content item", problems);
        var planned = new List<PlannedContent>();
        var inFiles = content.ToDictionary(c => c.Item.Key, c => c.Item);
        foreach (var (file, item) in OrderParentsFirst(content))
        {
            if (CheckContent(file, item, schema, inFiles, existingNodes, problems) is { } values)
            {
                planned.Add(new PlannedContent(file, item, values));
            }
        }

        if (problems.Count > 0)
        {
            throw new USyncImportException(problems);
        }

        return new ImportPlan(existingSchema, schema, dataTypes.Select(d => d.Item).ToList(), documentTypes.Select(t => t.Item).ToList(), media, planned);
    }

    /// <summary>Each media .config with the file it names, which must sit beside it and be within the library's size limit.</summary>
    private List<PlannedMedia> PlanMedia(string root, List<USyncFile> files, List<string> problems)
    {
        var media = Parse(files, USyncFormat.MediaFolder, problems, USyncFormat.ReadMedia);
        CheckUnique(media, m => m.Key, null, null, "media item", problems);
        var planned = new List<PlannedMedia>();
        foreach (var (file, item) in media)
        {
            var folder = Path.GetDirectoryName(Path.Combine(root, USyncFormat.VersionFolder, file.RelativePath))!;
            var path = Path.Combine(folder, item.FileName);
            if (!File.Exists(path))
            {
                problems.Add($"{file.RelativePath}: the file '{item.FileName}' it names is not beside it.");
            }
            else if (new FileInfo(path).Length > mediaService.MaxUploadBytes)
            {
                problems.Add($"{file.RelativePath}: '{item.FileName}' is larger than the media library accepts ({mediaService.MaxUploadBytes:N0} bytes).");
            }
            else
            {
                planned.Add(new PlannedMedia(item, path));
            }
        }

        return planned;
    }

    /// <summary>Creates a media item the database lacks; one that exists already belongs to the editors and is left alone.</summary>
    private async Task<Change> ApplyAsync(PlannedMedia planned, CancellationToken cancellationToken)
    {
        if (await mediaService.GetAsync(planned.Item.Key, cancellationToken) is not null)
        {
            return Change.None;
        }

        var bytes = await File.ReadAllBytesAsync(planned.FilePath, cancellationToken);
        await mediaService.UploadAsync(
            new UploadMedia(null, planned.Item.Name, planned.Item.AltText, new MediaUpload(planned.Item.FileName, bytes), planned.Item.Key), User, cancellationToken);
        return Change.Created;
    }

    /// <summary>Checks one content item's place in the tree and its values; returns the normalised values, or null after recording problems.</summary>
    private JsonObject? CheckContent(
        USyncFile file,
        USyncContentItem item,
        ContentSchema schema,
        Dictionary<Guid, USyncContentItem> inFiles,
        Dictionary<Guid, ContentNode> existingNodes,
        List<string> problems)
    {
        var where = $"{file.RelativePath} ('{item.Name}')";
        var problemsBefore = problems.Count;
        var type = schema.FindDocumentType(item.ContentType);
        if (type is null || type.IsElement)
        {
            problems.Add($"{where}: '{item.ContentType}' is not a document type in the ContentTypes folder or the database.");
            return null;
        }

        if (item.Name.Trim().Length is 0 or > ContentService.MaxNameLength)
        {
            problems.Add($"{where}: the NodeName must be between 1 and {ContentService.MaxNameLength} characters.");
        }

        if (existingNodes.TryGetValue(item.Key, out var existing))
        {
            if (existing.Trashed)
            {
                problems.Add($"{where}: this item is in the recycle bin; restore or delete it before importing.");
            }
            else if (!string.Equals(existing.DocumentTypeAlias, type.Alias, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{where}: the database has this item as a '{existing.DocumentTypeAlias}'; changing a page's type is not supported.");
            }
        }

        CheckPlace(where, item, type, schema, inFiles, existingNodes, problems);
        var values = new JsonObject();
        foreach (var (alias, raw) in item.RawValues)
        {
            var property = schema.FindProperty(type.Alias, alias);
            var editor = property is null ? null : schema.FindDataType(property.DataType)?.EditorAlias;
            if (property is null || editor is null)
            {
                problems.Add($"{where}: '{type.Alias}' has no property called '{alias}'.");
                continue;
            }

            try
            {
                values[property.Alias] = USyncFormat.FromRawValue(raw, editor, alias);
            }
            catch (USyncFormatException ex)
            {
                problems.Add($"{where}: {ex.Message}");
            }
        }

        var errors = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var normalized = normalizer.Normalize(schema, type.Alias, values, errors);
        problems.AddRange(errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{where}: property '{e.Key}': {string.Join(" ", e.Value)}"));
        return problems.Count == problemsBefore ? normalized : null;
    }

    private static void CheckPlace(
        string where,
        USyncContentItem item,
        DocumentType type,
        ContentSchema schema,
        Dictionary<Guid, USyncContentItem> inFiles,
        Dictionary<Guid, ContentNode> existingNodes,
        List<string> problems)
    {
        if (item.ParentKey is not { } parentKey)
        {
            if (!type.AllowAtRoot)
            {
                problems.Add($"{where}: a '{type.Alias}' cannot sit at the root of the tree.");
            }

            return;
        }

        string parentType;
        bool parentPublished;
        if (inFiles.TryGetValue(parentKey, out var parentItem))
        {
            parentType = parentItem.ContentType;
            parentPublished = parentItem.Published;
        }
        else if (existingNodes.TryGetValue(parentKey, out var parentNode) && !parentNode.Trashed)
        {
            parentType = parentNode.DocumentTypeAlias;
            parentPublished = parentNode.PublishedVersionId is not null;
        }
        else
        {
            problems.Add($"{where}: its parent {parentKey} is neither in the Content folder nor in the database.");
            return;
        }

        if (schema.FindDocumentType(parentType) is not { } parentDocumentType
            || !parentDocumentType.AllowedChildTypes.Contains(type.Alias, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"{where}: a '{type.Alias}' is not allowed below a '{parentType}'.");
        }

        if (item.Published && !parentPublished)
        {
            problems.Add($"{where}: it is marked published but the page above it is not.");
        }
    }

    private static List<(USyncFile File, T Item)> Parse<T>(List<USyncFile> files, string folder, List<string> problems, Func<string, T> read)
    {
        var result = new List<(USyncFile, T)>();
        foreach (var file in files.Where(f => f.RelativePath.StartsWith(folder + "/", StringComparison.Ordinal)))
        {
            if (file.Bytes.Length > MaxFileBytes)
            {
                problems.Add($"{file.RelativePath}: the file is {file.Bytes.Length:N0} bytes; the limit is {MaxFileBytes:N0}.");
                continue;
            }

            try
            {
                result.Add((file, read(file.Text)));
            }
            catch (USyncFormatException ex)
            {
                problems.Add(ex.Line is { } line ? $"{file.RelativePath} (line {line}): {ex.Message}" : $"{file.RelativePath}: {ex.Message}");
            }
        }

        return result;
    }

    private static void CheckUnique<T>(
        List<(USyncFile File, T Item)> items,
        Func<T, Guid> key,
        Func<T, string>? alias,
        Dictionary<string, Guid>? existingKeyByAlias,
        string kind,
        List<string> problems)
    {
        foreach (var group in items.GroupBy(i => key(i.Item)).Where(g => g.Count() > 1))
        {
            problems.Add($"{string.Join(", ", group.Select(g => g.File.RelativePath))}: these files share the key {group.Key}; each {kind} needs its own.");
        }

        if (alias is null || existingKeyByAlias is null)
        {
            return;
        }

        foreach (var group in items.GroupBy(i => alias(i.Item), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"{string.Join(", ", group.Select(g => g.File.RelativePath))}: these files share the alias '{group.Key}'.");
        }

        var keysInFiles = items.Select(i => key(i.Item)).ToHashSet();
        foreach (var (file, item) in items)
        {
            if (existingKeyByAlias.TryGetValue(alias(item), out var existingKey) && existingKey != key(item) && !keysInFiles.Contains(existingKey))
            {
                problems.Add($"{file.RelativePath}: the database already has a {kind} '{alias(item)}' with another key ({existingKey}).");
            }
        }
    }

    private static void AddErrors(USyncFile file, Dictionary<string, string[]> errors, List<string> problems) =>
        problems.AddRange(errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{file.RelativePath}: {e.Key}: {string.Join(" ", e.Value)}"));

    private static List<T> Overlay<T>(IEnumerable<T> existing, IEnumerable<T> incoming, Func<T, Guid> key)
    {
        var merged = existing.ToDictionary(key);
        foreach (var item in incoming)
        {
            merged[key(item)] = item;
        }

        return merged.Values.ToList();
    }

    /// <summary>Parents before children (they must exist and be published first), siblings in sort order.</summary>
    private static List<(USyncFile File, USyncContentItem Item)> OrderParentsFirst(List<(USyncFile File, USyncContentItem Item)> content)
    {
        var byParent = content.ToLookup(c => c.Item.ParentKey);
        var keys = content.Select(c => c.Item.Key).ToHashSet();
        var ordered = new List<(USyncFile, USyncContentItem)>();
        var frontier = content.Where(c => c.Item.ParentKey is not { } p || !keys.Contains(p)).ToList();
        while (frontier.Count > 0)
        {
            var level = frontier.OrderBy(c => c.Item.SortOrder).ThenBy(c => c.File.RelativePath, StringComparer.Ordinal).ToList();
            ordered.AddRange(level);
            frontier = level.SelectMany(c => byParent[c.Item.Key]).ToList();
        }

        // Anything left is in a parent loop; it is still checked (and reported) so the problem is not silent.
        ordered.AddRange(content.Where(c => !ordered.Contains(c)));
        return ordered;
    }

    private async Task<Change> ApplyAsync(DataType dataType, ContentSchema existingSchema, CancellationToken cancellationToken)
    {
        var existing = existingSchema.DataTypes.FirstOrDefault(d => d.Key == dataType.Key);
        if (existing is not null
            && existing.Alias == dataType.Alias && existing.Name == dataType.Name && existing.EditorAlias == dataType.EditorAlias
            && JsonNode.DeepEquals(JsonNode.Parse(existing.ConfigurationJson), JsonNode.Parse(dataType.ConfigurationJson)))
        {
            return Change.None;
        }

        await schemaService.SaveDataTypeAsync(dataType, User, cancellationToken);
        return existing is null ? Change.Created : Change.Updated;
    }

    private async Task<Change> ApplyAsync(DocumentType type, ImportPlan plan, CancellationToken cancellationToken)
    {
        var existing = plan.ExistingSchema.FindDocumentType(type.Key);
        if (existing is not null && USyncFormat.WriteDocumentType(existing, plan.Schema) == USyncFormat.WriteDocumentType(type, plan.Schema))
        {
            return Change.None;
        }

        await schemaService.SaveDocumentTypeAsync(type, User, cancellationToken);
        return existing is null ? Change.Created : Change.Updated;
    }

    private async Task<Change> ApplyAsync(PlannedContent planned, CancellationToken cancellationToken)
    {
        var item = planned.Item;
        var change = Change.None;
        var current = await contentService.GetAsync(item.Key, cancellationToken);
        if (current is null)
        {
            current = await contentService.CreateAsync(
                new CreateContent(item.ParentKey, item.ContentType, item.Name, planned.Values, item.UrlSegment, item.Key), User, cancellationToken);
            change = Change.Created;
        }
        else
        {
            if (current.Node.ParentKey != item.ParentKey)
            {
                await contentService.MoveAsync(item.Key, item.ParentKey, User, cancellationToken);
                change = Change.Updated;
            }

            var wantedSegment = item.UrlSegment ?? ContentRoutes.ToSegment(item.Name);
            if (current.Draft.Name != item.Name || current.Draft.UrlSegment != wantedSegment || !JsonNode.DeepEquals(current.Values, planned.Values))
            {
                var values = (JsonObject)planned.Values.DeepClone();
                foreach (var (alias, _) in current.Values.Where(v => !planned.Values.ContainsKey(v.Key)))
                {
                    values[alias] = null; // a value the file no longer has is cleared, not kept
                }

                await contentService.UpdateAsync(item.Key, new UpdateContent(item.Name, values, wantedSegment), User, cancellationToken);
                change = Change.Updated;
            }

            current = await contentService.GetAsync(item.Key, cancellationToken) ?? throw ContentException.NotFound("Content", item.Key);
        }

        if (item.Published && current.HasUnpublishedChanges)
        {
            await contentService.PublishAsync(item.Key, User, cancellationToken: cancellationToken);
            change = change == Change.None ? Change.Updated : change;
        }
        else if (!item.Published && current.IsPublished)
        {
            await contentService.UnpublishAsync(item.Key, User, cancellationToken);
            change = change == Change.None ? Change.Updated : change;
        }

        return change;
    }

    /// <summary>Puts siblings in the files' order where the database differs; new pages were already appended in order.</summary>
    private async Task SortAsync(List<PlannedContent> content, CancellationToken cancellationToken)
    {
        foreach (var siblings in content.GroupBy(c => c.Item.ParentKey))
        {
            var wanted = siblings.OrderBy(c => c.Item.SortOrder).Select(c => c.Item.Key).ToList();
            var actual = (await contentService.GetChildrenAsync(siblings.Key, cancellationToken)).Select(n => n.Key).Where(wanted.Contains).ToList();
            if (!wanted.SequenceEqual(actual))
            {
                await contentService.SortAsync(siblings.Key, wanted, User, cancellationToken);
            }
        }
    }

    private async Task RecordImportAsync(List<USyncFile> files, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var states = await db.USyncImports.ToDictionaryAsync(s => s.File, StringComparer.Ordinal, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var file in files)
        {
            if (!states.TryGetValue(file.RelativePath, out var state))
            {
                db.USyncImports.Add(new USyncImportState { File = file.RelativePath, Hash = file.Hash, ImportedAt = now });
            }
            else if (state.Hash != file.Hash)
            {
                state.Hash = file.Hash;
                state.ImportedAt = now;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// One import at a time per database. On PostgreSQL a session advisory lock serialises every node sharing the
    /// database, so when two nodes boot together the second waits and then finds the import already recorded. SQLite
    /// is a single-node database, so a process-wide lock per database file is enough there.
    /// </summary>
    private async Task<T> WithImportLockAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) != true)
        {
            var gate = SqliteLocks.GetOrAdd(db.Database.GetConnectionString() ?? string.Empty, _ => new SemaphoreSlim(1, 1));
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await work();
            }
            finally
            {
                gate.Release();
            }
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(LockSql, cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync(UnlockSql, CancellationToken.None);
        }
    }

    private enum Change
    {
        None,
        Created,
        Updated,
    }

    private sealed class Counts
    {
        public int Created { get; private set; }
        public int Updated { get; private set; }
        public int Unchanged { get; private set; }

        public void Add(Change change)
        {
            switch (change)
            {
                case Change.Created: Created++; break;
                case Change.Updated: Updated++; break;
                default: Unchanged++; break;
            }
        }
    }

    private sealed record USyncFile(string RelativePath, byte[] Bytes)
    {
        public string Text => Encoding.UTF8.GetString(Bytes);

        public string Hash => Convert.ToHexStringLower(SHA256.HashData(Bytes));
    }

    private sealed record PlannedContent(USyncFile File, USyncContentItem Item, JsonObject Values);

    private sealed record PlannedMedia(USyncMediaItem Item, string FilePath);

    private sealed record ImportPlan(
        ContentSchema ExistingSchema,
        ContentSchema Schema,
        List<DataType> DataTypes,
        List<DocumentType> DocumentTypes,
        List<PlannedMedia> Media,
        List<PlannedContent> Content);
}
