using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SafeguardingSite.Analytics.Reporting;
using SafeguardingSite.Analytics.Time;
using SafeguardingSite.BackOffice.Extensibility;

namespace SafeguardingSite.Analytics.BackOffice;

/// <summary>What the dashboard shows: the period asked for, the errors in it, and the figures when it was valid.</summary>
public sealed record DashboardPage(
    PeriodRequest Request,
    IReadOnlyDictionary<string, string> Errors,
    DashboardPeriod? Period,
    PeriodComparison? Site,
    PageComparison? Page,
    IReadOnlyList<int> FinancialYears);

/// <summary>The analytics dashboard for signed-in readers (groups Analytics reader and Administrator).</summary>
[Area("BackOffice")]
[Authorize(Policy = BackOfficePolicies.AnalyticsRead)]
[Route("umbraco/analytics")]
public sealed class AnalyticsDashboardController(AnalyticsReports reports, TimeProvider clock) : Controller
{
    public const string Path = "/umbraco/analytics";

    private const string BackOfficeStyleSheet = "/umbraco/assets/backoffice.css";

    /// <summary>Financial years offered for export: the current one and the five before it.</summary>
    private const int ExportYears = 6;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? period, string? from, string? to, string? page, CancellationToken cancellationToken)
    {
        var today = UkCalendar.Today(clock);
        var request = new PeriodRequest(period, from, to, page);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var resolved = DashboardPeriod.Resolve(request, today, errors);
        var years = Enumerable.Range(0, ExportYears).Select(i => UkCalendar.FinancialYearOf(today) - i).ToList();
        if (resolved is null)
        {
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError(field, message);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(new DashboardPage(request, errors, null, null, null, years));
        }

        var site = resolved.Page is null ? await reports.CompareAsync(resolved.From, resolved.To, cancellationToken) : null;
        var pageFigures = resolved.Page is { } path ? await reports.ComparePageAsync(path, resolved.From, resolved.To, cancellationToken) : null;
        return View(new DashboardPage(request, errors, resolved, site, pageFigures, years));
    }

    /// <summary>The annual report for a financial year, for readers signed in to the back office rather than using an API key.</summary>
    [HttpGet("annual-report/{year}")]
    public async Task<IResult> AnnualReport(string year, string? format, CancellationToken cancellationToken)
    {
        return AnnualReportExport.TryRead(year, format, out var startYear, out var kind) is { } errors
            ? Results.ValidationProblem(errors, detail: "The annual report request needs correcting.")
            : await AnnualReportExport.ResultAsync(reports, startYear, kind, cancellationToken, BackOfficeStyleSheet);
    }
}
