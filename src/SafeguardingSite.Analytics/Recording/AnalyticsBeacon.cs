using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SafeguardingSite.Analytics.Data;

namespace SafeguardingSite.Analytics.Recording;

/// <summary>
/// The endpoint the public site's script reports to: engaged time on a page, clicks on links to other sites, and
/// downloads the server never sees (files on other hosts, or on this one outside the media route). It answers 204 to
/// every well-formed beacon, recorded or not, so a browser cannot tell whether it was counted, and never sets a cookie.
/// Requests are classified exactly as page views are; Do Not Track / Global Privacy Control beacons are not recorded.
/// </summary>
public static class AnalyticsBeacon
{
    public const string Path = "/analytics/beacon";

    /// <summary>A beacon is one small object; anything larger is not from the site's script.</summary>
    public const int MaxBodyBytes = 2048;

    /// <summary>Longer than this with a page in view is a tab left open, not reading; the script caps each page view the same.</summary>
    public const int MaxEngagedSeconds = 1800;

    public const string EngagementKind = "engagement";
    public const string OutboundKind = "outbound";
    public const string DownloadKind = "download";

    private const int MaxHrefLength = 2000;
    private static readonly string[] Fields = ["kind", "path", "seconds", "href"];

    /// <summary>Where the script should send beacons from this page, or null when it should send nothing at all.</summary>
    public static string? EndpointFor(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = context.RequestServices.GetRequiredService<IOptions<AnalyticsOptions>>().Value;
        return settings.Enabled && !ReturningVisitorCookie.BrowserOptsOut(context.Request) ? Path : null;
    }

    internal static async Task<IResult> HandleAsync(HttpContext context, AnalyticsBuffer buffer, IOptions<AnalyticsOptions> options, TimeProvider clock)
    {
        var request = context.Request;
        if (request.Headers["Sec-Fetch-Site"] == "cross-site")
        {
            return Results.Problem("Beacons are accepted only from this site's own pages.", statusCode: StatusCodes.Status403Forbidden);
        }

        // sendBeacon sends a string as text/plain, which needs no CORS preflight; fetch may say application/json.
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (mediaType is not ("text/plain" or "application/json"))
        {
            return Problem("Send the beacon as a JSON object (text/plain or application/json).");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return Problem($"A beacon is at most {MaxBodyBytes} bytes.");
        }

        var body = await ReadBodyAsync(request, context.RequestAborted);
        if (body is null)
        {
            return Problem($"A beacon is at most {MaxBodyBytes} bytes.");
        }

        var (beacon, error) = Parse(body, request.Host.Host);
        if (beacon is null)
        {
            return Problem(error!);
        }

        var settings = options.Value;
        if (settings.Enabled && !RequestClassifier.IsNotAVisitor(context) && !ReturningVisitorCookie.BrowserOptsOut(request)
            && ToView(context, beacon, settings, clock) is { } view)
        {
            buffer.Add(view);
        }

        return Results.NoContent();
    }

