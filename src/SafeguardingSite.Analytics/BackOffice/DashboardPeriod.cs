using System.Globalization;
using SafeguardingSite.Analytics.Data;
using SafeguardingSite.Analytics.Reporting;
using SafeguardingSite.Analytics.Time;

namespace SafeguardingSite.Analytics.BackOffice;

public sealed record PeriodPreset(string Value, string Label);

/// <summary>What the dashboard was asked for, as typed, so a rejected request shows the same values back.</summary>
public sealed record PeriodRequest(string? Period, string? From, string? To, string? Page);

/// <summary>A period of UK days, resolved from a preset or from two dates, and an optional page it is limited to.</summary>
public sealed record DashboardPeriod(string Preset, DateOnly From, DateOnly To, string? Page)
{
    public const string Last7Days = "last-7-days";
    public const string Last30Days = "last-30-days";
    public const string ThisMonth = "this-month";
    public const string LastMonth = "last-month";
    public const string FinancialYear = "financial-year";
    public const string Custom = "custom";

    /// <summary>Longer than any date or preset; anything longer is refused before it is parsed.</summary>
    private const int MaxFieldLength = 40;

    private static readonly DateOnly Earliest = new(2000, 1, 1);

    public static IReadOnlyList<PeriodPreset> Presets { get; } =
    [
        new(Last7Days, "Last 7 days"),
        new(Last30Days, "Last 30 days"),
        new(ThisMonth, "This month so far"),
        new(LastMonth, "Last month"),
        new(FinancialYear, "This financial year so far"),
        new(Custom, "Dates I choose"),
    ];

    public int Days => To.DayNumber - From.DayNumber + 1;

    public (DateOnly From, DateOnly To) Previous => AnalyticsReports.PreviousOf(From, To);

    public string Label => Presets.First(p => p.Value == Preset).Label;

    /// <summary>
    /// Last 7 and 30 days end yesterday, so a whole day is compared with whole days; "so far" periods end today.
    /// Errors are keyed by the form field they belong to.
    /// </summary>
    public static DashboardPeriod? Resolve(PeriodRequest request, DateOnly today, IDictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        var preset = string.IsNullOrWhiteSpace(request.Period)
            ? (string.IsNullOrWhiteSpace(request.From) && string.IsNullOrWhiteSpace(request.To) ? Last30Days : Custom)
            : request.Period.Trim().ToLowerInvariant();
        var page = PageOf(request.Page, errors);
        var yesterday = today.AddDays(-1);
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        (DateOnly From, DateOnly To)? range = preset switch
        {
            Last7Days => (yesterday.AddDays(-6), yesterday),
            Last30Days => (yesterday.AddDays(-29), yesterday),
            ThisMonth => (monthStart, today),
            LastMonth => (monthStart.AddMonths(-1), monthStart.AddDays(-1)),
            FinancialYear => (UkCalendar.FinancialYear(UkCalendar.FinancialYearOf(today)).From, today),
            Custom => CustomRange(request, today, errors),
            _ => null,
        };
        if (preset.Length > MaxFieldLength || !Presets.Any(p => p.Value == preset))
        {
            errors["period"] = "Choose one of the periods in the list.";
        }

        return range is { } r && errors.Count == 0 ? new DashboardPeriod(preset, r.From, r.To, page) : null;
    }

    private static (DateOnly, DateOnly)? CustomRange(PeriodRequest request, DateOnly today, IDictionary<string, string> errors)
    {
        var from = DateOf(request.From, "from", "start", errors);
        var to = DateOf(request.To, "to", "end", errors);
        if (from is not { } start || to is not { } end)
        {
            return null;
        }

        if (start < Earliest)
        {
            errors["from"] = "The start date must be in 2000 or later.";
        }

        if (end > today)
        {
            errors["to"] = "The end date cannot be after today.";
        }
        else if (end < start)
        {
            errors["to"] = "The end date must be the same as or after the start date.";
        }
        else if (end.DayNumber - start.DayNumber >= AnalyticsReports.MaxPeriodDays)
        {
            errors["to"] = $"The period can be at most {AnalyticsReports.MaxPeriodDays} days long.";
        }

        return (start, end);
    }

    private static DateOnly? DateOf(string? value, string field, string name, IDictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = $"Enter the {name} date.";
            return null;
        }

        if (value.Length > MaxFieldLength
            || !DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors[field] = $"Enter the {name} date as a real date, for example 2026-04-01.";
            return null;
        }

        return day;
    }

    /// <summary>A page is a site path such as /training/; anything else cannot have been recorded.</summary>
    private static string? PageOf(string? value, IDictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var page = value.Trim();
        if (page.Length > AnalyticsEvent.MaxPathLength || !page.StartsWith('/') || page.StartsWith("//", StringComparison.Ordinal) || page.Any(char.IsControl))
        {
            errors["page"] = "Enter the page as its address on the site, starting with /, for example /training/.";
            return null;
        }

        return page;
    }

    public string Describe() => Describe(From, To);

    public static string Describe(DateOnly from, DateOnly to) => from == to
        ? from.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))
        : $"{from.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))} to {to.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}";

    /// <summary>The dashboard address for this period, limited to a page or (with null) the whole site.</summary>
    public string Link(string? page)
    {
        var query = "?period=" + Preset + (Preset == Custom ? $"&from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}" : string.Empty);
        return AnalyticsDashboardController.Path + query + (page is null ? string.Empty : "&page=" + Uri.EscapeDataString(page));
    }
}
