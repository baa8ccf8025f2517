using System.Text.RegularExpressions;

namespace SafeguardingSite.Analytics.Recording;

/// <summary>Bots and device classes from the user agent; the patterns follow the crawler-user-agents / isbot lists.</summary>
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

    public static Data.DeviceClass DeviceOf(string? userAgent) =>
        string.IsNullOrEmpty(userAgent) ? Data.DeviceClass.Desktop
        : TabletPattern().IsMatch(userAgent) ? Data.DeviceClass.Tablet
        : MobilePattern().IsMatch(userAgent) ? Data.DeviceClass.Mobile
        : Data.DeviceClass.Desktop;
}
