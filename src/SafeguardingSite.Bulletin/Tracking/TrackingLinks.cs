using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using MimeKit;
using SafeguardingSite.Bulletin.Sending;

namespace SafeguardingSite.Bulletin.Tracking;

/// <summary>
/// Opens and clicks for editions whose editor turned tracking on. Each link in the HTML part goes through a redirect
/// whose signed token carries the delivery and the exact target, so the redirect can only ever send someone where the edition
/// pointed; the bulletin's own links (unsubscribe, preferences, confirm) and the List-Unsubscribe headers are never
/// touched, and the plain-text part is left as written.
/// </summary>
public sealed partial class TrackingLinks(BulletinLinks links, IDataProtectionProvider protection)
{
    public const string ClickPath = "/bulletin/t/click";
    public const string OpenPath = "/bulletin/t/open";

    private readonly IDataProtector protector = protection.CreateProtector("SafeguardingSite.Bulletin.Tracking.v1");

    public void Instrument(MimeMessage message, long deliveryId)
    {
        ArgumentNullException.ThrowIfNull(message);
        var parts = message.BodyParts.OfType<TextPart>().Where(p => p.IsHtml).ToList();
        foreach (var part in parts)
        {
            var html = Href().Replace(part.Text, match =>
            {
                var url = WebUtility.HtmlDecode(match.Groups["url"].Value);
                return IsOwnLink(url) ? match.Value : $"href=\"{WebUtility.HtmlEncode(Click(deliveryId, url))}\"";
            });
            var pixel = $"<img src=\"{WebUtility.HtmlEncode(Open(deliveryId))}\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0\">";
            var end = html.LastIndexOf("</main>", StringComparison.Ordinal);
            part.Text = end < 0 ? html + pixel : html.Insert(end, pixel);
        }
    }

    public string Click(long deliveryId, string url) =>
        $"{links.BaseUrl}{ClickPath}?t={Uri.EscapeDataString(protector.Protect(string.Join('|', "click", deliveryId.ToString(CultureInfo.InvariantCulture), url)))}";

    public string Open(long deliveryId) =>
        $"{links.BaseUrl}{OpenPath}?t={Uri.EscapeDataString(protector.Protect(string.Join('|', "open", deliveryId.ToString(CultureInfo.InvariantCulture))))}";

    /// <summary>The delivery and the exact address the edition linked to; null for anything not signed here.</summary>
    public (long DeliveryId, string Url)? ReadClick(string? token) =>
        Read(token, "click", 3) is { } parts && Uri.TryCreate(parts[2], UriKind.Absolute, out var target)
            && (target.Scheme == Uri.UriSchemeHttps || target.Scheme == Uri.UriSchemeHttp)
            ? (long.Parse(parts[1], CultureInfo.InvariantCulture), parts[2])
            : null;

    public long? ReadOpen(string? token) => Read(token, "open", 2) is { } parts ? long.Parse(parts[1], CultureInfo.InvariantCulture) : null;

    /// <summary>The bulletin's own pages carry a subscriber's token and must work exactly as sent.</summary>
    private bool IsOwnLink(string url) =>
        url.StartsWith(links.BaseUrl + "/bulletin/", StringComparison.OrdinalIgnoreCase) || !url.StartsWith("http", StringComparison.OrdinalIgnoreCase);

    private string[]? Read(string? token, string purpose, int count)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 4000)
        {
            return null;
        }

        try
        {
            // The address may itself contain '|': only the first two separators count.
            var parts = protector.Unprotect(token).Split('|', count);
            return parts.Length == count && parts[0] == purpose && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out _) ? parts : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    [GeneratedRegex("href=\"(?<url>[^\"]*)\"")]
    private static partial Regex Href();
}