    private static IResult Problem(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "The beacon was not accepted.");

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxBodyBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return length > MaxBodyBytes ? null : buffer[..length];
    }

    private sealed record Beacon(AnalyticsEventKind Kind, string PagePath, int Seconds = 0, string? Destination = null, bool OnThisSite = false);

    /// <summary>Strict: a JSON object with known fields of the right types; the page must be a path on this site.</summary>
    private static (Beacon? Beacon, string? Error) Parse(byte[] body, string siteHost)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 2 });
        }
        catch (JsonException)
        {
            return (null, "The beacon is not valid JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "The beacon must be a JSON object.");
            }

            foreach (var field in root.EnumerateObject())
            {
                if (!Fields.Contains(field.Name, StringComparer.Ordinal))
                {
                    return (null, $"'{Shorten(field.Name)}' is not a beacon field; the fields are {string.Join(", ", Fields)}.");
                }
            }

            if (!TryString(root, "kind", out var kind) || kind is not (EngagementKind or OutboundKind or DownloadKind))
            {
                return (null, $"'kind' must be '{EngagementKind}', '{OutboundKind}' or '{DownloadKind}'.");
            }

            if (!TryString(root, "path", out var path) || !IsSitePath(path))
            {
                return (null, "'path' must be the address of the page on this site, starting with '/'.");
            }

            return kind == EngagementKind ? ParseEngagement(root, path) : ParseLink(root, kind, path, siteHost);
        }
    }

    private static (Beacon?, string?) ParseEngagement(JsonElement root, string path)
    {
        if (!root.TryGetProperty("seconds", out var seconds) || seconds.ValueKind != JsonValueKind.Number
            || !seconds.TryGetDouble(out var value) || !double.IsFinite(value) || value < 0)
        {
            return (null, "'seconds' must be a number of seconds, zero or more.");
        }

        return (new Beacon(AnalyticsEventKind.Engagement, path, (int)Math.Min(Math.Round(value), MaxEngagedSeconds)), null);
    }

    private static (Beacon?, string?) ParseLink(JsonElement root, string kind, string path, string siteHost)
    {
        if (!TryString(root, "href", out var href) || href.Length > MaxHrefLength
            || !Uri.TryCreate(href, UriKind.Absolute, out var destination) || destination.Scheme is not ("http" or "https")
            || destination.Host.Length == 0)
        {
            return (null, $"'href' must be the link's http or https address, at most {MaxHrefLength} characters.");
        }

        var onThisSite = string.Equals(destination.Host, siteHost, StringComparison.OrdinalIgnoreCase);
        if (kind == OutboundKind && onThisSite)
        {
            return (null, "An outbound link goes to another site; this one is on this site.");
        }

        // Only the host and path are kept: a query string or fragment can carry what someone typed or who they are.
        var where = onThisSite ? destination.AbsolutePath : destination.Host.ToLowerInvariant() + destination.AbsolutePath;
        return (new Beacon(
            kind == OutboundKind ? AnalyticsEventKind.OutboundLink : AnalyticsEventKind.Download,
            path,
            Destination: AnalyticsRecorder.Truncate(where, AnalyticsEvent.MaxPathLength),
            OnThisSite: onThisSite), null);
    }

    private static bool TryString(JsonElement root, string name, out string value)
    {
        value = root.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String ? property.GetString()! : string.Empty;
        return value.Length > 0;
    }

    private static bool IsSitePath(string path) =>
        path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal) && !path.StartsWith("/\\", StringComparison.Ordinal)
        && path.Length <= AnalyticsEvent.MaxPathLength && !path.Any(c => char.IsControl(c) || c is '<' or '>' or '"' or '\'' or ' ');

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    /// <summary>
    /// The event to record, or null for one that adds nothing: media files on this site (the server counted the
    /// download), back-office pages, nothing engaged, and engaged time in sections never tied to a visitor.
    /// </summary>
    private static RecordedView? ToView(HttpContext context, Beacon beacon, AnalyticsOptions settings, TimeProvider clock)
    {
        var untracked = settings.UntrackedSections.Any(s => beacon.PagePath.StartsWith(s, StringComparison.OrdinalIgnoreCase));
        if (beacon.PagePath.StartsWith("/umbraco", StringComparison.OrdinalIgnoreCase)
            || (beacon.Kind == AnalyticsEventKind.Engagement && (beacon.Seconds == 0 || untracked))
            || (beacon.OnThisSite && beacon.Destination!.StartsWith("/media/", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var request = context.Request;
        var engagement = beacon.Kind == AnalyticsEventKind.Engagement;
        return new RecordedView(
            clock.GetUtcNow().UtcDateTime,
            beacon.Kind,
            engagement ? beacon.PagePath : beacon.Destination!,
            engagement ? AnalyticsRecorder.SectionOf(beacon.PagePath) : null,
            AnalyticsRecorder.ClientAddress(context, settings),
            request.Headers.UserAgent.ToString(),
            request.Host.Host,
            untracked,
            ReferrerHost: null,
            UtmSource: null,
            UtmCampaign: null,
            RequestClassifier.DeviceOf(request.Headers.UserAgent),
            EngagedSeconds: engagement ? beacon.Seconds : null);
    }
}
