using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SafeguardingSite.BackOffice.Extensibility;
using SafeguardingSite.Learning.Charging;

namespace SafeguardingSite.Learning.Reports;

/// <summary>
/// The training reports: per course, session, organisation or sector over a period, on screen and as CSV or Excel.
/// The filters arrive in the address, so each is checked and a bad one is a 400 naming it.
/// </summary>
[Area("BackOffice")]
[Authorize(Policy = BackOfficePolicies.TrainingManage)]
[Route("umbraco/" + LearningRegistration.SectionSlug + "/reports")]
public sealed class TrainingReportsController(TrainingReportService reports, TimeProvider clock) : Controller
{
    private const int LongestPeriodDays = 5 * 366;

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] string? by, [FromQuery] string? from, [FromQuery] string? to, CancellationToken cancellationToken)
    {
        var (query, problem) = Parse(by, from, to);
        return query is null ? Invalid(problem!.Value) : View(await reports.BuildAsync(query, cancellationToken));
    }

    [HttpGet("export.{format:regex(^(csv|xlsx)$)}")]
    public async Task<IActionResult> Export(string format, [FromQuery] string? by, [FromQuery] string? from, [FromQuery] string? to, CancellationToken cancellationToken)
    {
        var (query, problem) = Parse(by, from, to);
        if (query is null)
        {
            return Invalid(problem!.Value);
        }

        var report = await reports.BuildAsync(query, cancellationToken);
        IReadOnlyList<string> columns = [Heading(query.Dimension), .. report.Headings];
        var rows = report.Rows.Select(r => (IReadOnlyList<object?>)[r.Label, .. r.Values]).ToList();
        var name = string.Create(CultureInfo.InvariantCulture, $"training-report-by-{query.Dimension.ToString().ToLowerInvariant()}-{query.Period.From:yyyy-MM-dd}-to-{query.Period.To:yyyy-MM-dd}.{format}");
        return format == "csv"
            ? File(TabularExport.Csv(columns, rows), TabularExport.CsvType, name)
            : File(await TabularExport.XlsxAsync(columns, rows, "Report", cancellationToken), TabularExport.XlsxType, name);
    }

    public static string Heading(ReportDimension dimension) => dimension.ToString();

    private (ReportQuery? Query, (string Field, string Detail)? Problem) Parse(string? by, string? from, string? to)
    {
        var dimension = (by ?? "course") switch
        {
            "course" => ReportDimension.Course,
            "session" => ReportDimension.Session,
            "organisation" => ReportDimension.Organisation,
            "sector" => ReportDimension.Sector,
            _ => (ReportDimension?)null,
        };
        if (dimension is null)
        {
            return (null, ("by", "Report by course, session, organisation or sector."));
        }

        var today = WorkingDayCalendar.UkDate(clock.GetUtcNow().UtcDateTime);
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        if (!TryDay(from, monthStart, out var start))
        {
            return (null, ("from", "The start of the period must be a date written like 2026-12-01."));
        }

        if (!TryDay(to, monthStart.AddMonths(1).AddDays(-1), out var end))
        {
            return (null, ("to", "The end of the period must be a date written like 2026-12-31."));
        }

        if (end < start || end.DayNumber - start.DayNumber > LongestPeriodDays)
        {
            return (null, ("to", "The end of the period must be on or after its start, and the period at most five years."));
        }

        return (new ReportQuery(dimension.Value, new ReportPeriod(start, end)), null);
    }

    private static bool TryDay(string? text, DateOnly fallback, out DateOnly day)
    {
        if (string.IsNullOrEmpty(text))
        {
            day = fallback;
            return true;
        }

        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day) && day.Year is >= 2000 and <= 2100;
    }

    private ObjectResult Invalid((string Field, string Detail) problem) =>
        Problem(statusCode: StatusCodes.Status400BadRequest, title: $"Invalid report filter: {problem.Field}", detail: problem.Detail);
}
