using System.Globalization;
using SafeguardingSite.Learning.Catalogue;
using SafeguardingSite.Learning.Charging;
using SafeguardingSite.Learning.Model;
using SafeguardingSite.Learning.Registers;

namespace SafeguardingSite.Learning.Reports;

public enum ReportDimension
{
    Course,
    Session,
    Organisation,
    Sector,
}

/// <summary>UK dates, both included: sessions that start in the period and e-learning completed in it.</summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To)
{
    public DateTime StartUtc => TimeZoneInfo.ConvertTimeToUtc(From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), WorkingDayCalendar.UkTime);

    public DateTime EndUtc => TimeZoneInfo.ConvertTimeToUtc(To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), WorkingDayCalendar.UkTime);
}

public sealed record ReportQuery(ReportDimension Dimension, ReportPeriod Period);

/// <summary>Identifies a report row within its dimension: a course, session or organisation id, or a sector name.</summary>
public sealed record ReportRowKey(ReportDimension Dimension, string Id);

public sealed record ReportRow(ReportRowKey Key, string Label, IReadOnlyList<object?> Values);

/// <summary>One booking on a session in the period (moved bookings left out: their new booking counts instead).</summary>
public sealed record BookingFact(
    int BookingId,
    int CourseId,
    string CourseTitle,
    int SessionId,
    DateTime SessionStartsAt,
    int OrganisationId,
    string OrganisationName,
    OrganisationSector Sector,
    bool HeldPlace,
    bool Waited,
    Attendance? Mark,
    bool LateCancellation,
    ChargeStatus? Charge,
    decimal ChargeAmount);

/// <summary>One e-learning completion in the period; it counts for the course, organisation and sector, and as its own "session".</summary>
public sealed record CompletionFact(int CourseId, string CourseTitle, int OrganisationId, string OrganisationName, OrganisationSector Sector);

/// <summary>What happened in the period, for the column sets to count; <see cref="KeyOf(ReportDimension, BookingFact)"/> says which row a fact belongs to.</summary>
public sealed record ReportFacts(IReadOnlyList<BookingFact> Bookings, IReadOnlyList<CompletionFact> Completions)
{
    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    public static ReportRowKey KeyOf(ReportDimension dimension, BookingFact booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        return new(dimension, dimension switch
        {
            ReportDimension.Course => Id(booking.CourseId),
            ReportDimension.Session => Id(booking.SessionId),
            ReportDimension.Organisation => Id(booking.OrganisationId),
            _ => booking.Sector.ToString(),
        });
    }

    public static ReportRowKey KeyOf(ReportDimension dimension, CompletionFact completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        return new(dimension, dimension switch
        {
            ReportDimension.Course => Id(completion.CourseId),
            ReportDimension.Session => "elearning-" + Id(completion.CourseId),
            ReportDimension.Organisation => Id(completion.OrganisationId),
            _ => completion.Sector.ToString(),
        });
    }

    /// <summary>The rows of the report: every course, session, organisation or sector with a booking or completion, in a sensible order.</summary>
    public IReadOnlyList<(ReportRowKey Key, string Label)> Rows(ReportDimension dimension)
    {
        var fromBookings = Bookings.Select(b => (Key: KeyOf(dimension, b), Label: BookingLabel(dimension, b), Sort: dimension == ReportDimension.Session ? b.SessionStartsAt : DateTime.MinValue));
        var fromCompletions = Completions.Select(c => (Key: KeyOf(dimension, c), Label: CompletionLabel(dimension, c), Sort: DateTime.MaxValue));
        return [.. fromBookings.Concat(fromCompletions).DistinctBy(r => r.Key).OrderBy(r => r.Sort).ThenBy(r => r.Label, StringComparer.OrdinalIgnoreCase).Select(r => (r.Key, r.Label))];
    }

    private static string BookingLabel(ReportDimension dimension, BookingFact booking) => dimension switch
    {
        ReportDimension.Course => booking.CourseTitle,
        ReportDimension.Session => $"{booking.CourseTitle}, {WorkingDayCalendar.UkDate(booking.SessionStartsAt).ToString("d MMM yyyy", UkCulture)} (session {Id(booking.SessionId)})",
        ReportDimension.Organisation => booking.OrganisationName,
        _ => ModeNames.Of(booking.Sector),
    };

    private static string CompletionLabel(ReportDimension dimension, CompletionFact completion) => dimension switch
    {
        ReportDimension.Course => completion.CourseTitle,
        ReportDimension.Session => completion.CourseTitle + " (e-learning)",
        ReportDimension.Organisation => completion.OrganisationName,
        _ => ModeNames.Of(completion.Sector),
    };

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// A group of report columns. The report shows every registered set in <see cref="Order"/>, so another part of the
/// learning module (evaluation results, say) adds columns by registering one more set:
/// <c>services.AddScoped&lt;ITrainingReportColumns, MyColumns&gt;()</c>. Values are typed (int, decimal, double, string
/// or null for "nothing to show") so the Excel export keeps numbers as numbers.
/// </summary>
public interface ITrainingReportColumns
{
    int Order { get; }

    IReadOnlyList<string> Headings { get; }

    /// <summary>Values for each row key, in the order of <see cref="Headings"/>; a row missing from the answer shows blanks.</summary>
    Task<IReadOnlyDictionary<ReportRowKey, IReadOnlyList<object?>>> ValuesAsync(ReportQuery query, ReportFacts facts, CancellationToken cancellationToken);
}

public sealed record TrainingReport(ReportQuery Query, IReadOnlyList<string> Headings, IReadOnlyList<ReportRow> Rows);
