using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SafeguardingSite.Content.Data;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.PropertyEditors;
using SafeguardingSite.Content.Published;

namespace SafeguardingSite.Content.Services;

/// <summary>
/// The content lifecycle: create, save (every save a version), publish, unpublish, roll back, move, sort, schedule,
/// recycle bin and audit. Each operation runs in one transaction that also writes the change feed and any redirects,
/// and retries when another node or request changed the same rows first.
/// </summary>
public sealed class ContentService(
    IDbContextFactory<ContentDbContext> contexts,
    PropertyValueNormalizer normalizer,
    PublishedSnapshotService snapshots,
    TimeProvider clock,
    ILogger<ContentService> logger)
{
    public const int MaxNameLength = 255;
    private const int MaxAttempts = 6;

    public async Task<ContentDraft> CreateAsync(CreateContent command, string user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await ExecuteAsync(async db =>
        {
            var schema = await LoadSchemaAsync(db, cancellationToken);
            var type = schema.FindDocumentType(command.DocumentTypeAlias)
                ?? throw Invalid("contentType", $"There is no document type called '{command.DocumentTypeAlias}'.");
            if (type.IsElement)
            {
                throw Invalid("contentType", $"'{type.Name}' is an element type: it can only be used inside a block list.");
            }

            ContentNode? parent = null;
            if (command.ParentKey is { } parentKey)
            {
                parent = await db.Nodes.FirstOrDefaultAsync(n => n.Key == parentKey && !n.Trashed, cancellationToken)
                    ?? throw new ContentException(ContentErrorKind.NotFound, $"Parent {parentKey} was not found.");
                var parentType = schema.FindDocumentType(parent.DocumentTypeAlias);
                if (parentType is null || !parentType.AllowedChildTypes.Contains(type.Alias, StringComparer.OrdinalIgnoreCase))
                {
                    throw Invalid("contentType", $"A '{type.Name}' cannot be created below a '{parentType?.Name ?? parent.DocumentTypeAlias}'.");
                }
            }
            else if (!type.AllowAtRoot)
            {
                throw Invalid("contentType", $"A '{type.Name}' cannot be created at the root of the tree.");
            }

            if (command.Key is { } wantedKey && await db.Nodes.AnyAsync(n => n.Key == wantedKey, cancellationToken))
            {
                throw new ContentException(ContentErrorKind.Conflict, $"Content {wantedKey} already exists.");
            }

            var name = ValidName(command.Name);
            var values = Validate(schema, type.Alias, command.Values ?? new JsonObject());
            var now = clock.GetUtcNow().UtcDateTime;
            var node = new ContentNode
            {
                Key = command.Key ?? Guid.NewGuid(),
                ParentKey = parent?.Key,
                DocumentTypeAlias = type.Alias,
                Level = (parent?.Level ?? 0) + 1,
                SortOrder = await NextSortOrderAsync(db, parent?.Key, cancellationToken),
                Name = name,
                UrlSegment = string.Empty,
                CreateDate = now,
                UpdateDate = now,
                CreatedBy = user,
            };
            node.UrlSegment = await UniqueSegmentAsync(db, node.Key, parent?.Key, command.UrlSegment ?? name, cancellationToken);
            var version = NewVersion(node, 1, values, user, now, note: "Created");
            node.DraftVersionId = version.Id;
            db.Nodes.Add(node);
            db.Versions.Add(version);
            Audit(db, user, node.Key, "Created", $"{type.Name} '{name}'");
            return new Outcome<ContentDraft>(new ContentDraft(node, version, false, true), AffectsPublished: false);
        }, cancellationToken);
    }

    public async Task<ContentDraft> UpdateAsync(Guid key, UpdateContent command, string user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await ExecuteAsync(async db =>
        {
            var node = await FindLiveNodeAsync(db, key, cancellationToken);
            if (command.ExpectedRevision is { } expected && expected != node.Revision)
            {
                throw new ContentException(ContentErrorKind.Conflict,
                    "Someone else saved this page since you opened it. Reload to see their changes, then apply yours again.");
            }

            var schema = await LoadSchemaAsync(db, cancellationToken);
            var draft = await db.Versions.AsNoTracking().SingleAsync(v => v.Id == node.DraftVersionId, cancellationToken);
            var merged = JsonNode.Parse(draft.ValuesJson) as JsonObject ?? new JsonObject();
            foreach (var (alias, value) in command.Values ?? new JsonObject())
            {
                var existing = merged.FirstOrDefault(v => string.Equals(v.Key, alias, StringComparison.OrdinalIgnoreCase)).Key;
                merged.Remove(existing ?? alias);
                if (value is not null)
                {
                    merged[alias] = value.DeepClone();
                }
            }

            var values = Validate(schema, node.DocumentTypeAlias, merged);
            var name = command.Name is null ? draft.Name : ValidName(command.Name);
            var segmentSource = command.UrlSegment ?? (command.Name is null ? draft.UrlSegment : name);
            var segment = await UniqueSegmentAsync(db, node.Key, node.ParentKey, segmentSource, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var version = NewVersion(node, await NextVersionNumberAsync(db, key, cancellationToken), values, user, now, note: null);
            version.Name = name;
            version.UrlSegment = segment;
            node.Name = name;
            node.UrlSegment = segment;
            node.DraftVersionId = version.Id;
            node.UpdateDate = now;
            node.Revision++;
            db.Versions.Add(version);
            Audit(db, user, key, "Saved", $"Version {version.Number}");
            return new Outcome<ContentDraft>(new ContentDraft(node, version, node.PublishedVersionId is not null, true), AffectsPublished: false);
        }, cancellationToken);
    }

    public async Task PublishAsync(Guid key, string user, bool includeDescendants = false, CancellationToken cancellationToken = default)
    {
        await ExecuteAsync(async db =>
        {
            var node = await FindLiveNodeAsync(db, key, cancellationToken);
            await EnsureParentPublishedAsync(db, node, cancellationToken);
            var routesBefore = await PublishedRoutesAsync(db, cancellationToken);
            var targets = new List<ContentNode> { node };
            if (includeDescendants)
            {
                targets.AddRange(await DescendantsAsync(db, node.Key, cancellationToken));
            }

            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var target in targets.Where(t => !t.Trashed))
            {
                target.PublishedVersionId = target.DraftVersionId;
                target.PublishAt = null;
                target.UpdateDate = now;
                target.Revision++;
                Audit(db, user, target.Key, "Published", target == node && includeDescendants ? "With descendants" : null);
            }

            await db.SaveChangesAsync(cancellationToken);
            await TrackRedirectsAsync(db, routesBefore, cancellationToken);
            RecordChange(db, "Published", key);
            return Outcome.Published;
        }, cancellationToken);
    }

    public async Task UnpublishAsync(Guid key, string user, CancellationToken cancellationToken = default)
    {
        await ExecuteAsync(async db =>
        {
            var node = await FindLiveNodeAsync(db, key, cancellationToken);
            if (node.PublishedVersionId is null)
            {
                throw new ContentException(ContentErrorKind.Conflict, $"'{node.Name}' is not published.");
            }

            node.PublishedVersionId = null;
            node.ExpireAt = null;
            node.UpdateDate = clock.GetUtcNow().UtcDateTime;
            node.Revision++;
            Audit(db, user, key, "Unpublished", null);
            RecordChange(db, "Unpublished", key);
            return Outcome.Published;
        }, cancellationToken);
    }

    /// <summary>Makes an earlier version the draft again (as a new version, so nothing is lost) and optionally publishes it.</summary>
    public async Task<ContentDraft> RollbackAsync(Guid key, int versionNumber, string user, bool publish = false, CancellationToken cancellationToken = default)
    {
        var draft = await ExecuteAsync(async db =>
        {
            var node = await FindLiveNodeAsync(db, key, cancellationToken);
            var source = await db.Versions.AsNoTracking().SingleOrDefaultAsync(v => v.NodeKey == key && v.Number == versionNumber, cancellationToken)
                ?? throw new ContentException(ContentErrorKind.NotFound, $"Version {versionNumber} of '{node.Name}' was not found.");
            var now = clock.GetUtcNow().UtcDateTime;
            var version = new ContentVersion
            {
                NodeKey = key,
                Number = await NextVersionNumberAsync(db, key, cancellationToken),
                Name = source.Name,
                UrlSegment = await UniqueSegmentAsync(db, key, node.ParentKey, source.UrlSegment, cancellationToken),
                ValuesJson = source.ValuesJson,
                CreatedAt = now,
                CreatedBy = user,
                Note = $"Rolled back to version {versionNumber}",
            };
            node.Name = version.Name;
            node.UrlSegment = version.UrlSegment;
            node.DraftVersionId = version.Id;
            node.UpdateDate = now;
            node.Revision++;
            db.Versions.Add(version);
            Audit(db, user, key, "RolledBack", $"To version {versionNumber}");
            return new Outcome<ContentDraft>(new ContentDraft(node, version, node.PublishedVersionId is not null, true), AffectsPublished: false);
        }, cancellationToken);

        if (publish)
        {
            await PublishAsync(key, user, cancellationToken: cancellationToken);
        }

        return draft;
    }

    public async Task MoveAsync(Guid key, Guid? newParentKey, string user, CancellationToken cancellationToken = default)
    {
        await ExecuteAsync(async db =>
        {
            var node = await FindLiveNodeAsync(db, key, cancellationToken);
            var schema = await LoadSchemaAsync(db, cancellationToken);
            var type = schema.FindDocumentType(node.DocumentTypeAlias);
            var descendants = await DescendantsAsync(db, key, cancellationToken);
            if (newParentKey is { } parentKey)
            {
                if (parentKey == key || descendants.Any(d => d.Key == parentKey))
                {
                    throw Invalid("parent", "A page cannot be moved below itself.");
                }

                var parent = await FindLiveNodeAsync(db, parentKey, cancellationToken);
                var parentType = schema.FindDocumentType(parent.DocumentTypeAlias);
                if (parentType is null || !parentType.AllowedChildTypes.Contains(node.DocumentTypeAlias, StringComparer.OrdinalIgnoreCase))
                {
                    throw Invalid("parent", $"A '{type?.Name ?? node.DocumentTypeAlias}' cannot be moved below a '{parentType?.Name ?? parent.DocumentTypeAlias}'.");
                }

                node.Level = parent.Level + 1;
            }
            else
            {
                if (type is null || !type.AllowAtRoot)
                {
                    throw Invalid("parent", $"A '{type?.Name ?? node.DocumentTypeAlias}' cannot be moved to the root.");
                }

                node.Level = 1;
            }

            if (node.ParentKey == newParentKey)
            {
                return Outcome.Nothing;
            }

            var routesBefore = await PublishedRoutesAsync(db, cancellationToken);
            node.ParentKey = newParentKey;
            node.SortOrder = await NextSortOrderAsync(db, newParentKey, cancellationToken);
            node.UrlSegment = await UniqueSegmentAsync(db, key, newParentKey, node.UrlSegment, cancellationToken);
            node.Revision++;
            FixLevels(node, descendants);
            Audit(db, user, key, "Moved", newParentKey is null ? "To the root" : $"Below {newParentKey}");
            await db.SaveChangesAsync(cancellationToken);
            await TrackRedirectsAsync(db, routesBefore, cancellationToken);
            RecordChange(db, "Moved", key);
            return Outcome.Published;
        }, cancellationToken);
    }

    /// <summary>Puts the children of a parent in the given order; children not listed keep their place after them.</summary>
    public async Task SortAsync(Guid? parentKey, IReadOnlyList<Guid> orderedKeys, string user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orderedKeys);
        await ExecuteAsync(async db =>
        {
            var children = await db.Nodes.Where(n => n.ParentKey == parentKey && !n.Trashed).OrderBy(n => n.SortOrder).ToListAsync(cancellationToken);
            var unknown = orderedKeys.Where(k => children.All(c => c.Key != k)).ToList();
            if (unknown.Count > 0)
            {
                throw Invalid("keys", $"{unknown[0]} is not a child of this parent.");
            }

            var order = orderedKeys.Distinct().Concat(children.Select(c => c.Key).Where(k => !orderedKeys.Contains(k))).ToList();
            foreach (var child in children)
            {
                child.SortOrder = order.IndexOf(child.Key);
                child.Revision++;
            }

            Audit(db, user, parentKey, "Sorted", $"{children.Count} children");
            RecordChange(db, "Sorted", parentKey);
            return Outcome.Published;
        }, cancellationToken);
    }

    /// <summary>Moves a node and everything below it to the recycle bin. Trashed pages leave the site at once.</summary>
    public async Task TrashAsync(Guid key, string user, CancellationToken cancellationToken = default)
    {
        await ExecuteAsync(async db =>
        {
            var node = await FindLiveNodeAsync(db, key, cancellationToken);
            var subtree = (await DescendantsAsync(db, key, cancellationToken)).Prepend(node).ToList();
            foreach (var item in subtree)
            {
                item.Trashed = true;
                item.PublishedVersionId = null;
                item.PublishAt = null;
                item.ExpireAt = null;
                item.Revision++;
            }

            node.TrashedFromParentKey = node.ParentKey;
            node.TrashedFromRoot = true;
            Audit(db, user, key, "Trashed", subtree.Count > 1 ? $"With {subtree.Count - 1} pages below it" : null);
            RecordChange(db, "Trashed", key);
            return Outcome.Published;
        }, cancellationToken);
    }

    /// <summary>Brings a node back from the recycle bin, to where it was or to another parent. It comes back unpublished.</summary>
    public async Task RestoreAsync(Guid key, Guid? toParentKey, string user, CancellationToken cancellationToken = default)
    {
        await ExecuteAsync(async db =>
        {
            var node = await db.Nodes.FirstOrDefaultAsync(n => n.Key == key && n.Trashed && n.TrashedFromRoot, cancellationToken)
                ?? throw new ContentException(ContentErrorKind.NotFound, $"{key} is not in the recycle bin.");
            var target = toParentKey ?? node.TrashedFromParentKey;
            if (target is { } parentKey && !await db.Nodes.AnyAsync(n => n.Key == parentKey && !n.Trashed, cancellationToken))
            {
                throw new ContentException(ContentErrorKind.Conflict, "The page it came from is gone or in the recycle bin: choose where to restore it.");
            }

            var subtree = (await DescendantsAsync(db, key, cancellationToken, includeTrashed: true)).Prepend(node).ToList();
            foreach (var item in subtree)
            {
                item.Trashed = false;
                item.Revision++;
            }

            node.ParentKey = target;
            node.TrashedFromParentKey = null;
            node.TrashedFromRoot = false;
            node.UrlSegment = await UniqueSegmentAsync(db, key, target, node.UrlSegment, cancellationToken);
            Audit(db, user, key, "Restored", null);
            return new Outcome<bool>(true, AffectsPublished: false);
        }, cancellationToken);
    }

    /// <summary>Deletes a recycle-bin item for good, with its versions and redirects. The audit trail keeps the record.</summary>
    public async Task DeletePermanentlyAsync(Guid key, string user, CancellationToken cancellationToken = default)
    {
        await ExecuteAsync(async db =>
        {
            var node = await db.Nodes.FirstOrDefaultAsync(n => n.Key == key && n.Trashed, cancellationToken)
                ?? throw new ContentException(ContentErrorKind.Conflict, "Only items in the recycle bin can be deleted permanently.");
            var subtree = (await DescendantsAsync(db, key, cancellationToken, includeTrashed: true)).Prepend(node).ToList();
            var keys = subtree.Select(n => n.Key).ToList();
            db.Versions.RemoveRange(await db.Versions.Where(v => keys.Contains(v.NodeKey)).ToListAsync(cancellationToken));
            db.Redirects.RemoveRange(await db.Redirects.Where(r => keys.Contains(r.NodeKey)).ToListAsync(cancellationToken));
            db.Nodes.RemoveRange(subtree);
            Audit(db, user, key, "Deleted", $"'{node.Name}' and {subtree.Count - 1} pages below it");
            RecordChange(db, "Deleted", key);
            return Outcome.Published;
        }, cancellationToken);
    }

    public async Task<int> EmptyRecycleBinAsync(string user, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var roots = await db.Nodes.Where(n => n.Trashed && n.TrashedFromRoot).Select(n => n.Key).ToListAsync(cancellationToken);
        foreach (var key in roots)
        {
            await DeletePermanentlyAsync(key, user, cancellationToken);
        }

        return roots.Count;
    }

    /// <summary>Sets or clears the times at which the node will be published and taken down.</summary>
    public async Task ScheduleAsync(Guid key, DateTime? publishAt, DateTime? expireAt, string user, CancellationToken cancellationToken = default)
    {
        var publishUtc = publishAt?.ToUniversalTime();
        var expireUtc = expireAt?.ToUniversalTime();
        if (publishUtc is { } p && expireUtc is { } e && e <= p)
        {
            throw Invalid("expireAt", "The page must be taken down after it is published.");
        }

        await ExecuteAsync(async db =>
        {
            var node = await FindLiveNodeAsync(db, key, cancellationToken);
            node.PublishAt = publishUtc;
            node.ExpireAt = expireUtc;
            node.Revision++;
            Audit(db, user, key, "Scheduled", $"Publish {publishUtc?.ToString("u") ?? "not set"}, expire {expireUtc?.ToString("u") ?? "not set"}");
            return new Outcome<bool>(true, AffectsPublished: false);
        }, cancellationToken);
    }

    /// <summary>
    /// Publishes and expires whatever is due. Safe to run on several nodes at once and after downtime: each node's
    /// schedule is cleared in the same transaction as its publish, so a due item is acted on exactly once.
    /// </summary>
    public async Task<(int Published, int Expired)> RunScheduleAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<Guid> duePublish;
        List<Guid> dueExpire;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            duePublish = await db.Nodes.Where(n => !n.Trashed && n.PublishAt != null && n.PublishAt <= now).Select(n => n.Key).ToListAsync(cancellationToken);
            dueExpire = await db.Nodes.Where(n => !n.Trashed && n.ExpireAt != null && n.ExpireAt <= now).Select(n => n.Key).ToListAsync(cancellationToken);
        }

        var published = 0;
        var expired = 0;
        foreach (var key in duePublish)
        {
            try
            {
                published += await ExecuteAsync(async db =>
                {
                    var node = await db.Nodes.FirstOrDefaultAsync(n => n.Key == key && !n.Trashed && n.PublishAt != null && n.PublishAt <= now, cancellationToken);
                    if (node is null)
                    {
                        return new Outcome<int>(0, false); // another node got there first
                    }

                    await EnsureParentPublishedAsync(db, node, cancellationToken);
                    var routesBefore = await PublishedRoutesAsync(db, cancellationToken);
                    node.PublishedVersionId = node.DraftVersionId;
                    node.PublishAt = null;
                    node.Revision++;
                    Audit(db, "scheduler", key, "Published", "Scheduled publish");
                    await db.SaveChangesAsync(cancellationToken);
                    await TrackRedirectsAsync(db, routesBefore, cancellationToken);
                    RecordChange(db, "Published", key);
                    return new Outcome<int>(1, true);
                }, cancellationToken);
            }
            catch (ContentException ex)
            {
                logger.LogWarning("Scheduled publish of {Key} skipped: {Reason}", key, ex.Message);
                await RecordScheduleFailureAsync(key, ex.Message, cancellationToken);
            }
        }

        foreach (var key in dueExpire)
        {
            expired += await ExecuteAsync(async db =>
            {
                var node = await db.Nodes.FirstOrDefaultAsync(n => n.Key == key && n.ExpireAt != null && n.ExpireAt <= now, cancellationToken);
                if (node is null)
                {
                    return new Outcome<int>(0, false);
                }

                var wasPublished = node.PublishedVersionId is not null;
                node.PublishedVersionId = null;
                node.ExpireAt = null;
                node.Revision++;
                Audit(db, "scheduler", key, "Unpublished", "Scheduled expiry");
                if (wasPublished)
                {
                    RecordChange(db, "Unpublished", key);
                }

                return new Outcome<int>(wasPublished ? 1 : 0, wasPublished);
            }, cancellationToken);
        }

        return (published, expired);
    }

    private async Task RecordScheduleFailureAsync(Guid key, string reason, CancellationToken cancellationToken)
    {
        await ExecuteAsync(async db =>
        {
            var node = await db.Nodes.FirstAsync(n => n.Key == key, cancellationToken);
            node.PublishAt = null;
            node.Revision++;
            Audit(db, "scheduler", key, "ScheduleFailed", reason);
            return new Outcome<bool>(true, false);
        }, cancellationToken);
    }

    public async Task<ContentDraft?> GetAsync(Guid key, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var node = await db.Nodes.AsNoTracking().FirstOrDefaultAsync(n => n.Key == key, cancellationToken);
        if (node is null)
        {
            return null;
        }

        var draft = await db.Versions.AsNoTracking().SingleAsync(v => v.Id == node.DraftVersionId, cancellationToken);
        return new ContentDraft(node, draft, node.PublishedVersionId is not null, node.PublishedVersionId != node.DraftVersionId);
    }

    public async Task<IReadOnlyList<ContentNode>> GetChildrenAsync(Guid? parentKey, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Nodes.AsNoTracking().Where(n => n.ParentKey == parentKey && !n.Trashed)
            .OrderBy(n => n.SortOrder).ThenBy(n => n.Name).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ContentNode>> GetRecycleBinAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Nodes.AsNoTracking().Where(n => n.Trashed && n.TrashedFromRoot).OrderBy(n => n.Name).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ContentVersion>> GetVersionsAsync(Guid key, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Versions.AsNoTracking().Where(v => v.NodeKey == key).OrderByDescending(v => v.Number).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> GetAuditAsync(Guid? key, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Audit.AsNoTracking();
        if (key is not null)
        {
            query = query.Where(a => a.EntityKey == key);
        }

        return await query.OrderByDescending(a => a.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 500)).ToListAsync(cancellationToken);
    }

    private JsonObject Validate(ContentSchema schema, string documentTypeAlias, JsonObject values)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var normalized = normalizer.Normalize(schema, documentTypeAlias, values, errors);
        if (errors.Count > 0)
        {
            throw new ContentException(ContentErrorKind.Invalid, "Some values need correcting.",
                errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.OrdinalIgnoreCase));
        }

        return normalized;
    }

    private static string ValidName(string? name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw Invalid("name", "Enter a name.");
        }

        if (trimmed.Length > MaxNameLength)
        {
            throw Invalid("name", $"The name must be at most {MaxNameLength} characters.");
        }

        return trimmed;
    }

    private static ContentException Invalid(string field, string message) =>
        new(ContentErrorKind.Invalid, message, new Dictionary<string, string[]> { [field] = [message] });

    private static ContentVersion NewVersion(ContentNode node, int number, JsonObject values, string user, DateTime now, string? note) => new()
    {
        NodeKey = node.Key,
        Number = number,
        Name = node.Name,
        UrlSegment = node.UrlSegment,
        ValuesJson = values.ToJsonString(),
        CreatedAt = now,
        CreatedBy = user,
        Note = note,
    };

    private static async Task<ContentSchema> LoadSchemaAsync(ContentDbContext db, CancellationToken cancellationToken) => new(
        await db.DocumentTypes.AsNoTracking().ToListAsync(cancellationToken),
        await db.DataTypes.AsNoTracking().ToListAsync(cancellationToken));

    private static async Task<ContentNode> FindLiveNodeAsync(ContentDbContext db, Guid key, CancellationToken cancellationToken)
    {
        var node = await db.Nodes.FirstOrDefaultAsync(n => n.Key == key, cancellationToken)
            ?? throw ContentException.NotFound("Content", key);
        return node.Trashed
            ? throw new ContentException(ContentErrorKind.Conflict, $"'{node.Name}' is in the recycle bin: restore it first.")
            : node;
    }

    private static async Task EnsureParentPublishedAsync(ContentDbContext db, ContentNode node, CancellationToken cancellationToken)
    {
        if (node.ParentKey is { } parentKey
            && !await db.Nodes.AnyAsync(n => n.Key == parentKey && n.PublishedVersionId != null && !n.Trashed, cancellationToken))
        {
            throw new ContentException(ContentErrorKind.Conflict, $"'{node.Name}' cannot be published until the page above it is published.");
        }
    }

    private static async Task<int> NextSortOrderAsync(ContentDbContext db, Guid? parentKey, CancellationToken cancellationToken) =>
        (await db.Nodes.Where(n => n.ParentKey == parentKey).MaxAsync(n => (int?)n.SortOrder, cancellationToken) ?? -1) + 1;

    private static async Task<int> NextVersionNumberAsync(ContentDbContext db, Guid key, CancellationToken cancellationToken) =>
        (await db.Versions.Where(v => v.NodeKey == key).MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0) + 1;

    /// <summary>Two siblings never share a segment: a clash gets -2, -3 and so on, as Umbraco does with (1), (2).</summary>
    private static async Task<string> UniqueSegmentAsync(ContentDbContext db, Guid key, Guid? parentKey, string source, CancellationToken cancellationToken)
    {
        var wanted = ContentRoutes.ToSegment(source);
        var taken = (await db.Nodes.Where(n => n.ParentKey == parentKey && n.Key != key && !n.Trashed).Select(n => n.UrlSegment).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var candidate = wanted;
        for (var i = 2; taken.Contains(candidate); i++)
        {
            candidate = $"{wanted}-{i}";
        }

        return candidate;
    }

    private static async Task<List<ContentNode>> DescendantsAsync(ContentDbContext db, Guid key, CancellationToken cancellationToken, bool includeTrashed = false)
    {
        // Trees here are shallow and small (hundreds of pages), so a breadth-first walk beats a recursive CTE per provider.
        var result = new List<ContentNode>();
        var frontier = new List<Guid> { key };
        while (frontier.Count > 0)
        {
            var current = frontier;
            var children = await db.Nodes.Where(n => n.ParentKey != null && current.Contains(n.ParentKey.Value) && (includeTrashed || !n.Trashed))
                .ToListAsync(cancellationToken);
            result.AddRange(children);
            frontier = children.Select(c => c.Key).ToList();
        }

        return result;
    }

    private static void FixLevels(ContentNode node, List<ContentNode> descendants)
    {
        var levels = new Dictionary<Guid, int> { [node.Key] = node.Level };
        foreach (var descendant in descendants)
        {
            if (descendant.ParentKey is { } parent && levels.TryGetValue(parent, out var parentLevel))
            {
                descendant.Level = parentLevel + 1;
                levels[descendant.Key] = descendant.Level;
            }
        }
    }

    internal static async Task<Dictionary<Guid, string>> PublishedRoutesAsync(ContentDbContext db, CancellationToken cancellationToken)
    {
        var rows = await (from n in db.Nodes
                          where !n.Trashed && n.PublishedVersionId != null
                          join v in db.Versions on n.PublishedVersionId equals v.Id
                          select new { n.Key, n.ParentKey, n.SortOrder, v.Name, v.UrlSegment }).ToListAsync(cancellationToken);
        return RouteTable.Compute(rows.Select(r => new RouteTable.RouteNode(r.Key, r.ParentKey, r.SortOrder, r.Name, r.UrlSegment)));
    }

    /// <summary>
    /// Compares published URLs before and after a change: every page (and page below it) whose URL moved gets a 301
    /// from its old URL, and a redirect whose old path is now a live page again is removed.
    /// </summary>
    private async Task TrackRedirectsAsync(ContentDbContext db, Dictionary<Guid, string> before, CancellationToken cancellationToken)
    {
        var after = await PublishedRoutesAsync(db, cancellationToken);
        var moved = before.Where(b => after.TryGetValue(b.Key, out var now) && now != b.Value).ToList();
        if (moved.Count == 0)
        {
            return;
        }

        var livePaths = moved.Select(m => after[m.Key]).ToList();
        var oldPaths = moved.Select(m => m.Value).ToList();
        var affected = await db.Redirects.Where(r => livePaths.Contains(r.OldPath) || oldPaths.Contains(r.OldPath)).ToListAsync(cancellationToken);
        db.Redirects.RemoveRange(affected);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (key, oldPath) in moved.Where(m => m.Value != "/"))
        {
            db.Redirects.Add(new RedirectUrl { OldPath = oldPath, NodeKey = key, CreatedAt = now });
        }
    }

    private void Audit(ContentDbContext db, string user, Guid? key, string action, string? details) => db.Audit.Add(new AuditEntry
    {
        At = clock.GetUtcNow().UtcDateTime,
        User = user,
        EntityType = "document",
        EntityKey = key,
        Action = action,
        Details = details,
    });

    private void RecordChange(ContentDbContext db, string kind, Guid? key) =>
        db.Changes.Add(new ContentChange { At = clock.GetUtcNow().UtcDateTime, Kind = kind, EntityKey = key });

    private readonly record struct Outcome<T>(T Value, bool AffectsPublished);

    private static class Outcome
    {
        public static Outcome<bool> Published => new(true, true);
        public static Outcome<bool> Nothing => new(false, false);
    }

    /// <summary>
    /// Runs one operation in its own context and transaction, retrying on concurrency conflicts and unique-key races,
    /// then refreshes this node's snapshot if published content changed. Other nodes pick the change up from the feed.
    /// </summary>
    private async Task<T> ExecuteAsync<T>(Func<ContentDbContext, Task<Outcome<T>>> operation, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var outcome = await operation(db);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                if (outcome.AffectsPublished)
                {
                    var sequence = db.Changes.Local.Select(c => c.Sequence).DefaultIfEmpty(0).Max();
                    await snapshots.RefreshAsync(sequence, cancellationToken);
                }

                return outcome.Value;
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsTransient(ex))
            {
                logger.LogDebug(ex, "Content operation conflicted (attempt {Attempt}); retrying", attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 40) * attempt), cancellationToken);
            }
        }
    }

    private static bool IsTransient(Exception ex) => ex switch
    {
        DbUpdateConcurrencyException => true,
        DbUpdateException => true, // unique-key races (segment, version number, redirect path) resolve on a fresh read
        InvalidOperationException { InnerException: { } inner } => IsTransient(inner),
        _ => ex.GetType().Name is "PostgresException" or "SqliteException" && DatabaseErrors.IsRetryable(ex),
    };
}
