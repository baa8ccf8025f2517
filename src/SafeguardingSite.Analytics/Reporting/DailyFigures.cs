using SafeguardingSite.Analytics.Data;

namespace SafeguardingSite.Analytics.Reporting;

/// <summary>The metric names of the daily totals. A name with a dimension is broken down by page, host, term and so on.</summary>
public static class Metrics
{
    public const string Views = "views";
    public const string UniqueViews = "unique_views";
    public const string Visitors = "visitors";

    /// <summary>Visitors (daily hashes) with at least one view carrying the returning-visitor cookie.</summary>
    public const string CookieVisitors = "visitors.cookie";

    /// <summary>Of <see cref="CookieVisitors"/>, those whose cookie was set on an earlier day.</summary>
    public const string ReturningVisitors = "visitors.returning";
    public const string Visits = "visits";
    public const string Bounces = "bounces";
    public const string DurationSeconds = "duration_seconds";
    public const string PageViews = "page.views";
    public const string SectionViews = "section.views";
    public const string EntryPages = "entry";
    public const string Referrers = "referrer";
    public const string UtmSources = "utm.source";
    public const string UtmCampaigns = "utm.campaign";
    public const string Devices = "device";
    public const string Downloads = "download";

    /// <summary>Clicks on links to other sites, by destination host and path (reported by the site's script).</summary>
    public const string OutboundLinks = "outbound";
    public const string Searches = "search";
    public const string ZeroResultSearches = "search.zero";
    public const string PageUniqueViews = "page.unique_views";

    /// <summary>Seconds from a view to the next one in the same visit; a visit's last view has no measurable time.</summary>
    public const string PageTimeSeconds = "page.time_seconds";

    /// <summary>Views followed by another in the same visit: the divisor of average time on page.</summary>
    public const string PageTimedViews = "page.timed_views";

    /// <summary>Views of a page by referrer host; the dimension is <see cref="PageReferrer"/>.</summary>
    public const string PageReferrers = "page.referrer";

    /// <summary>
    /// "path host". Hosts never contain a space, so the host is what follows the last one; a path too long to fit
    /// beside the host is cut, as paths are everywhere else.
    /// </summary>
    public static string PageReferrer(string path, string host)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(host);
        var room = AnalyticsEvent.MaxPathLength - host.Length - 1;
        return (path.Length > room ? path[..room] : path) + " " + host;
    }

    public static (string Path, string Host) SplitPageReferrer(string dimension)
    {
        ArgumentNullException.ThrowIfNull(dimension);
        var space = dimension.LastIndexOf(' ');
        return (dimension[..space], dimension[(space + 1)..]);
    }
}

