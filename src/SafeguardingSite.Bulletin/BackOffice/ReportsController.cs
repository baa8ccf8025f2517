using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SafeguardingSite.BackOffice.Extensibility;
using SafeguardingSite.Bulletin.Reports;

namespace SafeguardingSite.Bulletin.BackOffice;

/// <summary>The bulletin's figures as accessible tables, each downloadable as CSV.</summary>
[Area("BackOffice")]
[Authorize(Policy = BackOfficePolicies.BulletinEdit)]
[Route("umbraco/bulletin/reports")]
public sealed class ReportsController(BulletinReports reports) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(new ReportsView(await reports.AllAsync(cancellationToken)));

    [HttpGet("{slug}.csv")]
    public async Task<IActionResult> Csv(string slug, CancellationToken cancellationToken)
    {
        if (await reports.TableAsync(slug, cancellationToken) is not { } table)
        {
            return NotFound();
        }

        var buffer = new MemoryStream();
        await BulletinReports.WriteCsvAsync(table, buffer, cancellationToken);
        buffer.Position = 0;
        return File(buffer, "text/csv; charset=utf-8", $"bulletin-{table.Slug}.csv");
    }
}
