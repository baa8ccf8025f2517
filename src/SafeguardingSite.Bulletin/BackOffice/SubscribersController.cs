using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SafeguardingSite.BackOffice.Audit;
using SafeguardingSite.BackOffice.Extensibility;
using SafeguardingSite.Bulletin.Model;
using SafeguardingSite.Bulletin.Subscribers;
using SafeguardingSite.Bulletin.Subscriptions;

namespace SafeguardingSite.Bulletin.BackOffice;

/// <summary>Bulletin administrators' screens for the people on the list: search, one person's record, import, export, erasure.</summary>
[Area("BackOffice")]
[Authorize(Policy = BackOfficePolicies.BulletinEdit)]
[AutoValidateAntiforgeryToken]
[Route("umbraco/bulletin/subscribers")]
public sealed class SubscribersController(
    SubscriberDirectory directory,
    SubscriberImport import,
    BulletinLists lists,
    BackOfficeAudit audit) : Controller
{
    /// <summary>Bodies up to this size reach the check and get a readable answer; larger ones are cut off by the server.</summary>
    private const int UploadLimitBytes = 4 * SubscriberImport.MaxFileBytes;

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] SubscriberFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var choices = await lists.AllAsync(cancellationToken);
        if (filter.ToQuery(choices) is not { } query)
        {
            return FilterProblem(filter, choices);
        }

        ViewData["Notice"] = TempData["Notice"];
        return View(new SubscriberListView(filter, await directory.SearchAsync(query, cancellationToken), choices));
    }

    [HttpGet("export.csv")]
    public async Task<IActionResult> Export([FromQuery] SubscriberFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var choices = await lists.AllAsync(cancellationToken);
        if (filter.ToQuery(choices) is not { } query)
        {
            return FilterProblem(filter, choices);
        }

        await audit.RecordAsync("bulletin.subscribers.export", Actor, detail: filter.Describe(), cancellationToken: cancellationToken);
        var buffer = new MemoryStream();
        await directory.ExportCsvAsync(query, choices, buffer, cancellationToken);
        buffer.Position = 0;
        return File(buffer, "text/csv; charset=utf-8", "bulletin-subscribers.csv");
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Details(Guid id, CancellationToken cancellationToken)
    {
        if (await directory.RecordAsync(id, cancellationToken) is not { } record)
        {
            return NotFound();
        }

        ViewData["Notice"] = TempData["Notice"];
        return View(new SubscriberDetailsView(record, await lists.AllAsync(cancellationToken)));
    }

    [HttpGet("{id:guid}/data.json")]
    public async Task<IActionResult> DataExport(Guid id, CancellationToken cancellationToken)
    {
        if (await directory.DataExportAsync(id, await lists.AllAsync(cancellationToken), cancellationToken) is not { } data)
        {
            return NotFound();
        }

        await audit.RecordAsync("bulletin.subscriber.data-export", Actor, id.ToString(), cancellationToken: cancellationToken);
        return File(SubscriberDirectory.ToJsonFile(data), "application/json", $"bulletin-subscriber-{id:N}.json");
    }

    [HttpGet("{id:guid}/erase")]
    public async Task<IActionResult> Erase(Guid id, CancellationToken cancellationToken) =>
        await directory.RecordAsync(id, cancellationToken) is { } record ? View(record.Subscriber) : NotFound();

    [HttpPost("{id:guid}/erase")]
    public async Task<IActionResult> EraseConfirmed(Guid id, CancellationToken cancellationToken)
    {
        if (!await directory.EraseAsync(id, "administrator " + Actor, cancellationToken))
        {
            // Already erased (a second click) or never there: either way nothing of them is left.
            TempData["Notice"] = "That subscriber has already been erased.";
            return RedirectToAction(nameof(Index));
        }

        await audit.RecordAsync("bulletin.subscriber.erase", Actor, id.ToString(), cancellationToken: cancellationToken);
        TempData["Notice"] = "The subscriber's data has been erased. Their address is kept only as a hash on the suppression list.";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("import")]
    public IActionResult Import() => View(new ImportView(null, null, null));

    /// <summary>Checks the file and shows what importing it would do; nothing is stored yet.</summary>
    [HttpPost("import")]
    [RequestSizeLimit(UploadLimitBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = UploadLimitBytes)]
    public async Task<IActionResult> ImportCheck(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", "Choose a CSV file to import.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Import), new ImportView(null, null, null));
        }

        if (file.Length > SubscriberImport.MaxFileBytes)
        {
            ModelState.AddModelError("file", $"The file must be at most {SubscriberImport.MaxFileBytes / 1024 / 1024} MB.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Import), new ImportView(null, null, null));
        }

        using var content = new MemoryStream();
        await file.CopyToAsync(content, cancellationToken);
        var bytes = content.ToArray();
        var plan = await import.PlanAsync(bytes, await lists.AllAsync(cancellationToken), cancellationToken);
        if (plan.FileError is { } error)
        {
            ModelState.AddModelError("file", error);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return View(nameof(Import), new ImportView(plan, Convert.ToBase64String(bytes), null));
    }

    /// <summary>Imports the file that was checked. Every row is checked again, so a second submit adds nobody.</summary>
    [HttpPost("import/confirm")]
    [RequestSizeLimit(SubscriberImport.MaxFileBytes * 2)]
    [RequestFormLimits(ValueLengthLimit = SubscriberImport.MaxFileBytes * 2)]
    public async Task<IActionResult> ImportConfirmed([FromForm] string? content, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(content ?? string.Empty);
        }
        catch (FormatException)
        {
            return ValidationProblem(new ValidationProblemDetails(new Dictionary<string, string[]> { ["content"] = ["The checked file did not come back intact; check it again."] }));
        }

        var choices = await lists.AllAsync(cancellationToken);
        var plan = await import.PlanAsync(bytes, choices, cancellationToken);
        if (plan.FileError is { } error)
        {
            return ValidationProblem(new ValidationProblemDetails(new Dictionary<string, string[]> { ["content"] = [error] }));
        }

        var added = await import.ImportAsync(bytes, choices, Actor, cancellationToken);
        await audit.RecordAsync("bulletin.subscribers.import", Actor, detail: $"{added} added, {plan.Rejected.Count} rejected", cancellationToken: cancellationToken);
        return View(nameof(Import), new ImportView(plan, null, added));
    }

    private IActionResult FilterProblem(SubscriberFilter filter, IReadOnlyList<BulletinChoice> choices) =>
        ValidationProblem(new ValidationProblemDetails(filter.Errors(choices)) { Detail = "The list filters have values that are not allowed." });

    private string Actor => User.Identity?.Name ?? "unknown";
}
