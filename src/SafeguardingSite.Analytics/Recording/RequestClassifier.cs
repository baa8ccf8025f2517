using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace SafeguardingSite.Analytics.Recording;

/// <summary>
/// Who is not a visitor (bots, the back office, signed-in callers, prefetches) and device classes from the user agent;
/// the bot patterns follow the crawler-user-agents / isbot lists. Page views and the script's beacons use the same rules.
/// </summary>
internal static partial class RequestClassifier
{
    // Generic words catch most crawlers; the named ones are common agents whose strings lack those words.
    [GeneratedRegex(
        @"bot\b|bot[/;\-_ ]|crawl|spider|slurp|scrap|archiver|fetch|monitor|checker|preview|headless|lighthouse|pagespeed|" +
        @"curl/|wget/|python-|python/|httpx|aiohttp|go-http-client|java/|okhttp|axios/|node-fetch|libwww|perl/|ruby|php/|" +
        @"facebookexternalhit|embedly|whatsapp|telegram|discord|slack|skypeuripreview|bingpreview|google-|googleother|" +
        @"mediapartners|adsbot|apis-google|feedfetcher|feedburner|rss|pingdom|uptime|statuscake|site24x7|newrelic|datadog|" +
        @"ahrefs|semrush|mj12|dotbot|petalbot|yandex|baidu|bytespider|gptbot|chatgpt|claude|anthropic|perplexity|ccbot|" +
        @"applebot|duckduck|qwant|seznam|sogou|exabot|ia_archiver|phantomjs|selenium|playwright|puppeteer|httpclient|" +
        @"health|probe|scanner|nessus|nikto|sqlmap|zgrab|masscan|nmap",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BotPattern();

    [GeneratedRegex(@"ipad|tablet|kindle|silk|playbook|(android(?!.*mobile))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TabletPattern();

    [GeneratedRegex(@"mobi|iphone|ipod|android|blackberry|opera mini|iemobile|windows phone", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MobilePattern();

    /// <summary>Real browsers always send a user agent naming an engine; an empty or bare one is a script.</summary>
    public static bool IsBot(string? userAgent) =>
        string.IsNullOrWhiteSpace(userAgent) || !userAgent.Contains("Mozilla/", StringComparison.OrdinalIgnoreCase) && !userAgent.Contains("Opera", StringComparison.OrdinalIgnoreCase)
        || BotPattern().IsMatch(userAgent);

    /// <summary>Bots, the back office and signed-in callers, and browser prefetches are not visits.</summary>
    public static bool IsNotAVisitor(HttpContext context)
    {
        var request = context.Request;
        var headers = request.Headers;
        return IsBot(headers.UserAgent)
            || request.Path.StartsWithSegments("/umbraco", StringComparison.OrdinalIgnoreCase)
            || context.User.Identity?.IsAuthenticated == true
            || !StringValues.IsNullOrEmpty(headers.Authorization)
            || IsPrefetch(headers);
    }

    private static bool IsPrefetch(IHeaderDictionary headers) =>
        headers["Sec-Purpose"].ToString().Contains("prefetch", StringComparison.OrdinalIgnoreCase)
        || headers["Purpose"].ToString().Contains("prefetch", StringComparison.OrdinalIgnoreCase)
        || headers["X-Moz"].ToString().Contains("prefetch", StringComparison.OrdinalIgnoreCase)
        || headers["X-Purpose"].ToString().Contains("preview", StringComparison.OrdinalIgnoreCase);

    public static Data.DeviceClass DeviceOf(string? userAgent) =>
        string.IsNullOrEmpty(userAgent) ? Data.DeviceClass.Desktop
        : TabletPattern().IsMatch(userAgent) ? Data.DeviceClass.Tablet
        : MobilePattern().IsMatch(userAgent) ? Data.DeviceClass.Mobile
        : Data.DeviceClass.Desktop;
}
