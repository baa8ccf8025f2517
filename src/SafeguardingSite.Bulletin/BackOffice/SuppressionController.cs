using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SafeguardingSite.BackOffice.Audit;
using SafeguardingSite.BackOffice.Extensibility;
using SafeguardingSite.Bulletin.Model;
using SafeguardingSite.Bulletin.Subscribers;
using SafeguardingSite.Bulletin.Subscriptions;

namespace SafeguardingSite.Bulletin.BackOffice;

/// <summary>The suppression list: addresses never mailed or imported, with the reason; administrators add and remove entries.</summary>
[Area("BackOffice")]
[Authorize(Policy = BackOfficePolicies.BulletinEdit)]
[AutoValidateAntiforgeryToken]
[Route("umbraco/bulletin/suppression")]
public sealed class SuppressionController(SuppressionList suppressions, BackOfficeAudit audit) : Controller
{
    /// <summary>Reasons an administrator may give; the others are recorded by the system.</summary>
    public static readonly IReadOnlyList<SuppressionReason> ManualReasons =
        [SuppressionReason.Manual, SuppressionReason.HardBounce, SuppressionReason.Complaint, SuppressionReason.Unsubscribed];

    [HttpGet("")]
    public async Task<IActionResult> Index(string? reason, string? q, string? page, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        SuppressionReason? filter = null;
        if (!string.IsNullOrEmpty(reason))
        {
            if (Enum.GetNames<SuppressionReason>().Contains(reason, StringComparer.OrdinalIgnoreCase))
            {
                filter = Enum.Parse<SuppressionReason>(reason, ignoreCase: true);
            }
            else
            {
                errors["reason"] = ["Reason must be one of: " + string.Join(", ", Enum.GetNames<SuppressionReason>()) + "."];
            }
        }

        var number = 1;
        if (!string.IsNullOrEmpty(page) && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1))
        {
            errors["page"] = ["Page must be a whole number from 1."];
        }

        if (q?.Length > SubscriberDirectory.MaxSearchLength)
        {
            errors["q"] = [$"Search for at most {SubscriberDirectory.MaxSearchLength} characters."];
        }

        if (errors.Count > 0)
        {
            return ValidationProblem(new ValidationProblemDetails(errors));
        }

        ViewData["Notice"] = TempData["Notice"];
        return View(new SuppressionListView(await suppressions.ListAsync(filter, q, number, cancellationToken), filter, q, new SuppressionForm { Reason = nameof(SuppressionReason.Manual) }));
    }

    [HttpPost("")]
    public async Task<IActionResult> Add(SuppressionForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var email = form.Email?.Trim() ?? string.Empty;
        if (email.Length == 0 || email.Length > BulletinLimits.Email || !SubscriberValidation.IsEmail(email))
        {
            ModelState.AddModelError(nameof(SuppressionForm.Email), "Enter an email address in the correct format, like name@example.org");
        }

        var reason = ManualReasons.FirstOrDefault(r => string.Equals(r.ToString(), form.Reason, StringComparison.OrdinalIgnoreCase));
        if (!ManualReasons.Any(r => string.Equals(r.ToString(), form.Reason, StringComparison.OrdinalIgnoreCase)))
        {
            ModelState.AddModelError(nameof(SuppressionForm.Reason), "Choose a reason from the list.");
        }

        if (form.Detail?.Length > 500)
        {
            ModelState.AddModelError(nameof(SuppressionForm.Detail), "The note must be at most 500 characters.");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Index), new SuppressionListView(await suppressions.ListAsync(null, null, 1, cancellationToken), null, null, form));
        }

        var note = string.IsNullOrWhiteSpace(form.Detail) ? $"Added by {Actor}" : $"{form.Detail.Trim()} (added by {Actor})";
        await suppressions.AddAsync(email, reason, note, cancellationToken);
        await audit.RecordAsync("bulletin.suppression.add", Actor, SuppressionList.Normalise(email), reason.ToString(), cancellationToken);
        TempData["Notice"] = $"{SuppressionList.Normalise(email)} is on the suppression list and will not be mailed.";
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{id:long}/remove")]
    public async Task<IActionResult> Remove(long id, CancellationToken cancellationToken)
    {
        var removed = await suppressions.RemoveAsync(id, Actor, cancellationToken);
        if (removed)
        {
            await audit.RecordAsync("bulletin.suppression.remove", Actor, id.ToString(CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        }

        TempData["Notice"] = removed ? "Removed from the suppression list." : "That entry had already been removed.";
        return RedirectToAction(nameof(Index));
    }

    private string Actor => User.Identity?.Name ?? "unknown";
}
