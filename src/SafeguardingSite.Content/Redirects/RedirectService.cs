using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Content.Data;
using SafeguardingSite.Content.Media;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Content.Services;

namespace SafeguardingSite.Content.Redirects;

/// <summary>A manual redirect as an editor asks for it: from an old path to a page, or to a fixed address.</summary>
/// <param name="AllowExternal">Must be set for an address on another website, so a typo cannot send readers off-site.</param>
public sealed record AddRedirect(string? FromPath, Guid? TargetKey, string? TargetUrl, bool AllowExternal = false);

public sealed record RedirectQuery(string? Search = null, bool? Manual = null, int Page = 1, int PageSize = RedirectQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;
}

public sealed record RedirectListing(int Total, int Page, int PageSize, IReadOnlyList<RedirectUrl> Items)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// The site's 301s: the automatic ones <see cref="ContentService"/> records when a published page is renamed or moved,
/// and manual ones editors add. Every change is audited, goes on the change feed and refreshes the snapshot the
/// public site serves redirects from.
/// </summary>
public sealed class RedirectService(IDbContextFactory<ContentDbContext> contexts, PublishedSnapshotService snapshots, TimeProvider clock)
{
    public const string FromField = "fromPath";
    public const string TargetField = "target";

    /// <summary>Paths the site itself answers before any redirect is looked at; a redirect there would never be served.</summary>
    private static readonly string[] ReservedPrefixes = ["/umbraco/", "/media/", "/api/", "/health/"];

    /// <summary>A chain of manual redirects longer than this is refused as well as a loop: readers' browsers give up.</summary>
    private const int MaxChain = 5;

    public async Task<RedirectListing> ListAsync(RedirectQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, RedirectQuery.MaxPageSize);
        var page = Math.Max(1, query.Page);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.Redirects.AsNoTracking();
        if (query.Manual is { } manual)
        {
            rows = rows.Where(r => r.IsManual == manual);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLowerInvariant();
            rows = rows.Where(r => r.OldPath.Contains(term) || (r.TargetUrl != null && r.TargetUrl.ToLower().Contains(term)));
        }

