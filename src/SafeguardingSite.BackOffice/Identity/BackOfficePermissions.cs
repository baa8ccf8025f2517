using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Content.Data;

namespace SafeguardingSite.BackOffice.Identity;

/// <summary>What a back-office user may do. Groups grant permissions; start nodes limit content permissions to branches.</summary>
public interface IBackOfficePermissions
{
    /// <summary>
    /// True when the user holds the permission and, for a content permission with a content key, the item is inside
    /// one of the user's start nodes (or the user has none, meaning the whole tree).
    /// </summary>
    Task<bool> CanAsync(ClaimsPrincipal user, string permission, Guid? contentKey = null, CancellationToken cancellationToken = default);
}

/// <summary>The permission names groups carry. Content permissions (content.*) are the ones start nodes limit.</summary>
public static class BackOfficePermission
{
    public const string Users = "users";
    public const string Groups = "groups";
    public const string Settings = "settings";
    public const string ContentBrowse = "content.browse";
    public const string ContentCreate = "content.create";
    public const string ContentEdit = "content.edit";
    public const string ContentSubmit = "content.submit";
    public const string ContentPublish = "content.publish";
    public const string ContentUnpublish = "content.unpublish";
    public const string ContentDelete = "content.delete";
    public const string Media = "media.manage";
    public const string TrainingManage = "training.manage";
    public const string TrainingDeliver = "training.deliver";
    public const string BulletinEdit = "bulletin.edit";
    public const string AnalyticsRead = "analytics.read";

    public static IReadOnlyList<string> All { get; } =
    [
        Users, Groups, Settings, ContentBrowse, ContentCreate, ContentEdit, ContentSubmit, ContentPublish, ContentUnpublish,
        ContentDelete, Media, TrainingManage, TrainingDeliver, BulletinEdit, AnalyticsRead,
    ];

    public static bool IsContentPermission(string permission) => permission.StartsWith("content.", StringComparison.Ordinal);
}

internal sealed class BackOfficePermissions(IDbContextFactory<ContentDbContext> content) : IBackOfficePermissions
{
    /// <summary>Deeper than any real tree; stops a corrupt parent loop from spinning forever.</summary>
    private const int MaxDepth = 64;

    public async Task<bool> CanAsync(ClaimsPrincipal user, string permission, Guid? contentKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(permission);
        if (user.Identity?.IsAuthenticated != true || !user.HasClaim(BackOfficeClaims.Permission, permission))
        {
            return false;
        }

        var startNodes = user.FindAll(BackOfficeClaims.StartNode).Select(c => Guid.TryParse(c.Value, out var key) ? key : Guid.Empty).ToHashSet();
        if (contentKey is not { } key || !BackOfficePermission.IsContentPermission(permission) || startNodes.Count == 0)
        {
            return true;
        }

        await using var db = await content.CreateDbContextAsync(cancellationToken);
        Guid? current = key;
        for (var depth = 0; current is { } node && depth < MaxDepth; depth++)
        {
            if (startNodes.Contains(node))
            {
                return true;
            }

            current = await db.Nodes.AsNoTracking().Where(n => n.Key == node).Select(n => n.ParentKey).FirstOrDefaultAsync(cancellationToken);
        }

        return false;
    }
}
