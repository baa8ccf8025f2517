using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SafeguardingSite.Content.Data;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Content.Services;

namespace SafeguardingSite.Content.Media;

/// <summary>An uploaded file as it arrives: the name the uploader gave it and its bytes (already within the size limit).</summary>
public sealed record MediaUpload(string FileName, byte[] Content);

/// <param name="Key">The new item's key; null for a fresh one. uSync imports pass the key the content refers to.</param>
public sealed record UploadMedia(Guid? ParentKey, string? Name, string? AltText, MediaUpload File, Guid? Key = null);

/// <summary>Changes to an item's details. Null leaves a value as it is.</summary>
public sealed record UpdateMedia(string? Name = null, string? AltText = null, int? ExpectedRevision = null);

public enum MediaSort
{
    Name,
    Newest,
    Largest,
}

/// <summary>What the library list shows: one folder's items, or with a search term every matching item anywhere.</summary>
/// <param name="Type">A media type alias (Folder, Image, File) or a format's MIME type; null for everything.</param>
public sealed record MediaQuery(Guid? ParentKey = null, string? Search = null, string? Type = null, MediaSort Sort = MediaSort.Name, int Page = 1, int PageSize = MediaQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 24;
    public const int MaxPageSize = 100;
    public const int MaxSearchLength = 100;
}

