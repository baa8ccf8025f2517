using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Bulletin.Data;
using SafeguardingSite.Bulletin.Model;
using SafeguardingSite.Bulletin.Subscribers;
using SafeguardingSite.Bulletin.Subscriptions;

namespace SafeguardingSite.Bulletin.Reports;

/// <summary>One report as plain rows, so the page and its CSV download are the same figures.</summary>
public sealed record ReportTable(string Slug, string Caption, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// The bulletin's reports. Subscriber numbers over time are worked out from when each person confirmed and when they
/// left (unsubscribed or suppressed), so they need no snapshots; erased people leave these figures with their data.
/// </summary>
public sealed class BulletinReports(IDbContextFactory<BulletinDbContext> databases, BulletinLists lists, TimeProvider clock)
{
    public const int Months = 12;
    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    public static readonly IReadOnlyList<string> Slugs = ["service-areas", "growth", "sends", "engagement"];

    public async Task<IReadOnlyList<ReportTable>> AllAsync(CancellationToken cancellationToken)
    {
        var tables = new List<ReportTable>();
        foreach (var slug in Slugs)
        {
            tables.Add((await TableAsync(slug, cancellationToken))!);
        }

        return tables;
    }

    public async Task<ReportTable?> TableAsync(string slug, CancellationToken cancellationToken) => slug switch
    {
        "service-areas" => await ServiceAreasAsync(cancellationToken),
        "growth" => await GrowthAsync(cancellationToken),
        "sends" => await SendsAsync(cancellationToken),
        "engagement" => await EngagementAsync(cancellationToken),
        _ => null,
    };

    private sealed record Membership(int? ServiceAreaId, DateTime? ConfirmedAt, DateTime? LeftAt);

    private async Task<List<Membership>> MembershipsAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Subscribers.AsNoTracking().Where(s => s.ConfirmedAt != null)
            .Select(s => new Membership(s.ServiceAreaId, s.ConfirmedAt, s.Status == SubscriberStatus.Subscribed ? null : s.UnsubscribedAt ?? s.ConfirmedAt))
            .ToListAsync(cancellationToken);
    }

    private static bool ActiveAt(Membership m, DateTime at) => m.ConfirmedAt <= at && (m.LeftAt is null || m.LeftAt > at);

    /// <summary>The first instant of each of the last <see cref="Months"/> months, oldest first, the current month last.</summary>
    private List<DateTime> MonthStarts()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var current = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        return [.. Enumerable.Range(0, Months).Select(i => current.AddMonths(i - Months + 1))];
    }

    private async Task<ReportTable> ServiceAreasAsync(CancellationToken cancellationToken)
    {
        var members = await MembershipsAsync(cancellationToken);
        var areas = (await lists.AllAsync(cancellationToken)).Where(c => c.Kind == ChoiceKind.ServiceArea).OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var yearAgo = now.AddYears(-1);
        // The end of each past month, then now: what the list looked like at each point.
        var points = MonthStarts().Skip(1).Select(m => m.AddTicks(-1)).Append(now).ToList();
        var headers = new List<string> { "Service area" };
        headers.AddRange(points.Take(points.Count - 1).Select(p => "End of " + p.ToString("MMM yyyy", UkCulture)));
        headers.AddRange(["Now", "A year ago", "Change since last year", "Change since last year (%)"]);

        List<string> Row(string name, Func<Membership, bool> inArea)
        {
            var mine = members.Where(inArea).ToList();
            var then = mine.Count(m => ActiveAt(m, yearAgo));
            var current = mine.Count(m => ActiveAt(m, now));
            var row = new List<string> { name };
            row.AddRange(points.Select(p => Number(mine.Count(m => ActiveAt(m, p)))));
            row.Add(Number(then));
            row.Add(Signed(current - then));
            row.Add(then == 0 ? "–" : ((current - then) * 100.0 / then).ToString("+0.0;-0.0;0.0", UkCulture));
            return row;
        }

        var rows = areas.Select(a => Row(a.Name, m => m.ServiceAreaId == a.Id)).ToList();
        if (members.Any(m => m.ServiceAreaId is null || areas.All(a => a.Id != m.ServiceAreaId)))
        {
            rows.Add(Row("Not given", m => m.ServiceAreaId is null || areas.All(a => a.Id != m.ServiceAreaId)));
        }

        rows.Add(Row("All subscribers", _ => true));
        return new ReportTable("service-areas", "Subscribers by service area", headers, rows);
    }

    private async Task<ReportTable> GrowthAsync(CancellationToken cancellationToken)
    {
        var members = await MembershipsAsync(cancellationToken);
        var rows = MonthStarts().Select(start =>
        {
            var end = start.AddMonths(1);
            var joined = members.Count(m => m.ConfirmedAt >= start && m.ConfirmedAt < end);
            var left = members.Count(m => m.LeftAt >= start && m.LeftAt < end);
            return (IReadOnlyList<string>)[start.ToString("MMMM yyyy", UkCulture), Number(joined), Number(left), Signed(joined - left), Number(members.Count(m => ActiveAt(m, end.AddTicks(-1))))];
        }).Reverse().ToList();
        return new ReportTable("growth", "Growth and losses by month", ["Month", "Joined", "Left", "Net change", "Subscribers at month end"], rows);
    }

    private async Task<ReportTable> SendsAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var editions = await db.Editions.AsNoTracking().Where(e => e.SendStartedAt != null).OrderByDescending(e => e.SendStartedAt)
            .Select(e => new { e.Id, e.Title, e.Kind, e.Status, e.SendStartedAt }).ToListAsync(cancellationToken);
        var counts = await db.Deliveries.GroupBy(d => new { d.EditionId, d.Status }).Select(g => new { g.Key.EditionId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Count(Guid edition, params DeliveryStatus[] statuses) => counts.Where(c => c.EditionId == edition && statuses.Contains(c.Status)).Sum(c => c.Count);
        var rows = editions.Select(e => (IReadOnlyList<string>)
        [
            e.Title, e.Kind.ToString(), e.SendStartedAt!.Value.ToString("d MMM yyyy HH:mm", UkCulture), e.Status.ToString(),
            Number(Count(e.Id, Enum.GetValues<DeliveryStatus>())), Number(Count(e.Id, DeliveryStatus.Sent)), Number(Count(e.Id, DeliveryStatus.Failed)),
            Number(Count(e.Id, DeliveryStatus.Skipped)), Number(Count(e.Id, DeliveryStatus.Pending, DeliveryStatus.Sending)),
        ]).ToList();
        return new ReportTable("sends", "Sends and failures by edition", ["Edition", "Type", "Started", "Status", "Recipients", "Sent", "Failed", "Skipped", "Waiting"], rows);
    }

    private async Task<ReportTable> EngagementAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var editions = await db.Editions.AsNoTracking().Where(e => e.TrackingEnabled && e.SendStartedAt != null).OrderByDescending(e => e.SendStartedAt)
            .Select(e => new { e.Id, e.Title }).ToListAsync(cancellationToken);
        var ids = editions.Select(e => e.Id).ToList();
        var sent = await db.Deliveries.Where(d => ids.Contains(d.EditionId) && d.Status == DeliveryStatus.Sent).GroupBy(d => d.EditionId)
            .Select(g => new { EditionId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.EditionId, g => g.Count, cancellationToken);
        var events = await db.TrackingEvents.Where(t => ids.Contains(t.EditionId)).GroupBy(t => new { t.EditionId, t.Kind })
            .Select(g => new { g.Key.EditionId, g.Key.Kind, Total = g.Count(), People = g.Select(t => t.DeliveryId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        var rows = editions.Select(e =>
        {
            var delivered = sent.GetValueOrDefault(e.Id);
            var opens = events.FirstOrDefault(x => x.EditionId == e.Id && x.Kind == TrackingKind.Open);
            var clicks = events.FirstOrDefault(x => x.EditionId == e.Id && x.Kind == TrackingKind.Click);
            return (IReadOnlyList<string>)
            [
                e.Title, Number(delivered), Number(opens?.People ?? 0), Percent(opens?.People ?? 0, delivered),
                Number(clicks?.People ?? 0), Percent(clicks?.People ?? 0, delivered), Number(clicks?.Total ?? 0),
            ];
        }).ToList();
        return new ReportTable("engagement", "Opens and clicks (editions with tracking on)",
            ["Edition", "Sent", "Opened by", "Open rate", "Clicked by", "Click rate", "Clicks"], rows);
    }

    /// <summary>Writes one report as CSV with the same figures as the page.</summary>
    public static async Task WriteCsvAsync(ReportTable table, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var csv = CsvFiles.Writer(output);
        foreach (var header in table.Headers)
        {
            csv.WriteField(header);
        }

        csv.EndRecord();
        foreach (var row in table.Rows)
        {
            foreach (var cell in row)
            {
                // Figures go out as numbers, so a spreadsheet can sum them and a sign is not mistaken for a formula.
                if (decimal.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, UkCulture, out var number))
                {
                    csv.WriteField(number, ReadOnlySpan<char>.Empty);
                }
                else
                {
                    csv.WriteField(cell);
                }
            }

            csv.EndRecord();
        }

        await csv.FlushAsync(cancellationToken);
    }

    private static string Number(int value) => value.ToString("N0", UkCulture);

    private static string Signed(int value) => value > 0 ? "+" + Number(value) : Number(value);

    private static string Percent(int part, int whole) => whole == 0 ? "–" : (part * 100.0 / whole).ToString("0.0", UkCulture) + "%";
}
