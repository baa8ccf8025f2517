using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SafeguardingSite.BackOffice.Audit;
using SafeguardingSite.BackOffice.Extensibility;
using SafeguardingSite.Learning.Data;
using SafeguardingSite.Learning.Model;

namespace SafeguardingSite.Learning.Charging;

public sealed record PolicyPage(PolicyForm Form, ChargingPolicyVersion Current, IReadOnlyList<ChargingPolicyVersion> History, IReadOnlyList<Organisation> Organisations);

public sealed record ChargesPage(IReadOnlyList<ChargeLine> Lines, ChargeFilterForm Filter, IReadOnlyList<Organisation> Organisations);

public sealed record InvoicesPage(DateOnly Month, IReadOnlyList<Invoice> Invoices);

public sealed record WaivePage(ChargeLine Line, string? Reason);

/// <summary>The charges screen's filters as typed in the address; each is checked before it reaches the query.</summary>
public sealed class ChargeFilterForm
{
    public string? Status { get; set; }
    public string? Organisation { get; set; }
    public string? Kind { get; set; }
    public string? Month { get; set; }

    public (ChargeFilter? Filter, Dictionary<string, string> Errors) Validate()
    {
        var errors = new Dictionary<string, string>();
        ChargeStatus? status = null;
        ChargeKind? kind = null;
        int? organisation = null;
        DateOnly? month = null;
        if (!string.IsNullOrEmpty(Status))
        {
            status = Status switch { "Raised" => ChargeStatus.Raised, "Waived" => ChargeStatus.Waived, _ => null };
            if (status is null)
            {
                errors[nameof(Status)] = "Choose raised or waived";
            }
        }

        if (!string.IsNullOrEmpty(Kind))
        {
            kind = Kind switch { "NoShow" => ChargeKind.NoShow, "LateCancellation" => ChargeKind.LateCancellation, _ => null };
            if (kind is null)
            {
                errors[nameof(Kind)] = "Choose no-show or late cancellation";
            }
        }

        if (!string.IsNullOrEmpty(Organisation))
        {
            if (Organisation.Length <= 9 && int.TryParse(Organisation, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                organisation = id;
            }
            else
            {
                errors[nameof(Organisation)] = "Choose an organisation from the list";
            }
        }

        if (!string.IsNullOrEmpty(Month))
        {
            if (ChargesController.TryMonth(Month, out var parsed))
            {
                month = parsed;
            }
            else
            {
                errors[nameof(Month)] = "Enter the month as year and month, like 2026-12";
            }
        }

        return errors.Count > 0 ? (null, errors) : (new ChargeFilter(status, organisation, kind, month), errors);
    }
}

/// <summary>Training administrators' charging screens: the policy, the bank-holiday calendar, charges, invoices.</summary>
[Area("BackOffice")]
[Authorize(Policy = BackOfficePolicies.TrainingManage)]
[AutoValidateAntiforgeryToken]
[Route("umbraco/" + ChargingRegistration.Slug)]
public sealed class ChargesController(
    ChargingPolicyService policies,
    BankHolidayCalendar holidays,
    ChargeLedger ledger,
    BackOfficeAudit audit,
    IDbContextFactory<LearningDbContext> databases,
    TimeProvider clock) : Controller
{
    public const string WaivedAction = "training charge waived";
    public const string PolicyChangedAction = "training charging policy changed";
    public const string HolidayAddedAction = "bank holiday added";
    public const string HolidayRemovedAction = "bank holiday removed";

    private string Actor => User.Identity?.Name ?? "unknown";

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] ChargeFilterForm filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (parsed, errors) = filter.Validate();
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(field, message);
        }

        if (parsed is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        ViewData["Notice"] = TempData["Notice"];
        var lines = parsed is null ? [] : await ledger.ListAsync(parsed, HttpContext.RequestAborted);
        return View(new ChargesPage(lines, filter, await OrganisationsAsync()));
    }

    [HttpGet("{id:long}/waive")]
    public async Task<IActionResult> Waive(long id) =>
        await ledger.FindAsync(id, HttpContext.RequestAborted) is { } line ? View(new WaivePage(line, null)) : NotFound();

    [HttpPost("{id:long}/waive")]
    public async Task<IActionResult> Waive(long id, [FromForm] string? reason)
    {
        if (await ledger.FindAsync(id, HttpContext.RequestAborted) is not { } line)
        {
            return NotFound();
        }

        var trimmed = reason?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            ModelState.AddModelError("Reason", "Enter why the charge is being waived");
        }
        else if (trimmed.Length > ChargingLimits.Reason)
        {
            ModelState.AddModelError("Reason", $"Keep the reason to {ChargingLimits.Reason} characters or fewer");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(new WaivePage(line, reason));
        }

        var result = await ledger.WaiveAsync(id, trimmed, Actor, HttpContext.RequestAborted);
        if (result == WaiveResult.Waived)
        {
            await audit.RecordAsync(WaivedAction, Actor, $"charge {id} ({line.OrganisationName}, {line.LearnerName})",
                $"{ChargeNotifier.Money(line.Charge.Amount)} waived: {trimmed}", HttpContext.RequestAborted);
        }

        TempData["Notice"] = result == WaiveResult.Waived
            ? $"Waived the {ChargeNotifier.Money(line.Charge.Amount)} charge for {line.LearnerName}."
            : "That charge had already been waived; nothing changed.";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("policy")]
    public async Task<IActionResult> Policy()
    {
        var current = await policies.CurrentAsync(HttpContext.RequestAborted);
        ViewData["Notice"] = TempData["Notice"];
        return View(await PolicyPageAsync(PolicyForm.From(current.Terms), current));
    }

    [HttpPost("policy")]
    public async Task<IActionResult> Policy(PolicyForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var organisations = await OrganisationsAsync();
        var (terms, errors) = form.Validate(organisations.Select(o => o.Id).ToHashSet());
        if (terms is null)
        {
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError(field, message);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(await PolicyPageAsync(form, await policies.CurrentAsync(HttpContext.RequestAborted)));
        }

        var current = await policies.CurrentAsync(HttpContext.RequestAborted);
        if (ChargeLedger.Snapshot(current.Terms) == ChargeLedger.Snapshot(terms))
        {
            TempData["Notice"] = $"Nothing changed; version {current.Version} is still in force.";
            return RedirectToAction(nameof(Policy));
        }

        var saved = await policies.SaveAsync(terms, Actor, HttpContext.RequestAborted);
        await audit.RecordAsync(PolicyChangedAction, Actor, $"charging policy version {saved.Version}", ChargeLedger.Snapshot(terms), HttpContext.RequestAborted);
        TempData["Notice"] = $"Saved version {saved.Version} of the charging policy. It applies from now; charges already raised keep the version they were raised under.";
        return RedirectToAction(nameof(Policy));
    }

    [HttpGet("bank-holidays")]
    public async Task<IActionResult> BankHolidays()
    {
        ViewData["Notice"] = TempData["Notice"];
        return View(await holidays.ListAsync(HttpContext.RequestAborted));
    }

    [HttpPost("bank-holidays")]
    public async Task<IActionResult> AddBankHoliday([FromForm] string? date, [FromForm] string? name)
    {
        var trimmedName = name?.Trim() ?? string.Empty;
        if (!TryDay(date, out var day))
        {
            ModelState.AddModelError("Date", "Enter the date as year, month and day, like 2027-05-03");
        }

        if (trimmedName.Length == 0)
        {
            ModelState.AddModelError("Name", "Enter the holiday's name");
        }
        else if (trimmedName.Length > ChargingLimits.HolidayName)
        {
            ModelState.AddModelError("Name", $"Keep the name to {ChargingLimits.HolidayName} characters or fewer");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            ViewData["Date"] = date;
            ViewData["Name"] = name;
            return View(nameof(BankHolidays), await holidays.ListAsync(HttpContext.RequestAborted));
        }

        var change = await holidays.AddAsync(day, trimmedName, Actor, HttpContext.RequestAborted);
        if (change is HolidayChange.Added or HolidayChange.Restored)
        {
            await audit.RecordAsync(HolidayAddedAction, Actor, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), trimmedName, HttpContext.RequestAborted);
        }

        TempData["Notice"] = change == HolidayChange.AlreadyThere
            ? $"{LongDate(day)} is already a bank holiday."
            : $"Added {trimmedName} on {LongDate(day)}. It no longer counts as a working day.";
        return RedirectToAction(nameof(BankHolidays));
    }

    [HttpPost("bank-holidays/remove")]
    public async Task<IActionResult> RemoveBankHoliday([FromForm] string? date)
    {
        if (!TryDay(date, out var day))
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid date", detail: "The date must be written like 2027-05-03.");
        }

        var change = await holidays.RemoveAsync(day, Actor, HttpContext.RequestAborted);
        if (change == HolidayChange.Removed)
        {
            await audit.RecordAsync(HolidayRemovedAction, Actor, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, HttpContext.RequestAborted);
        }

        TempData["Notice"] = change == HolidayChange.Removed
            ? $"Removed the bank holiday on {LongDate(day)}. It counts as a working day again if it is a weekday."
            : $"{LongDate(day)} was not a bank holiday; nothing changed.";
        return RedirectToAction(nameof(BankHolidays));
    }

    [HttpGet("invoices")]
    public async Task<IActionResult> Invoices([FromQuery] string? month)
    {
        if (!TryMonthOrCurrent(month, out var parsed))
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid month", detail: "The month must be written like 2026-12.");
        }

        return View(new InvoicesPage(parsed, await ledger.InvoicesAsync(parsed, HttpContext.RequestAborted)));
    }

    [HttpGet("invoices/export.{format:regex(^(csv|xlsx)$)}")]
    public async Task<IActionResult> Export(string format, [FromQuery] string? month)
    {
        if (!TryMonthOrCurrent(month, out var parsed))
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid month", detail: "The month must be written like 2026-12.");
        }

        var invoices = await ledger.InvoicesAsync(parsed, HttpContext.RequestAborted);
        return format == "csv"
            ? File(FinanceExport.Csv(invoices), FinanceExport.CsvType, FinanceExport.FileName(parsed, "csv"))
            : File(await FinanceExport.XlsxAsync(invoices, HttpContext.RequestAborted), FinanceExport.XlsxType, FinanceExport.FileName(parsed, "xlsx"));
    }

    public static bool TryMonth(string? text, out DateOnly month) =>
        DateOnly.TryParseExact(text?.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month)
        && month.Year is >= 2000 and <= 2100 && text!.Trim().Length == 7;

    private bool TryMonthOrCurrent(string? text, out DateOnly month)
    {
        if (string.IsNullOrEmpty(text))
        {
            var today = WorkingDayCalendar.UkDate(clock.GetUtcNow().UtcDateTime);
            month = new DateOnly(today.Year, today.Month, 1);
            return true;
        }

        return TryMonth(text, out month);
    }

    private static bool TryDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day) && day.Year is >= 2000 and <= 2100;

    public static string LongDate(DateOnly day) => day.ToString("dddd d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    private async Task<PolicyPage> PolicyPageAsync(PolicyForm form, ChargingPolicyVersion current) =>
        new(form, current, await policies.HistoryAsync(HttpContext.RequestAborted), await OrganisationsAsync());

    private async Task<IReadOnlyList<Organisation>> OrganisationsAsync()
    {
        await using var db = await databases.CreateDbContextAsync(HttpContext.RequestAborted);
        return await db.Set<Organisation>().AsNoTracking().OrderBy(o => o.Name).ToListAsync(HttpContext.RequestAborted);
    }
}