/// <summary>
/// Turns one day's raw events into its totals. A visit is one visitor hash with views less than the visit timeout
/// apart; since the salt changes daily, a visit never spans two days, so every figure is a plain sum across days.
/// Views without a hash (Do Not Track, Global Privacy Control, the young people's section) count as page views and
/// unique page views but belong to no visit or visitor.
/// A visit's duration is the engaged time the site's script reported for it (the seconds its pages were visible,
/// including the last page's) when there is any, and otherwise the time from its first view to its last.
/// </summary>
internal static class DailyFigures
{
    public static List<DailyTotal> Compute(DateOnly day, IReadOnlyCollection<AnalyticsEvent> events, TimeSpan visitTimeout)
    {
        var totals = new Dictionary<(string Metric, string Dimension), long>();
        void Add(string metric, string? dimension, long value = 1)
        {
            var key = (metric, dimension ?? string.Empty);
            totals[key] = totals.GetValueOrDefault(key) + value;
        }

        var views = events.Where(e => e.Kind == AnalyticsEventKind.PageView).OrderBy(e => e.At).ThenBy(e => e.Id).ToList();
        foreach (var view in views)
        {
            Add(Metrics.Views, null);
            Add(Metrics.PageViews, view.Path);
            Add(Metrics.SectionViews, view.Section);
            Add(Metrics.Devices, view.Device.ToString().ToLowerInvariant());
            if (view.ReferrerHost is not null)
            {
                Add(Metrics.Referrers, view.ReferrerHost);
                Add(Metrics.PageReferrers, Metrics.PageReferrer(view.Path, view.ReferrerHost));
            }

            if (view.UtmSource is not null)
            {
                Add(Metrics.UtmSources, view.UtmSource);
            }

            if (view.UtmCampaign is not null)
            {
                Add(Metrics.UtmCampaigns, view.UtmCampaign);
            }

            if (view.VisitorHash is null)
            {
                Add(Metrics.UniqueViews, null);
                Add(Metrics.PageUniqueViews, view.Path);
            }
        }

        var byVisitor = views.Where(v => v.VisitorHash is not null).GroupBy(v => v.VisitorHash!.Value).ToList();
        var engagement = events
            .Where(e => e.Kind == AnalyticsEventKind.Engagement && e.VisitorHash is not null && e.EngagedSeconds > 0)
            .ToLookup(e => e.VisitorHash!.Value);
        Add(Metrics.Visitors, null, byVisitor.Count);
        Add(Metrics.CookieVisitors, null, byVisitor.Count(v => v.Any(e => e.Cookie != VisitorCookie.None)));
        Add(Metrics.ReturningVisitors, null, byVisitor.Count(v => v.Any(e => e.Cookie == VisitorCookie.Returning)));
        foreach (var visitor in byVisitor)
        {
            var visits = SplitIntoVisits(visitor, visitTimeout).ToList();
            for (var index = 0; index < visits.Count; index++)
            {
                var visit = visits[index];
                Add(Metrics.Visits, null);
                Add(Metrics.EntryPages, visit[0].Path);
                var pages = visit.Select(v => v.Path).Distinct(StringComparer.Ordinal).ToList();
                Add(Metrics.UniqueViews, null, pages.Count);
                foreach (var page in pages)
                {
                    Add(Metrics.PageUniqueViews, page);
                }

                for (var i = 0; i + 1 < visit.Count; i++)
                {
                    Add(Metrics.PageTimeSeconds, visit[i].Path, (long)(visit[i + 1].At - visit[i].At).TotalSeconds);
                    Add(Metrics.PageTimedViews, visit[i].Path);
                }

                Add(Metrics.DurationSeconds, null, EngagedSeconds(engagement[visitor.Key], visit[0].At, index + 1 < visits.Count ? visits[index + 1][0].At : DateTime.MaxValue)
                    ?? (long)(visit[^1].At - visit[0].At).TotalSeconds);
                if (visit.Count == 1)
                {
                    Add(Metrics.Bounces, null);
                }
            }
        }

        foreach (var download in events.Where(e => e.Kind == AnalyticsEventKind.Download))
        {
            Add(Metrics.Downloads, download.Path);
        }

        foreach (var outbound in events.Where(e => e.Kind == AnalyticsEventKind.OutboundLink))
        {
            Add(Metrics.OutboundLinks, outbound.Path);
        }

        foreach (var search in events.Where(e => e.Kind == AnalyticsEventKind.Search))
        {
            Add(Metrics.Searches, search.SearchTerm);
            if (search.SearchResults == 0)
            {
                Add(Metrics.ZeroResultSearches, search.SearchTerm);
            }
        }

        return totals.Select(t => new DailyTotal { Day = day, Metric = t.Key.Metric, Dimension = t.Key.Dimension, Value = t.Value }).ToList();
    }

    /// <summary>
    /// The engaged seconds reported between a visit's first view and the next visit's: a page is reported when it is
    /// hidden, after its view, and possibly after the visit timeout when a tab stayed open. Null when none was reported
    /// (no script, or the visitor left before a second passed), so the caller falls back to the span of the views.
    /// </summary>
    private static long? EngagedSeconds(IEnumerable<AnalyticsEvent> beacons, DateTime from, DateTime until)
    {
        var reported = beacons.Where(b => b.At >= from && b.At < until).ToList();
        return reported.Count == 0 ? null : reported.Sum(b => (long)b.EngagedSeconds!.Value);
    }

    internal static IEnumerable<List<AnalyticsEvent>> SplitIntoVisits(IEnumerable<AnalyticsEvent> orderedViews, TimeSpan visitTimeout)
    {
        List<AnalyticsEvent>? visit = null;
        foreach (var view in orderedViews)
        {
            if (visit is not null && view.At - visit[^1].At >= visitTimeout)
            {
                yield return visit;
                visit = null;
            }

            visit ??= [];
            visit.Add(view);
        }

        if (visit is not null)
        {
            yield return visit;
        }
    }
}
