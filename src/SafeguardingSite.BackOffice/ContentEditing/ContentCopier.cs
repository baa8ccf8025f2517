using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.Services;

namespace SafeguardingSite.BackOffice.ContentEditing;

/// <summary>
/// Copies a page (and optionally the pages below it) as new drafts through ContentService, so every copy is checked
/// like any new page: the type must be allowed below the new parent and the values must be valid. Blocks get new keys.
/// </summary>
public sealed class ContentCopier(ContentService content, SchemaService schemas)
{
    /// <summary>Safety net against copying a page into its own branch or a huge tree by accident.</summary>
    public const int MaxPages = 500;

    public async Task<ContentDraft> CopyAsync(Guid sourceKey, Guid? targetParentKey, bool includeDescendants, string user, CancellationToken cancellationToken)
    {
        var schema = await schemas.GetSchemaAsync(cancellationToken);
        var source = await content.GetAsync(sourceKey, cancellationToken) ?? throw ContentException.NotFound("Content", sourceKey);
        var name = source.Node.ParentKey == targetParentKey ? $"{source.Draft.Name} (copy)" : source.Draft.Name;
        var copied = 0;
        var copy = await CopyOneAsync(schema, source, targetParentKey, name, cancellationToken);
        if (includeDescendants)
        {
            await CopyChildrenAsync(schema, sourceKey, copy.Node.Key, cancellationToken);
        }

        return copy;

        async Task CopyChildrenAsync(ContentSchema schema, Guid from, Guid to, CancellationToken token)
        {
            foreach (var child in await content.GetChildrenAsync(from, token))
            {
                if (++copied > MaxPages || child.Key == copy.Node.Key)
                {
                    return;
                }

                var draft = await content.GetAsync(child.Key, token);
                if (draft is null)
                {
                    continue;
                }

                var childCopy = await CopyOneAsync(schema, draft, to, draft.Draft.Name, token);
                await CopyChildrenAsync(schema, child.Key, childCopy.Node.Key, token);
            }
        }

        Task<ContentDraft> CopyOneAsync(ContentSchema schema, ContentDraft draft, Guid? parent, string copyName, CancellationToken token) =>
            content.CreateAsync(new CreateContent(parent, draft.Node.DocumentTypeAlias, copyName,
                EditorValues.FromStored(schema, draft.Node.DocumentTypeAlias, draft.Values, keepBlockKeys: false)), user, token);
    }
}
