using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SafeguardingSite.Bulletin.Subscriptions;
using SafeguardingSite.Content.Published;

namespace SafeguardingSite.Bulletin.Sending;

/// <summary>The public addresses of the bulletin's pages, absolute because they go out in mail.</summary>
public sealed class BulletinLinks(IOptions<BulletinOptions> options, IConfiguration configuration, SubscriptionTokens tokens, IPublishedSnapshotAccessor snapshots)
{
    public const string SubscribePath = "/bulletin/subscribe";
    public const string ConfirmPath = "/bulletin/confirm";
    public const string PreferencesPath = "/bulletin/preferences";
    public const string UnsubscribePath = "/bulletin/unsubscribe";
    public const string OneClickPath = "/bulletin/one-click-unsubscribe";
    public const string MyDataPath = "/bulletin/my-data";
    public const string ErasePath = "/bulletin/erase";

    public string BaseUrl => (options.Value.PublicBaseUrl is { Length: > 0 } own ? own
        : configuration["Site:PublicBaseUrl"] is { Length: > 0 } site ? site : "http://localhost").TrimEnd('/');

    public string Confirm(Guid subscriberId, DateTime issuedAt) => WithToken(ConfirmPath, tokens.ForConfirmation(subscriberId, issuedAt));

    public string Preferences(Guid subscriberId) => WithToken(PreferencesPath, tokens.ForManaging(subscriberId));

    public string Unsubscribe(Guid subscriberId) => WithToken(UnsubscribePath, tokens.ForManaging(subscriberId));

    public string OneClick(Guid subscriberId) => WithToken(OneClickPath, tokens.ForManaging(subscriberId));

    public const string BulletinPageType = "bulletinIndex";

    /// <summary>The published E-bulletin page, under which the archive lives; null while it is not published.</summary>
    public PublishedContent? BulletinPage => snapshots.Current.All.FirstOrDefault(p => p.ContentTypeAlias == BulletinPageType);

    public string ArchivePath(string? slug = null) =>
        (BulletinPage?.Url ?? "/e-bulletin/") + "archive/" + (slug is null ? string.Empty : slug + "/");

    public string Archive(string? slug = null) => BaseUrl + ArchivePath(slug);

    private string WithToken(string path, string token) => $"{BaseUrl}{path}?token={Uri.EscapeDataString(token)}";
}