        var total = await rows.CountAsync(cancellationToken);
        var items = await rows.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.OldPath)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new RedirectListing(total, page, pageSize, items);
    }

    public async Task<RedirectUrl> AddAsync(AddRedirect command, string user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var fromPath = ValidFromPath(command.FromPath);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var routes = await ContentService.PublishedRoutesAsync(db, cancellationToken);
        var livePaths = routes.Values.ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (livePaths.Contains(fromPath))
        {
            throw Invalid(FromField, $"{fromPath} is the address of a live page. Rename or move that page instead; the site then redirects its old address by itself.");
        }

        if (await db.Redirects.AnyAsync(r => r.OldPath == fromPath, cancellationToken))
        {
            throw Invalid(FromField, $"There is already a redirect from {fromPath}. Remove it first if you want to change where it goes.");
        }

        var redirect = new RedirectUrl { OldPath = fromPath, CreatedAt = clock.GetUtcNow().UtcDateTime, IsManual = true, CreatedBy = user };
        switch (command)
        {
            case { TargetKey: { } key, TargetUrl: null or "" }:
                var node = await db.Nodes.AsNoTracking().FirstOrDefaultAsync(n => n.Key == key && !n.Trashed, cancellationToken)
                    ?? throw Invalid(TargetField, "Choose a page that exists and is not in the recycle bin.");
                redirect.NodeKey = node.Key;
                break;
            case { TargetKey: null, TargetUrl: { Length: > 0 } url }:
                redirect.TargetUrl = ValidTargetUrl(url, command.AllowExternal);
                if (redirect.TargetUrl.StartsWith('/'))
                {
                    await EnsureNoLoopAsync(db, fromPath, redirect.TargetUrl, livePaths, cancellationToken);
                }

                break;
            default:
                throw Invalid(TargetField, "Choose either a page or an address to redirect to, not both.");
        }

        db.Redirects.Add(redirect);
        Record(db, user, "RedirectAdded", $"{fromPath} -> {redirect.TargetUrl ?? redirect.NodeKey.ToString()}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw Invalid(FromField, $"There is already a redirect from {fromPath}.");
        }

        await transaction.CommitAsync(cancellationToken);
        await snapshots.RefreshAsync(db.Changes.Local.Max(c => c.Sequence), cancellationToken);
        return redirect;
    }

    public async Task RemoveAsync(long id, string user, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var redirect = await db.Redirects.FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new ContentException(ContentErrorKind.NotFound, "That redirect no longer exists.");
        db.Redirects.Remove(redirect);
        Record(db, user, "RedirectRemoved", redirect.OldPath);
        await db.SaveChangesAsync(cancellationToken);
        await snapshots.RefreshAsync(db.Changes.Local.Max(c => c.Sequence), cancellationToken);
    }

    /// <summary>A path on this site, stored the way the public site looks it up: lower case, slashes at both ends.</summary>
    public static string ValidFromPath(string? path)
    {
        var trimmed = path?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw Invalid(FromField, "Enter the old address to redirect from, e.g. /old-leaflets/.");
        }

        if (!IsSitePath(trimmed) || trimmed.Contains('?', StringComparison.Ordinal) || trimmed.Contains('#', StringComparison.Ordinal))
        {
            throw Invalid(FromField, "Enter a path on this site starting with /, without the domain, ? or #, e.g. /old-leaflets/.");
        }

        var normalized = ContentRoutes.Normalize(trimmed);
        return normalized switch
        {
            "/" => throw Invalid(FromField, "The home page cannot be redirected."),
            { Length: > RedirectUrl.MaxPathLength } => throw Invalid(FromField, $"The path must be at most {RedirectUrl.MaxPathLength} characters."),
            _ when ReservedPrefixes.Any(p => normalized.StartsWith(p, StringComparison.Ordinal)) =>
                throw Invalid(FromField, "Addresses under /umbraco, /media, /api and /health belong to the site itself and cannot be redirected."),
            _ => normalized,
        };
    }

    private static string ValidTargetUrl(string url, bool allowExternal)
    {
        var trimmed = url.Trim();
        if (trimmed.Length > RedirectUrl.MaxTargetUrlLength)
        {
            throw Invalid(TargetField, $"The address must be at most {RedirectUrl.MaxTargetUrlLength} characters.");
        }

        if (IsSitePath(trimmed))
        {
            return trimmed;
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var absolute) || trimmed.Any(char.IsControl) || absolute.UserInfo.Length > 0)
        {
            throw Invalid(TargetField, "Enter a path on this site starting with /, or a full https:// address.");
        }

        if (absolute.Scheme != Uri.UriSchemeHttps)
        {
            throw Invalid(TargetField, "Addresses on other websites must start with https://.");
        }

        return allowExternal
            ? absolute.AbsoluteUri
            : throw Invalid(TargetField, $"{absolute.Host} is another website. Tick \"This address is on another website\" if that is what you mean.");
    }

    /// <summary>A relative path that cannot be read as another host ("//evil.example", "/\evil.example") or hide markup.</summary>
    private static bool IsSitePath(string path) =>
        path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal) && !path.Contains('\\', StringComparison.Ordinal)
        && !path.Any(char.IsControl) && !MarkupRules.ContainsMarkup(path) && !path.Split('/').Any(s => s is ".." or ".");

    /// <summary>Follows manual redirects from the target: ending back where we started, or bouncing on too long, is refused.</summary>
    private static async Task EnsureNoLoopAsync(ContentDbContext db, string fromPath, string targetUrl, HashSet<string> livePaths, CancellationToken cancellationToken)
    {
        var addresses = await db.Redirects.AsNoTracking().Where(r => r.TargetUrl != null).ToDictionaryAsync(r => r.OldPath, r => r.TargetUrl!, cancellationToken);
        var current = targetUrl;
        for (var step = 0; step <= MaxChain; step++)
        {
            var path = ContentRoutes.Normalize(current.Split('?', '#')[0]);
            if (path == fromPath)
            {
                throw Invalid(TargetField, step == 0
                    ? "A redirect cannot lead to its own address."
                    : $"That would make a loop: {current} already redirects back to {fromPath}.");
            }

            if (livePaths.Contains(path) || !addresses.TryGetValue(path, out var next) || !next.StartsWith('/'))
            {
                return;
            }

            current = next;
        }

        throw Invalid(TargetField, "That address starts a long chain of redirects. Point straight at the final page instead.");
    }

    private void Record(ContentDbContext db, string user, string action, string details)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Audit.Add(new AuditEntry { At = now, User = user, EntityType = "redirect", Action = action, Details = details });
        db.Changes.Add(new ContentChange { At = now, Kind = action });
    }

    private static ContentException Invalid(string field, string message) =>
        new(ContentErrorKind.Invalid, message, new Dictionary<string, string[]> { [field] = [message] });
}