public sealed record MediaListing(int Total, int Page, int PageSize, IReadOnlyList<MediaItem> Items)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// The media library: folders and files (images, PDF, Word, Excel) checked by content, with alt text for images. Every
/// change is audited, appended to the change feed and refreshes the published snapshot, so all nodes serve it.
/// </summary>
public sealed class MediaService(
    IDbContextFactory<ContentDbContext> contexts,
    MediaFileStore files,
    PublishedSnapshotService snapshots,
    IOptions<MediaOptions> options,
    TimeProvider clock,
    ILogger<MediaService> logger)
{
    public const int MaxNameLength = 255;
    public const int MaxAltTextLength = 500;
    private const int MaxAttempts = 6;
    private const int MaxFolderDepth = 64;

    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    public async Task<MediaItem?> GetAsync(Guid key, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Media.AsNoTracking().FirstOrDefaultAsync(m => m.Key == key, cancellationToken);
    }

    public async Task<IReadOnlyList<MediaItem>> GetChildrenAsync(Guid? parentKey, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Media.AsNoTracking().Where(m => m.ParentKey == parentKey && !m.Trashed)
            .OrderBy(m => m.SortOrder).ThenBy(m => m.Name).ToListAsync(cancellationToken);
    }

    /// <summary>Trashed items whose parent is not itself in the bin: what an editor would restore.</summary>
    public async Task<IReadOnlyList<MediaItem>> GetRecycleBinAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Media.AsNoTracking()
            .Where(m => m.Trashed && (m.ParentKey == null || !db.Media.Any(p => p.Key == m.ParentKey && p.Trashed)))
            .OrderBy(m => m.Name).ToListAsync(cancellationToken);
    }

    /// <summary>Folders first, then files, in the chosen order; a search looks through the whole library, not one folder.</summary>
    public async Task<MediaListing> SearchAsync(MediaQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, MediaQuery.MaxPageSize);
        var page = Math.Max(1, query.Page);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var items = db.Media.AsNoTracking().Where(m => !m.Trashed);
        var search = query.Search?.Trim() is { Length: > 0 } term ? term[..Math.Min(term.Length, MediaQuery.MaxSearchLength)].ToLowerInvariant() : null;
        items = search is null
            ? items.Where(m => m.ParentKey == query.ParentKey)
            : items.Where(m => m.Name.ToLower().Contains(search) || (m.AltText != null && m.AltText.ToLower().Contains(search)));
        if (query.Type is { Length: > 0 } type)
        {
            items = type is MediaTypes.Folder or MediaTypes.Image or MediaTypes.File
                ? items.Where(m => m.MediaTypeAlias == type)
                : items.Where(m => m.MimeType == type);
        }

        var total = await items.CountAsync(cancellationToken);
        var foldersFirst = items.OrderBy(m => m.MediaTypeAlias == MediaTypes.Folder ? 0 : 1);
        var ordered = query.Sort switch
        {
            MediaSort.Newest => foldersFirst.ThenByDescending(m => m.UpdateDate).ThenBy(m => m.Name),
            MediaSort.Largest => foldersFirst.ThenByDescending(m => m.Bytes).ThenBy(m => m.Name),
            _ => foldersFirst.ThenBy(m => m.Name).ThenBy(m => m.SortOrder),
        };
        var rows = await ordered.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new MediaListing(total, page, pageSize, rows);
    }

    /// <summary>The folders from the root down to this item's parent, for breadcrumbs.</summary>
    public async Task<IReadOnlyList<MediaItem>> GetAncestorsAsync(Guid key, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var chain = new List<MediaItem>();
        var current = await db.Media.AsNoTracking().Where(m => m.Key == key).Select(m => m.ParentKey).FirstOrDefaultAsync(cancellationToken);
        while (current is { } parentKey && chain.Count < MaxFolderDepth
            && await db.Media.AsNoTracking().FirstOrDefaultAsync(m => m.Key == parentKey, cancellationToken) is { } parent)
        {
            chain.Insert(0, parent);
            current = parent.ParentKey;
        }

        return chain;
    }

    /// <summary>Every live folder, for "move to" choices.</summary>
    public async Task<IReadOnlyList<MediaItem>> GetFoldersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Media.AsNoTracking().Where(m => !m.Trashed && m.MediaTypeAlias == MediaTypes.Folder).OrderBy(m => m.Name).ToListAsync(cancellationToken);
    }

    /// <summary>Deletes a recycle-bin item for good, with everything inside it and its files on disk. The audit keeps the record.</summary>
    public async Task DeletePermanentlyAsync(Guid key, string user, CancellationToken cancellationToken = default)
    {
        var subtree = new List<MediaItem>();
        await ExecuteAsync(async db =>
        {
            var item = await db.Media.FirstOrDefaultAsync(m => m.Key == key && m.Trashed, cancellationToken)
                ?? throw new ContentException(ContentErrorKind.Conflict, "Only items in the recycle bin can be deleted permanently.");
            subtree = (await DescendantsAsync(db, key, cancellationToken)).Prepend(item).ToList();
            db.Media.RemoveRange(subtree);
            Record(db, user, key, "Deleted", subtree.Count > 1 ? $"'{item.Name}' with {subtree.Count - 1} items inside" : $"'{item.Name}'");
            return item;
        }, cancellationToken);
        foreach (var deleted in subtree)
        {
            files.DeleteItemFolder(deleted.Key);
        }
    }

    public Task<MediaItem> CreateFolderAsync(Guid? parentKey, string? name, string user, CancellationToken cancellationToken = default) =>
        ExecuteAsync(async db =>
        {
            var validName = ValidName(name);
            await EnsureFolderAsync(db, parentKey, cancellationToken);
            var item = await NewItemAsync(db, parentKey, validName, MediaTypes.Folder, cancellationToken);
            db.Media.Add(item);
            Record(db, user, item.Key, "Created", $"Folder '{validName}'");
            return item;
        }, cancellationToken);

    public async Task<MediaItem> UploadAsync(UploadMedia command, string user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var inspected = Inspect(command.File);
        var name = ValidName(string.IsNullOrWhiteSpace(command.Name) ? Path.GetFileNameWithoutExtension(command.File.FileName) : command.Name);
        var altText = ValidAltText(command.AltText, inspected.Format.IsImage);
        var key = command.Key ?? Guid.NewGuid();
        var fileUrl = MediaFileStore.UrlFor(key, $"{ContentRoutes.ToSegment(name)}.{inspected.Format.DefaultExtension}");
        await files.WriteAsync(key, fileUrl, command.File.Content, cancellationToken);
        try
        {
            return await ExecuteAsync(async db =>
            {
                await EnsureFolderAsync(db, command.ParentKey, cancellationToken);
                var item = await NewItemAsync(db, command.ParentKey, name, inspected.Format.IsImage ? MediaTypes.Image : MediaTypes.File, cancellationToken);
                item.Key = key;
                item.AltText = altText;
                item.FileUrl = fileUrl;
                Describe(item, inspected, command.File.Content.LongLength);
                db.Media.Add(item);
                Record(db, user, key, "Uploaded", $"{inspected.Format.Name} '{name}'");
                return item;
            }, cancellationToken);
        }
        catch
        {
            files.DeleteItemFolder(key);
            throw;
        }
    }

    /// <summary>Swaps the stored file for a new one of the same kind; the public URL, and every link to it, stays the same.</summary>
    public async Task<MediaItem> ReplaceFileAsync(Guid key, MediaUpload file, string? altText, string user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var current = await GetAsync(key, cancellationToken) ?? throw ContentException.NotFound("Media", key);
        if (current.Trashed)
        {
            throw new ContentException(ContentErrorKind.Conflict, $"'{current.Name}' is in the recycle bin: restore it first.");
        }

        if (current.FileUrl is not { } fileUrl)
        {
            throw Invalid("file", $"'{current.Name}' is a folder; only files can be replaced.");
        }

        var inspected = Inspect(file);
        if (inspected.Format.MimeType != current.MimeType)
        {
            throw Invalid("file", $"'{current.Name}' is a {FormatName(current.MimeType)}; a replacement must be the same kind of file so its URL keeps working.");
        }

        var newAltText = altText is null ? null : ValidAltText(altText, inspected.Format.IsImage);
        await files.WriteAsync(key, fileUrl, file.Content, cancellationToken);
        return await ExecuteAsync(async db =>
        {
            var item = await FindLiveAsync(db, key, cancellationToken);
            Describe(item, inspected, file.Content.LongLength);
            item.AltText = newAltText ?? item.AltText;
            Touch(item);
            Record(db, user, key, "Replaced", $"New file of {file.Content.LongLength} bytes");
            return item;
        }, cancellationToken);
    }

    public Task<MediaItem> UpdateAsync(Guid key, UpdateMedia command, string user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return ExecuteAsync(async db =>
        {
            var item = await FindLiveAsync(db, key, cancellationToken);
            if (command.ExpectedRevision is { } expected && expected != item.Revision)
            {
                throw new ContentException(ContentErrorKind.Conflict, "Someone else changed this item since you opened it. Reload it and try again.");
            }

            if (command.Name is not null)
            {
                item.Name = ValidName(command.Name);
                item.UrlSegment = await UniqueSegmentAsync(db, key, item.ParentKey, item.Name, cancellationToken);
            }

            if (command.AltText is not null)
            {
                item.AltText = ValidAltText(command.AltText, item.MediaTypeAlias == MediaTypes.Image);
            }

            Touch(item);
            Record(db, user, key, "Saved", item.Name);
            return item;
        }, cancellationToken);
    }

    public Task<MediaItem> MoveAsync(Guid key, Guid? newParentKey, string user, CancellationToken cancellationToken = default) =>
        ExecuteAsync(async db =>
        {
            var item = await FindLiveAsync(db, key, cancellationToken);
            if (newParentKey is { } parentKey
                && (parentKey == key || (await DescendantsAsync(db, key, cancellationToken)).Any(d => d.Key == parentKey)))
            {
                throw Invalid("targetId", "A folder cannot be moved into itself.");
            }

            await EnsureFolderAsync(db, newParentKey, cancellationToken, "targetId");
            item.ParentKey = newParentKey;
            item.SortOrder = await NextSortOrderAsync(db, newParentKey, cancellationToken);
            item.UrlSegment = await UniqueSegmentAsync(db, key, newParentKey, item.UrlSegment, cancellationToken);
            Touch(item);
            Record(db, user, key, "Moved", newParentKey is null ? "To the root" : $"Into {newParentKey}");
            return item;
        }, cancellationToken);

    /// <summary>Moves an item, and for a folder everything in it, to the recycle bin. Its file stops being served at once.</summary>
    public Task<MediaItem> TrashAsync(Guid key, string user, CancellationToken cancellationToken = default) =>
        ExecuteAsync(async db =>
        {
            var item = await FindLiveAsync(db, key, cancellationToken);
            var subtree = (await DescendantsAsync(db, key, cancellationToken)).Where(d => !d.Trashed).Prepend(item).ToList();
            foreach (var trashed in subtree)
            {
                trashed.Trashed = true;
                Touch(trashed);
            }

            Record(db, user, key, "Trashed", subtree.Count > 1 ? $"With {subtree.Count - 1} items inside" : null);
            return item;
        }, cancellationToken);

    public Task<MediaItem> RestoreAsync(Guid key, string user, CancellationToken cancellationToken = default) =>
        ExecuteAsync(async db =>
        {
            var item = await db.Media.FirstOrDefaultAsync(m => m.Key == key && m.Trashed, cancellationToken)
                ?? throw new ContentException(ContentErrorKind.NotFound, $"{key} is not in the recycle bin.");
            if (item.ParentKey is { } parentKey && !await db.Media.AnyAsync(m => m.Key == parentKey && !m.Trashed, cancellationToken))
            {
                throw new ContentException(ContentErrorKind.Conflict, "The folder it came from is in the recycle bin: restore that folder instead.");
            }

            var subtree = (await DescendantsAsync(db, key, cancellationToken)).Prepend(item).ToList();
            foreach (var restored in subtree)
            {
                restored.Trashed = false;
                Touch(restored);
            }

            item.UrlSegment = await UniqueSegmentAsync(db, key, item.ParentKey, item.UrlSegment, cancellationToken);
            Record(db, user, key, "Restored", null);
            return item;
        }, cancellationToken);

    private InspectedFile Inspect(MediaUpload file)
    {
        if (file.Content.LongLength > MaxUploadBytes)
        {
            throw Invalid("file", $"The file is larger than the {MaxUploadBytes / (1024 * 1024.0):0.#} MB limit.");
        }

        return MediaFileInspector.Inspect(file.Content, file.FileName);
    }

    private static void Describe(MediaItem item, InspectedFile inspected, long bytes)
    {
        item.MimeType = inspected.Format.MimeType;
        item.Width = inspected.Width;
        item.Height = inspected.Height;
        item.Bytes = bytes;
    }

    private static string FormatName(string? mimeType) =>
        MediaFormat.All.FirstOrDefault(f => f.MimeType == mimeType)?.Name ?? mimeType ?? "file";

    private async Task<MediaItem> NewItemAsync(ContentDbContext db, Guid? parentKey, string name, string mediaType, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var item = new MediaItem
        {
            ParentKey = parentKey,
            Name = name,
            MediaTypeAlias = mediaType,
            UrlSegment = string.Empty,
            SortOrder = await NextSortOrderAsync(db, parentKey, cancellationToken),
            CreateDate = now,
            UpdateDate = now,
        };
        item.UrlSegment = await UniqueSegmentAsync(db, item.Key, parentKey, name, cancellationToken);
        return item;
    }

    private void Touch(MediaItem item)
    {
        item.UpdateDate = clock.GetUtcNow().UtcDateTime;
        item.Revision++;
    }

    private static string ValidName(string? name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        return trimmed switch
        {
            { Length: 0 } => throw Invalid("name", "Enter a name."),
            { Length: > MaxNameLength } => throw Invalid("name", $"The name must be at most {MaxNameLength} characters."),
            _ when MarkupRules.ContainsMarkup(trimmed) => throw Invalid("name", MarkupRules.NoMarkupMessage),
            _ => trimmed,
        };
    }

    private static string? ValidAltText(string? altText, bool isImage)
    {
        var trimmed = altText?.Trim() ?? string.Empty;
        return trimmed switch
        {
            { Length: 0 } when isImage => throw Invalid("altText", "Describe the image for people who cannot see it (alt text)."),
            { Length: 0 } => null,
            { Length: > MaxAltTextLength } => throw Invalid("altText", $"The alt text must be at most {MaxAltTextLength} characters."),
            _ when MarkupRules.ContainsMarkup(trimmed) => throw Invalid("altText", MarkupRules.NoMarkupMessage),
            _ => trimmed,
        };
    }

    private static async Task EnsureFolderAsync(ContentDbContext db, Guid? parentKey, CancellationToken cancellationToken, string field = "parentId")
    {
        if (parentKey is not { } key)
        {
            return;
        }

        var parent = await db.Media.AsNoTracking().FirstOrDefaultAsync(m => m.Key == key && !m.Trashed, cancellationToken)
            ?? throw new ContentException(ContentErrorKind.NotFound, $"Folder {key} was not found.");
        if (parent.MediaTypeAlias != MediaTypes.Folder)
        {
            throw Invalid(field, $"'{parent.Name}' is not a folder.");
        }
    }

    private static async Task<MediaItem> FindLiveAsync(ContentDbContext db, Guid key, CancellationToken cancellationToken)
    {
        var item = await db.Media.FirstOrDefaultAsync(m => m.Key == key, cancellationToken) ?? throw ContentException.NotFound("Media", key);
        return item.Trashed
            ? throw new ContentException(ContentErrorKind.Conflict, $"'{item.Name}' is in the recycle bin: restore it first.")
            : item;
    }

    private static async Task<int> NextSortOrderAsync(ContentDbContext db, Guid? parentKey, CancellationToken cancellationToken) =>
        (await db.Media.Where(m => m.ParentKey == parentKey).MaxAsync(m => (int?)m.SortOrder, cancellationToken) ?? -1) + 1;

    private static async Task<string> UniqueSegmentAsync(ContentDbContext db, Guid key, Guid? parentKey, string source, CancellationToken cancellationToken)
    {
        var wanted = ContentRoutes.ToSegment(source);
        var taken = (await db.Media.Where(m => m.ParentKey == parentKey && m.Key != key && !m.Trashed).Select(m => m.UrlSegment).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var candidate = wanted;
        for (var i = 2; taken.Contains(candidate); i++)
        {
            candidate = $"{wanted}-{i}";
        }

        return candidate;
    }

    private static async Task<List<MediaItem>> DescendantsAsync(ContentDbContext db, Guid key, CancellationToken cancellationToken)
    {
        var result = new List<MediaItem>();
        var frontier = new List<Guid> { key };
        while (frontier.Count > 0)
        {
            var current = frontier;
            var children = await db.Media.Where(m => m.ParentKey != null && current.Contains(m.ParentKey.Value)).ToListAsync(cancellationToken);
            result.AddRange(children);
            frontier = children.Select(c => c.Key).ToList();
        }

        return result;
    }

    private void Record(ContentDbContext db, string user, Guid key, string action, string? details)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Audit.Add(new AuditEntry { At = now, User = user, EntityType = "media", EntityKey = key, Action = action, Details = details });
        db.Changes.Add(new ContentChange { At = now, Kind = "Media" + action, EntityKey = key });
    }

    private static ContentException Invalid(string field, string message) =>
        new(ContentErrorKind.Invalid, message, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>
    /// One transaction per operation, retried when another request or node changed the same rows first; the snapshot
    /// is refreshed afterwards because every media change is visible to the site.
    /// </summary>
    private async Task<MediaItem> ExecuteAsync(Func<ContentDbContext, Task<MediaItem>> operation, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var item = await operation(db);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                await snapshots.RefreshAsync(db.Changes.Local.Max(c => c.Sequence), cancellationToken);
                return item;
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsTransient(ex))
            {
                logger.LogDebug(ex, "Media operation conflicted (attempt {Attempt}); retrying", attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 40) * attempt), cancellationToken);
            }
        }
    }

    private static bool IsTransient(Exception ex) => ex switch
    {
        DbUpdateException => true,
        InvalidOperationException { InnerException: { } inner } => IsTransient(inner),
        _ => DatabaseErrors.IsRetryable(ex),
    };
}
