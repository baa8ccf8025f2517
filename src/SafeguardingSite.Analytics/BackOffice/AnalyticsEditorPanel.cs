using System.Security.Claims;
using SafeguardingSite.Analytics.Reporting;
using SafeguardingSite.Analytics.Time;
using SafeguardingSite.BackOffice.Extensibility;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Content.Published;

namespace SafeguardingSite.Analytics.BackOffice;

/// <summary>
/// The page's own figures beside the content editor: the last 30 days against the 30 before. Shown to analytics
/// readers, and to anyone who may browse that page in the content tree (start nodes apply), because the figures are
/// anonymous counts about a page they look after; only readers get the link to the full dashboard.
/// </summary>
public sealed class AnalyticsEditorPanel(
    AnalyticsReports reports,
    IPublishedSnapshotAccessor snapshots,
    IBackOfficePermissions permissions,
    TimeProvider clock) : IContentEditorPanel
{
    private const int TopReferrers = 3;

    public async Task<ContentEditorPanel?> BuildAsync(Guid contentKey, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var reader = await permissions.CanAsync(user, BackOfficePermission.AnalyticsRead, cancellationToken: cancellationToken);
        if (!reader && !await permissions.CanAsync(user, BackOfficePermission.ContentBrowse, contentKey, cancellationToken))
        {
            return null;
        }

        const string heading = "Page analytics";
        if (snapshots.Current.Find(contentKey) is not { } published)
        {
            return new ContentEditorPanel(heading, [new("Figures", "None yet: the page is not on the public site.")]);
        }

        var errors = new Dictionary<string, string>();
        var period = DashboardPeriod.Resolve(new PeriodRequest(DashboardPeriod.Last30Days, null, null, published.Url), UkCalendar.Today(clock), errors)!;
        var (current, previous) = await reports.ComparePageAsync(published.Url, period.From, period.To, cancellationToken);
        var referrers = current.Referrers.Take(TopReferrers).Select(r => $"{r.Name} ({Figures.Count(r.Count)})").ToList();
        IReadOnlyList<ContentEditorPanelRow> rows =
        [
            new("Period", $"Last 30 days ({period.Describe()}), compared with the 30 days before"),
            new("Page views", $"{Figures.Count(current.PageViews)}, {Figures.Change(current.PageViews, previous.PageViews)}"),
            new("Unique page views", $"{Figures.Count(current.UniquePageViews)}, {Figures.Change(current.UniquePageViews, previous.UniquePageViews)}"),
            new("Average time on page", current.AverageSecondsOnPage == 0 && previous.AverageSecondsOnPage == 0
                ? "Not measured yet: nobody went on to another page"
                : $"{Figures.Duration(current.AverageSecondsOnPage)}, {Figures.Change(current.AverageSecondsOnPage, previous.AverageSecondsOnPage, Figures.Duration)}"),
            new("Top referrers", referrers.Count == 0 ? "None: no visits from other sites" : string.Join(", ", referrers)),
        ];
        return reader
            ? new ContentEditorPanel(heading, rows, period.Link(published.Url), "All figures for this page")
            : new ContentEditorPanel(heading, rows);
    }
}
