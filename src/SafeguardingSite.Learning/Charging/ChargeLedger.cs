using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Learning.Data;
using SafeguardingSite.Learning.Model;

namespace SafeguardingSite.Learning.Charging;

/// <summary>One charge with the names finance and administrators read it by.</summary>
public sealed record ChargeLine(
    Charge Charge,
    string OrganisationName,
    OrganisationSector Sector,
    string LearnerName,
    string LearnerEmail,
    string ManagerEmail,
    string CourseTitle);

/// <summary>What the charges screen filters on; every part optional.</summary>
public sealed record ChargeFilter(ChargeStatus? Status = null, int? OrganisationId = null, ChargeKind? Kind = null, DateOnly? Month = null);

/// <summary>One invoice: an organisation's raised charges for a month or for a session.</summary>
public sealed record Invoice(string Reference, int OrganisationId, string OrganisationName, InvoiceGrouping Grouping, IReadOnlyList<ChargeLine> Lines)
{
    public decimal Total => Lines.Sum(l => l.Charge.Amount);
}

public enum WaiveResult
{
    Waived,
    NotFound,
    AlreadyWaived,
}

/// <summary>The charges table: raising (once per booking), listing, waiving and grouping into invoices.</summary>
public sealed class ChargeLedger(IDbContextFactory<LearningDbContext> databases, TimeProvider clock)
{
    public const int PageSize = 200;

