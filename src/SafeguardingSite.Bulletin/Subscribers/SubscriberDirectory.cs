using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Bulletin.Data;
using SafeguardingSite.Bulletin.Model;
using SafeguardingSite.Bulletin.Subscriptions;

namespace SafeguardingSite.Bulletin.Subscribers;

public enum SubscriberSort
{
    Created,
    Email,
    Name,
    Organisation,
    Status,
}

/// <summary>What the subscriber list is asked for; every part optional.</summary>
public sealed record SubscriberQuery(string? Search = null, int? ServiceAreaId = null, int? TopicId = null, SubscriberStatus? Status = null,
    SubscriberSort Sort = SubscriberSort.Created, bool Descending = true, int Page = 1);

public sealed record SubscriberPage(IReadOnlyList<Subscriber> Subscribers, int Page, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record DeliveryHistoryRow(Guid EditionId, string EditionTitle, DeliveryStatus Status, int Attempts, DateTime? SentAt, string? LastError);

public sealed record SubscriberRecord(
    Subscriber Subscriber, IReadOnlyList<SubscriptionEvent> Events, IReadOnlyList<DeliveryHistoryRow> Deliveries, Suppression? Suppression);

/// <summary>The administrators' view of the subscribers: search, the full record of one, CSV export, data export and erasure.</summary>
public sealed class SubscriberDirectory(IDbContextFactory<BulletinDbContext> databases, SuppressionList suppressions, TimeProvider clock)
{
    public const int PageSize = 50;
    public const int MaxSearchLength = 200;

    private static readonly JsonSerializerOptions DataExportJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>A data export as the indented JSON file handed to the person or an administrator.</summary>
    public static byte[] ToJsonFile(object export) => JsonSerializer.SerializeToUtf8Bytes(export, DataExportJson);

    public async Task<SubscriberPage> SearchAsync(SubscriberQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var subscribers = Filter(db.Subscribers.AsNoTracking(), query);
        subscribers = (query.Sort, query.Descending) switch
        {
            (SubscriberSort.Email, false) => subscribers.OrderBy(s => s.Email),
            (SubscriberSort.Email, true) => subscribers.OrderByDescending(s => s.Email),
            (SubscriberSort.Name, false) => subscribers.OrderBy(s => s.Name).ThenBy(s => s.Email),
            (SubscriberSort.Name, true) => subscribers.OrderByDescending(s => s.Name).ThenBy(s => s.Email),
            (SubscriberSort.Organisation, false) => subscribers.OrderBy(s => s.Organisation).ThenBy(s => s.Email),
            (SubscriberSort.Organisation, true) => subscribers.OrderByDescending(s => s.Organisation).ThenBy(s => s.Email),
            (SubscriberSort.Status, false) => subscribers.OrderBy(s => s.Status).ThenBy(s => s.Email),
            (SubscriberSort.Status, true) => subscribers.OrderByDescending(s => s.Status).ThenBy(s => s.Email),
            (_, false) => subscribers.OrderBy(s => s.CreatedAt).ThenBy(s => s.Email),
            _ => subscribers.OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Email),
        };

        // Topics are a JSON list in one column, which neither provider can filter portably: that filter runs here.
        if (query.TopicId is { } topic)
        {
            var all = (await subscribers.ToListAsync(cancellationToken)).Where(s => s.TopicIds.Contains(topic)).ToList();
            var page = Math.Clamp(query.Page, 1, Math.Max(1, (all.Count + PageSize - 1) / PageSize));
            return new SubscriberPage([.. all.Skip((page - 1) * PageSize).Take(PageSize)], page, PageSize, all.Count);
        }

        var total = await subscribers.CountAsync(cancellationToken);
        var current = Math.Clamp(query.Page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await subscribers.Skip((current - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return new SubscriberPage(rows, current, PageSize, total);
    }

    private static IQueryable<Subscriber> Filter(IQueryable<Subscriber> subscribers, SubscriberQuery query)
    {
        if (query.Search?.Trim() is { Length: > 0 } search)
        {
            var term = search.ToLowerInvariant();
            subscribers = subscribers.Where(s => s.Email.Contains(term) || s.Name.ToLower().Contains(term)
                || (s.Organisation != null && s.Organisation.ToLower().Contains(term)));
        }

        if (query.ServiceAreaId is { } area)
        {
            subscribers = subscribers.Where(s => s.ServiceAreaId == area);
        }

        if (query.Status is { } status)
        {
            subscribers = subscribers.Where(s => s.Status == status);
        }

        return subscribers;
    }

    public async Task<SubscriberRecord?> RecordAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var subscriber = await db.Subscribers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscriber is null)
        {
            return null;
        }

        var events = await db.Events.AsNoTracking().Where(e => e.SubscriberId == id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var deliveries = await (from d in db.Deliveries.AsNoTracking()
                                join e in db.Editions.AsNoTracking() on d.EditionId equals e.Id
                                where d.SubscriberId == id
                                orderby d.Id descending
                                select new DeliveryHistoryRow(e.Id, e.Title, d.Status, d.Attempts, d.SentAt, d.LastError)).ToListAsync(cancellationToken);
        var hash = suppressions.Hash(subscriber.Email);
        var suppression = await db.Suppressions.AsNoTracking().FirstOrDefaultAsync(s => s.EmailHash == hash, cancellationToken);
        return new SubscriberRecord(subscriber, events, deliveries, suppression);
    }

    /// <summary>Writes the matching subscribers as CSV. Text that a spreadsheet would run as a formula is escaped.</summary>
    public async Task ExportCsvAsync(SubscriberQuery query, IReadOnlyList<BulletinChoice> choices, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(choices);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var rows = await Filter(db.Subscribers.AsNoTracking(), query).OrderBy(s => s.Email).ToListAsync(cancellationToken);
        if (query.TopicId is { } topic)
        {
            rows = [.. rows.Where(s => s.TopicIds.Contains(topic))];
        }

        var names = choices.ToDictionary(c => c.Id, c => c.Name);
        await using var csv = CsvFiles.Writer(output);
        foreach (var header in SubscriberImport.Columns)
        {
            csv.WriteField(header);
        }

        csv.WriteField("status");
        csv.WriteField("created");
        csv.WriteField("confirmed");
        csv.EndRecord();
        foreach (var s in rows)
        {
            csv.WriteField(s.Email);
            csv.WriteField(s.Name);
            csv.WriteField(s.Organisation);
            csv.WriteField(s.ServiceAreaId is { } area ? names.GetValueOrDefault(area) : null);
            csv.WriteField(string.Join("; ", s.TopicIds.Select(t => names.GetValueOrDefault(t)).OfType<string>()));
            csv.WriteField(s.ConsentBasis ?? "consent");
            csv.WriteField(s.ConsentBasis is null ? s.ConsentSourceUrl : s.ConsentWording);
            csv.WriteField(CsvFiles.Date(s.ConfirmedAt));
            csv.WriteField(s.Status.ToString());
            csv.WriteField(CsvFiles.Date(s.CreatedAt));
            csv.WriteField(CsvFiles.Date(s.ConfirmedAt));
            csv.EndRecord();
        }

        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>Everything held about one person, for a subject access request.</summary>
    public async Task<object?> DataExportAsync(Guid id, IReadOnlyList<BulletinChoice> choices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (await RecordAsync(id, cancellationToken) is not { } record)
        {
            return null;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var deliveryIds = await db.Deliveries.Where(d => d.SubscriberId == id).Select(d => d.Id).ToListAsync(cancellationToken);
        var tracking = await db.TrackingEvents.AsNoTracking().Where(t => deliveryIds.Contains(t.DeliveryId)).OrderBy(t => t.At).ToListAsync(cancellationToken);
        var names = choices.ToDictionary(c => c.Id, c => c.Name);
        var s = record.Subscriber;
        return new
        {
            exportedAt = clock.GetUtcNow().UtcDateTime,
            subscriber = new
            {
                s.Id, s.Email, s.Name, s.Organisation, serviceArea = s.ServiceAreaId is { } area ? names.GetValueOrDefault(area) : null,
                topics = s.TopicIds.Select(t => names.GetValueOrDefault(t)).OfType<string>().ToList(),
                status = s.Status.ToString(), s.CreatedAt, s.ConfirmedAt, s.UnsubscribedAt, s.PermanentFailures, s.SoftBounces,
            },
            consent = new { basis = s.ConsentBasis ?? "consent", wording = s.ConsentWording, sourceUrl = s.ConsentSourceUrl, ipHash = s.ConsentIpHash },
            history = record.Events.Select(e => new { kind = e.Kind.ToString(), e.At, e.Wording, e.SourceUrl, e.IpHash, e.Detail }),
            deliveries = record.Deliveries.Select(d => new { edition = d.EditionTitle, status = d.Status.ToString(), d.Attempts, d.SentAt, error = d.LastError }),
            tracking = tracking.Select(t => new { kind = t.Kind.ToString(), t.At, t.Url }),
            suppression = record.Suppression is { } entry ? new { reason = entry.Reason.ToString(), entry.At, entry.Detail } : null,
        };
    }

    /// <summary>
    /// Erases the person: their row, history and opens and clicks go; what they were sent stays only as counts, on rows
    /// given a new random id that leads nowhere; the address survives only as a keyed hash on the suppression list, so a
    /// later import cannot add them back. Anything not yet sent to them is skipped.
    /// </summary>
    public async Task<bool> EraseAsync(Guid id, string requestedBy, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var subscriber = await db.Subscribers.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscriber is null)
        {
            return false;
        }

        var deliveryIds = db.Deliveries.Where(d => d.SubscriberId == id).Select(d => d.Id);
        await db.TrackingEvents.Where(t => deliveryIds.Contains(t.DeliveryId)).ExecuteDeleteAsync(cancellationToken);
        var unlinked = Guid.NewGuid();
        await db.Deliveries.Where(d => d.SubscriberId == id).ExecuteUpdateAsync(u => u
            .SetProperty(d => d.Status, d => d.Status == DeliveryStatus.Pending || d.Status == DeliveryStatus.Sending ? DeliveryStatus.Skipped : d.Status)
            .SetProperty(d => d.LeaseOwner, (Guid?)null)
            .SetProperty(d => d.LastError, d => d.LastError == null ? null : "(erased)")
            .SetProperty(d => d.SubscriberId, unlinked), cancellationToken);
        await db.Events.Where(e => e.SubscriberId == id).ExecuteDeleteAsync(cancellationToken);
        await suppressions.AddAsync(db, subscriber.Email, SuppressionReason.Erased,
            $"Erased on request ({requestedBy}) on {clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", cancellationToken);
        db.Subscribers.Remove(subscriber);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}

/// <summary>The CSV conventions of the bulletin's downloads: RFC 4180, a byte order mark for spreadsheets, formulas escaped.</summary>
internal static class CsvFiles
{
    public static CsvWriter Writer(Stream output) => CsvWriter.Create(output, new CsvWriterOptions
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
    }, leaveOpen: true);

    public static string? Date(DateTime? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
