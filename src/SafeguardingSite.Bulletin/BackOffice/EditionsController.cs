using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SafeguardingSite.BackOffice.Extensibility;
using SafeguardingSite.Bulletin.Editions;
using SafeguardingSite.Bulletin.Model;
using SafeguardingSite.Bulletin.Sending;
using SafeguardingSite.Bulletin.Subscriptions;
using SafeguardingSite.Platform.Mail;

namespace SafeguardingSite.Bulletin.BackOffice;

/// <summary>
/// The bulletin section of the back office: the editions list, composing from blocks, the email preview, test sends,
/// sending or scheduling (optionally to a segment) and the live progress with pause, resume and cancel.
/// </summary>
[Area("BackOffice")]
[Authorize(Policy = BackOfficePolicies.BulletinEdit)]
[AutoValidateAntiforgeryToken]
[Route("umbraco/" + BulletinBackOffice.Slug)]
public sealed class EditionsController(
    EditionService editions,
    EditionComposer composer,
    BulletinMessages messages,
    BulletinLists lists,
    IMailSender mail,
    TimeProvider clock) : Controller
{
    public const int PageSize = 20;
    public const int MaxTestAddresses = 10;
    private const string PreviewAddress = "preview@example.invalid";

    /// <summary>
    /// The preview is the mail's own HTML: its inline styles are allowed, but nothing else, not even in a frame elsewhere.
    /// The sandbox keeps the site's origin (no script can run to use it, under either the sandbox or default-src): an
    /// opaque-origin frame is moved to a process of its own by Chromium, which then routes a click made just after a
    /// scroll by where the frame was, so the "Send or schedule" button below it swallowed the click.
    /// </summary>
    private const string PreviewPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'; sandbox allow-same-origin";

    [HttpGet("")]
    public async Task<IActionResult> Index(string? status, string? kind, string? page, CancellationToken cancellationToken)
    {
        var statusFilter = Enum.TryParse<EditionStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(status, out _) ? s : (EditionStatus?)null;
        var kindFilter = kind is not null && EditionComposer.Kinds.TryGetValue(kind, out var k) ? k : (EditionKind?)null;
        var pageNumber = int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 1;
        var result = await editions.ListAsync(statusFilter, kindFilter, pageNumber, PageSize, cancellationToken);
        var progress = new Dictionary<Guid, SendProgress>();
        foreach (var edition in result.Editions.Where(e => e.Status is EditionStatus.Sending or EditionStatus.Paused))
        {
            progress[edition.Id] = (await editions.ProgressAsync(edition.Id, cancellationToken))!;
        }

        ViewData["Notice"] = TempData["Notice"];
        return View(new EditionListPage(result, statusFilter, kindFilter, progress));
    }

    [HttpGet("editions/new")]
    public IActionResult Create() => ComposeView(null, new EditionForm { Kind = "monthly" }, searchIn: null);

    [HttpPost("editions/new")]
    [RequestSizeLimit(BulletinBackOffice.MaxFormBytes)]
    public Task<IActionResult> Create(EditionForm form, string? command, CancellationToken cancellationToken) =>
        ComposeAsync(null, form, command, cancellationToken);

    [HttpGet("editions/{id:guid}")]
    public async Task<IActionResult> Edit(Guid id, CancellationToken cancellationToken)
    {
        if (await editions.FindAsync(id, cancellationToken) is not { } edition)
        {
            return NotFound();
        }

        if (!IsEditable(edition))
        {
            return RedirectToAction(nameof(Progress), new { id });
        }

        ViewData["Notice"] = TempData["Notice"];
        return ComposeView(edition, EditionComposer.ToForm(edition), searchIn: null);
    }

    [HttpPost("editions/{id:guid}")]
    [RequestSizeLimit(BulletinBackOffice.MaxFormBytes)]
    public async Task<IActionResult> Edit(Guid id, EditionForm form, string? command, CancellationToken cancellationToken)
    {
        if (await editions.FindAsync(id, cancellationToken) is not { } edition)
        {
            return NotFound();
        }

        if (!IsEditable(edition))
        {
            TempData["Notice"] = "This edition has started sending, so it can no longer be changed.";
            return RedirectToAction(nameof(Progress), new { id });
        }

        return await ComposeAsync(edition, form, command, cancellationToken);
    }

    /// <summary>
    /// One post handles every button of the compose form: add, remove and move re-show the form with everything kept,
    /// search lists pages for one block, and save validates and stores.
    /// </summary>
    private async Task<IActionResult> ComposeAsync(Edition? edition, EditionForm form, string? command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ModelState.Clear();
        if (EditionComposer.ApplyCommand(form, command))
        {
            return ComposeView(edition, form, searchIn: null);
        }

        if (command?.StartsWith("search:", StringComparison.Ordinal) == true)
        {
            return ComposeView(edition, form, searchIn: int.TryParse(command["search:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : null);
        }

        var errors = composer.Validate(form);
        if (errors.Count > 0)
        {
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError(field, message);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return ComposeView(edition, form, searchIn: null);
        }

        var blocks = await composer.BuildAsync(form, cancellationToken);
        Edition? saved;
        try
        {
            saved = await editions.SaveComposedAsync(edition?.Id, EditionComposer.Kinds[form.Kind!], form.Title!, form.Intro ?? string.Empty, blocks, cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            TempData["Notice"] = ex.Message;
            return RedirectToAction(nameof(Progress), new { id = edition!.Id });
        }

        if (saved is null)
        {
            return NotFound();
        }

        TempData["Notice"] = command == "save-preview" ? null : $"Saved \u2018{saved.Title}\u2019.";
        return command == "save-preview" ? RedirectToAction(nameof(Preview), new { id = saved.Id }) : RedirectToAction(nameof(Edit), new { id = saved.Id });
    }

    private ViewResult ComposeView(Edition? edition, EditionForm form, int? searchIn)
    {
        var results = new Dictionary<int, IReadOnlyList<PickableContent>>();
        for (var i = 0; i < form.Blocks.Count; i++)
        {
            if (form.Blocks[i].Kind == "siteContent" && (i == searchIn || !string.IsNullOrWhiteSpace(form.Blocks[i].Search)))
            {
                results[i] = composer.Search(form.Blocks[i].Search);
            }
        }

        var picked = form.Blocks.Select(b => Guid.TryParse(b.ContentKey, out var key) ? composer.FindPickable(key) : null).ToList();
        return View("Compose", new ComposePage(edition, form, results, picked, searchIn));
    }

    [HttpGet("editions/{id:guid}/preview")]
    public async Task<IActionResult> Preview(Guid id, string? width, CancellationToken cancellationToken)
    {
        if (await editions.FindAsync(id, cancellationToken) is not { } edition)
        {
            return NotFound();
        }

        ViewData["Notice"] = TempData["Notice"];
        return View(await PreviewPageAsync(edition, width == "phone", new SendForm(), new TestSendForm(), cancellationToken));
    }

    /// <summary>The mail's HTML for the preview frame, under its own policy since the back office's forbids inline styles.</summary>
    [HttpGet("editions/{id:guid}/preview/email")]
    public async Task<IActionResult> PreviewEmail(Guid id, CancellationToken cancellationToken)
    {
        if (await editions.FindAsync(id, cancellationToken) is not { } edition)
        {
            return NotFound();
        }

        Response.Headers.ContentSecurityPolicy = PreviewPolicy;
        Response.Headers.XFrameOptions = "SAMEORIGIN";
        return Content(messages.Preview(edition, PreviewAddress, test: false).HtmlBody ?? string.Empty, "text/html; charset=utf-8");
    }

    [HttpPost("editions/{id:guid}/test")]
    public async Task<IActionResult> Test(Guid id, TestSendForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await editions.FindAsync(id, cancellationToken) is not { } edition)
        {
            return NotFound();
        }

        ModelState.Clear();
        var addresses = (form.Addresses ?? string.Empty).Split([',', ';', '\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(a => a.ToLowerInvariant()).Distinct().ToList();
        if (addresses.Count == 0)
        {
            ModelState.AddModelError(nameof(TestSendForm.Addresses), "Enter at least one email address to send the test to.");
        }
        else if (addresses.Count > MaxTestAddresses)
        {
            ModelState.AddModelError(nameof(TestSendForm.Addresses), $"Send a test to at most {MaxTestAddresses} addresses at a time.");
        }
        else if (addresses.FirstOrDefault(a => a.Length > BulletinLimits.Email || !SubscriberValidation.IsEmail(a)) is { } wrong)
        {
            ModelState.AddModelError(nameof(TestSendForm.Addresses), $"\u2018{Shorten(wrong)}\u2019 is not an email address; use the format name@example.org.");
        }

        if (ModelState.IsValid)
        {
            try
            {
                foreach (var address in addresses)
                {
                    await mail.SendAsync(messages.Preview(edition, address, test: true), cancellationToken);
                }

                TempData["Notice"] = $"Test sent to {string.Join(", ", addresses)}.";
                return RedirectToAction(nameof(Preview), new { id });
            }
            catch (MailDeliveryException ex)
            {
                ModelState.AddModelError(nameof(TestSendForm.Addresses), "The test could not be sent: " + ex.Message);
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(nameof(Preview), await PreviewPageAsync(edition, phone: false, new SendForm(), form, cancellationToken));
    }

    [HttpPost("editions/{id:guid}/send")]
    public async Task<IActionResult> Send(Guid id, SendForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await editions.FindAsync(id, cancellationToken) is not { } edition)
        {
            return NotFound();
        }

        if (!IsEditable(edition))
        {
            // A second click of "send now" lands here: the first already started it, so nothing more is sent.
            TempData["Notice"] = "This edition has already started sending.";
            return RedirectToAction(nameof(Progress), new { id });
        }

        ModelState.Clear();
        var choices = await lists.AllAsync(cancellationToken);
        var areas = Choose(form.ServiceAreas, choices, ChoiceKind.ServiceArea, nameof(SendForm.ServiceAreas));
        var topics = Choose(form.Topics, choices, ChoiceKind.Topic, nameof(SendForm.Topics));
        DateTime? at = null;
        if (form.When == "schedule")
        {
            at = ParseUkTime(form);
        }
        else if (form.When != "now")
        {
            ModelState.AddModelError(nameof(SendForm.When), "Choose whether to send now or at a time.");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Preview), await PreviewPageAsync(edition, phone: false, form, new TestSendForm(), cancellationToken));
        }

        var started = await editions.SetAudienceAsync(id, areas, topics, cancellationToken) && await editions.SendAsync(id, at, cancellationToken);
        TempData["Notice"] = !started ? "This edition has already started sending."
            : at is { } when ? $"Scheduled for {UkTime.Describe(when)} (UK time)." : "Sending has started.";
        return at is not null && started ? RedirectToAction(nameof(Index)) : RedirectToAction(nameof(Progress), new { id });
    }

    [HttpGet("editions/{id:guid}/progress")]
    public async Task<IActionResult> Progress(Guid id, CancellationToken cancellationToken)
    {
        if (await editions.FindAsync(id, cancellationToken) is not { } edition)
        {
            return NotFound();
        }

        ViewData["Notice"] = TempData["Notice"];
        return View(new ProgressPage(edition, (await editions.ProgressAsync(id, cancellationToken))!));
    }

    /// <summary>What the progress script polls: the same figures as the page.</summary>
    [HttpGet("editions/{id:guid}/progress.json")]
    public async Task<IActionResult> ProgressJson(Guid id, CancellationToken cancellationToken) =>
        await editions.ProgressAsync(id, cancellationToken) is { } progress
            ? Json(new
            {
                status = progress.Status, statusText = EditionLabels.Status(Enum.Parse<EditionStatus>(progress.Status)),
                progress.Total, progress.Sent, progress.Failed, remaining = progress.Pending, progress.Skipped, progress.Cancelled, progress.PerMinute,
            })
            : NotFound();

    [HttpPost("editions/{id:guid}/pause")]
    public Task<IActionResult> Pause(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, editions.PauseAsync, "Sending is paused. Nobody else gets it until you resume.", "Only an edition that is sending can be paused.", cancellationToken);

    [HttpPost("editions/{id:guid}/resume")]
    public Task<IActionResult> Resume(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, editions.ResumeAsync, "Sending has resumed.", "Only a paused edition can be resumed.", cancellationToken);

    [HttpGet("editions/{id:guid}/cancel")]
    public async Task<IActionResult> ConfirmCancel(Guid id, CancellationToken cancellationToken) =>
        await editions.FindAsync(id, cancellationToken) is { } edition
            ? View("Cancel", new ProgressPage(edition, (await editions.ProgressAsync(id, cancellationToken))!))
            : NotFound();

    [HttpPost("editions/{id:guid}/cancel")]
    public Task<IActionResult> Cancel(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, editions.CancelAsync, "The edition is cancelled. Nobody else will get it.", "Only a scheduled, sending or paused edition can be cancelled.", cancellationToken);

    private async Task<IActionResult> ChangeAsync(Guid id, Func<Guid, CancellationToken, Task<bool>> change, string done, string refused, CancellationToken cancellationToken)
    {
        if (await editions.FindAsync(id, cancellationToken) is null)
        {
            return NotFound();
        }

        TempData["Notice"] = await change(id, cancellationToken) ? done : refused;
        return RedirectToAction(nameof(Progress), new { id });
    }

    private async Task<PreviewPage> PreviewPageAsync(Edition edition, bool phone, SendForm send, TestSendForm test, CancellationToken cancellationToken)
    {
        var message = messages.Preview(edition, PreviewAddress, test: false);
        var choices = (await lists.AllAsync(cancellationToken)).Where(c => c.IsActive).ToList();
        if (send.When is null)
        {
            send.When = "now";
            send.ServiceAreas = [.. edition.TargetServiceAreaIds.Select(i => i.ToString(CultureInfo.InvariantCulture))];
            send.Topics = [.. edition.TargetTopicIds.Select(i => i.ToString(CultureInfo.InvariantCulture))];
            if (edition.ScheduledFor is { } scheduled)
            {
                var uk = UkTime.ToUk(new DateTimeOffset(DateTime.SpecifyKind(scheduled, DateTimeKind.Utc)));
                (send.When, send.Date, send.Time) = ("schedule", uk.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), uk.ToString("HH:mm", CultureInfo.InvariantCulture));
            }
        }

        return new PreviewPage(edition, message.Subject ?? edition.Title, message.TextBody ?? string.Empty, phone, send, test, choices, IsEditable(edition));
    }

    private List<int> Choose(List<string> posted, IReadOnlyList<BulletinChoice> choices, ChoiceKind kind, string field)
    {
        var chosen = new List<int>();
        foreach (var value in posted.Distinct())
        {
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && choices.Any(c => c.Kind == kind && c.Id == id && c.IsActive))
            {
                chosen.Add(id);
            }
            else
            {
                ModelState.AddModelError(field, kind == ChoiceKind.ServiceArea ? "Choose service areas from the list." : "Choose topics from the list.");
            }
        }

        return chosen;
    }

    private DateTime? ParseUkTime(SendForm form)
    {
        if (!DateOnly.TryParseExact(form.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            ModelState.AddModelError(nameof(SendForm.Date), "Enter the date to send on, like 2026-12-08.");
            return null;
        }

        if (!TimeOnly.TryParseExact(form.Time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            ModelState.AddModelError(nameof(SendForm.Time), "Enter the time in 24-hour UK time, like 09:30.");
            return null;
        }

        if (UkTime.FromUk(date, time) is not { } utc)
        {
            ModelState.AddModelError(nameof(SendForm.Time), "That time does not exist in the UK: the clocks go forward then. Choose another.");
            return null;
        }

        if (utc <= clock.GetUtcNow().UtcDateTime)
        {
            ModelState.AddModelError(nameof(SendForm.Date), "Choose a time in the future, or send now.");
            return null;
        }

        return utc;
    }

    private static bool IsEditable(Edition edition) => edition.Status is EditionStatus.Draft or EditionStatus.Scheduled;

    private static string Shorten(string value) => value.Length > 60 ? value[..60] + "\u2026" : value;
}

public sealed class TestSendForm
{
    public string? Addresses { get; set; }
}

public sealed class SendForm
{
    /// <summary>"now" or "schedule".</summary>
    public string? When { get; set; }
    public string? Date { get; set; }
    public string? Time { get; set; }
    public List<string> ServiceAreas { get; set; } = [];
    public List<string> Topics { get; set; } = [];
}

public sealed record EditionListPage(EditionPage Result, EditionStatus? Status, EditionKind? Kind, IReadOnlyDictionary<Guid, SendProgress> Progress);

public sealed record ComposePage(Edition? Edition, EditionForm Form, IReadOnlyDictionary<int, IReadOnlyList<PickableContent>> SearchResults,
    IReadOnlyList<PickableContent?> Picked, int? SearchedBlock);

public sealed record PreviewPage(Edition Edition, string Subject, string Text, bool Phone, SendForm Send, TestSendForm Test,
    IReadOnlyList<BulletinChoice> Choices, bool CanSend);

public sealed record ProgressPage(Edition Edition, SendProgress Progress);

/// <summary>The words the screens use for statuses and types.</summary>
public static class EditionLabels
{
    public static string Status(EditionStatus status) => status switch
    {
        EditionStatus.Draft => "Draft",
        EditionStatus.Scheduled => "Scheduled",
        EditionStatus.Sending => "Sending",
        EditionStatus.Paused => "Paused",
        EditionStatus.Sent => "Sent",
        _ => "Cancelled",
    };

    public static string Kind(EditionKind kind) => kind switch
    {
        EditionKind.Monthly => "Monthly",
        EditionKind.Special => "Special",
        _ => "Safety alert",
    };

    public static string Block(string? kind) => kind switch
    {
        "article" => "Article",
        "siteContent" => "Page from the site",
        "safetyMessage" => "Safety message",
        "upcomingTraining" => "Upcoming training",
        _ => "Unknown block",
    };
}