    private static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(), new PoundsJsonConverter() } };

    public static string Snapshot(ChargingTerms terms) => JsonSerializer.Serialize(terms, SnapshotJson);

    public static ChargingTerms? ReadSnapshot(string json) => JsonSerializer.Deserialize<ChargingTerms>(json, SnapshotJson);

    /// <summary>Monthly invoices are numbered by organisation and month, per-session ones by organisation and session.</summary>
    public static string InvoiceReferenceFor(InvoiceGrouping grouping, int organisationId, int sessionId, DateTime sessionStartsAt) =>
        grouping == InvoiceGrouping.PerSession
            ? string.Create(CultureInfo.InvariantCulture, $"TRN-S{sessionId:D6}-{organisationId:D5}")
            : string.Create(CultureInfo.InvariantCulture, $"TRN-{WorkingDayCalendar.UkDate(sessionStartsAt):yyyy-MM}-{organisationId:D5}");

    /// <summary>A charge row for a quote, not yet saved.</summary>
    public Charge NewCharge(Booking booking, CourseSession session, ChargeQuote quote, ChargingPolicyVersion policy, string raisedBy)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(quote);
        ArgumentNullException.ThrowIfNull(policy);
        return new Charge
        {
            BookingId = booking.Id,
            SessionId = session.Id,
            OrganisationId = booking.OrganisationId,
            LearnerId = booking.LearnerId,
            Kind = quote.Kind,
            Band = quote.Band,
            Days = quote.Days,
            Amount = quote.Amount,
            PolicyVersionId = policy.Id,
            PolicyVersion = policy.Version,
            PolicySnapshot = Snapshot(policy.Terms),
            InvoiceGrouping = policy.InvoiceGrouping,
            InvoiceReference = InvoiceReferenceFor(policy.InvoiceGrouping, booking.OrganisationId, session.Id, session.StartsAt),
            SessionStartsAt = session.StartsAt,
            RaisedAt = clock.GetUtcNow().UtcDateTime,
            RaisedBy = raisedBy,
            Status = ChargeStatus.Raised,
        };
    }

    public async Task<IReadOnlyList<ChargeLine>> ListAsync(ChargeFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var charges = db.Set<Charge>().AsNoTracking();
        if (filter.Status is { } status)
        {
            charges = charges.Where(c => c.Status == status);
        }

        if (filter.OrganisationId is { } organisation)
        {
            charges = charges.Where(c => c.OrganisationId == organisation);
        }

        if (filter.Kind is { } kind)
        {
            charges = charges.Where(c => c.Kind == kind);
        }

        if (filter.Month is { } month)
        {
            var (from, to) = MonthInUtc(month);
            charges = charges.Where(c => c.SessionStartsAt >= from && c.SessionStartsAt < to);
        }

        var rows = await (
            from c in charges
            join o in db.Set<Organisation>() on c.OrganisationId equals o.Id
            join l in db.Set<Learner>() on c.LearnerId equals l.Id
            join s in db.Set<CourseSession>() on c.SessionId equals s.Id
            join k in db.Set<Course>() on s.CourseId equals k.Id
            orderby c.SessionStartsAt descending, c.Id descending
            select new { c, o.Name, o.Sector, LearnerName = l.Name, l.Email, l.ManagerEmail, k.Title })
            .Take(PageSize).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ChargeLine(r.c, r.Name, r.Sector, r.LearnerName, r.Email, r.ManagerEmail, r.Title))];
    }

    /// <summary>Invoices for sessions that started in a month: raised charges only, a waived one is on no invoice.</summary>
    public async Task<IReadOnlyList<Invoice>> InvoicesAsync(DateOnly month, CancellationToken cancellationToken)
    {
        var lines = await ListAsync(new ChargeFilter(ChargeStatus.Raised, Month: month), cancellationToken);
        return [.. lines
            .GroupBy(l => l.Charge.InvoiceReference)
            .Select(g => new Invoice(g.Key, g.First().Charge.OrganisationId, g.First().OrganisationName, g.First().Charge.InvoiceGrouping,
                [.. g.OrderBy(l => l.Charge.SessionStartsAt).ThenBy(l => l.LearnerName, StringComparer.OrdinalIgnoreCase)]))
            .OrderBy(i => i.OrganisationName, StringComparer.OrdinalIgnoreCase).ThenBy(i => i.Reference, StringComparer.Ordinal)];
    }

    /// <summary>Waives a raised charge. The conditional update means two administrators waiving at once record one waiver.</summary>
    public async Task<WaiveResult> WaiveAsync(long chargeId, string reason, string actor, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.Set<Charge>().Where(c => c.Id == chargeId && c.Status == ChargeStatus.Raised)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, ChargeStatus.Waived)
                .SetProperty(c => c.WaivedAt, now)
                .SetProperty(c => c.WaivedBy, actor)
                .SetProperty(c => c.WaiverReason, reason), cancellationToken);
        if (changed == 1)
        {
            return WaiveResult.Waived;
        }

        return await db.Set<Charge>().AnyAsync(c => c.Id == chargeId, cancellationToken) ? WaiveResult.AlreadyWaived : WaiveResult.NotFound;
    }

    public async Task<ChargeLine?> FindAsync(long chargeId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var row = await (
            from c in db.Set<Charge>().AsNoTracking()
            where c.Id == chargeId
            join o in db.Set<Organisation>() on c.OrganisationId equals o.Id
            join l in db.Set<Learner>() on c.LearnerId equals l.Id
            join s in db.Set<CourseSession>() on c.SessionId equals s.Id
            join k in db.Set<Course>() on s.CourseId equals k.Id
            select new { c, o.Name, o.Sector, LearnerName = l.Name, l.Email, l.ManagerEmail, k.Title }).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new ChargeLine(row.c, row.Name, row.Sector, row.LearnerName, row.Email, row.ManagerEmail, row.Title);
    }

    /// <summary>The first and last instant (exclusive) of a UK calendar month, in UTC.</summary>
    public static (DateTime From, DateTime To) MonthInUtc(DateOnly month)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        return (ToUtc(first), ToUtc(first.AddMonths(1)));

        static DateTime ToUtc(DateOnly day) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), WorkingDayCalendar.UkTime);
    }
}

/// <summary>
/// Writes money with exactly two decimals, so the same amount always gives the same snapshot: 35.50 typed in a form
/// and 35.5 read back from the database are one price.
/// </summary>
internal sealed class PoundsJsonConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(decimal.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture));
    }
}
