using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SafeguardingSite.BackOffice.Extensibility;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Learning.Charging;

namespace SafeguardingSite.Learning.Registers;

public sealed record RegisterClosePage(RegisterSheet Sheet, IReadOnlyList<PlannedCharge> Charges);

/// <summary>
/// Trainers' registers, made for a phone or tablet in the training room: one large choice per learner, a draft saved
/// as often as wanted, and a close that asks for confirmation first.
/// </summary>
[Area("BackOffice")]
[Authorize(Policy = BackOfficePolicies.TrainingDeliver)]
[AutoValidateAntiforgeryToken]
[Route("umbraco/" + ChargingRegistration.RegistersSlug)]
public sealed class RegistersController(RegisterService registers) : Controller
{
    public const string SaveAction = "save";
    public const string CloseAction = "close";

    private string Actor => User.Identity?.Name ?? "unknown";

    /// <summary>Training administrators see every session; a trainer sees the sessions that name them as trainer.</summary>
    private bool SeesAll => User.HasClaim(BackOfficeClaims.Permission, BackOfficePermission.TrainingManage);

    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        ViewData["Notice"] = TempData["Notice"];
        var all = await registers.ListAsync(null, HttpContext.RequestAborted);
        return View(SeesAll ? all : all.Where(s => Delivers(s.Trainer)).ToList());
    }

    [HttpGet("{sessionId:int}")]
    public async Task<IActionResult> Sheet(int sessionId)
    {
        if (await registers.SheetAsync(sessionId, HttpContext.RequestAborted) is not { } sheet || !MayTake(sheet))
        {
            return NotFound();
        }

        ViewData["Notice"] = TempData["Notice"];
        return View(sheet);
    }

    [HttpPost("{sessionId:int}")]
    public async Task<IActionResult> Sheet(int sessionId, [FromForm] string? command)
    {
        if (await registers.SheetAsync(sessionId, HttpContext.RequestAborted) is not { } sheet || !MayTake(sheet))
        {
            return NotFound();
        }

        if (command is not (SaveAction or CloseAction))
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown action", detail: "Choose \"Save draft\" or \"Close the register\".");
        }

        var posted = Request.Form.Where(f => f.Key.StartsWith("mark-", StringComparison.Ordinal))
            .ToDictionary(f => f.Key, f => (string?)f.Value.ToString(), StringComparer.Ordinal);
        var result = await registers.SaveDraftAsync(sessionId, posted, command == CloseAction, Actor, HttpContext.RequestAborted);
        switch (result.Outcome)
        {
            case RegisterOutcome.Invalid:
                foreach (var (field, message) in result.Errors)
                {
                    ModelState.AddModelError(field, message);
                }

                Response.StatusCode = StatusCodes.Status400BadRequest;
                return View(WithPosted(sheet, posted));
            case RegisterOutcome.AlreadyClosed:
                TempData["Notice"] = "This register has already been closed; nothing was changed.";
                return RedirectToAction(nameof(Sheet), new { sessionId });
            case RegisterOutcome.NotFound:
                return NotFound();
            default:
                if (command == CloseAction)
                {
                    return RedirectToAction(nameof(Close), new { sessionId });
                }

                TempData["Notice"] = "Draft saved. You can change it until you close the register.";
                return RedirectToAction(nameof(Sheet), new { sessionId });
        }
    }

    [HttpGet("{sessionId:int}/close")]
    public async Task<IActionResult> Close(int sessionId)
    {
        if (await registers.SheetAsync(sessionId, HttpContext.RequestAborted) is not { } sheet || !MayTake(sheet))
        {
            return NotFound();
        }

        if (sheet.IsClosed || sheet.Lines.Any(l => l.Attendance is null))
        {
            return RedirectToAction(nameof(Sheet), new { sessionId });
        }

        return View(new RegisterClosePage(sheet, await registers.PreviewAsync(sheet, HttpContext.RequestAborted)));
    }

    [HttpPost("{sessionId:int}/close")]
    public async Task<IActionResult> CloseConfirmed(int sessionId)
    {
        if (await registers.SheetAsync(sessionId, HttpContext.RequestAborted) is not { } sheet || !MayTake(sheet))
        {
            return NotFound();
        }

        var result = await registers.CloseAsync(sessionId, Actor, HttpContext.RequestAborted);
        TempData["Notice"] = result.Outcome switch
        {
            RegisterOutcome.Closed when result.ChargesRaised.Count == 0 => "Register closed. No charges were raised.",
            RegisterOutcome.Closed => $"Register closed. {result.ChargesRaised.Count} charge{(result.ChargesRaised.Count == 1 ? " was" : "s were")} raised; the learners and their managers will be emailed.",
            RegisterOutcome.AlreadyClosed => "This register had already been closed; nothing was changed.",
            RegisterOutcome.NotStarted => "The register can be closed once the session has started. Your marks are saved as a draft.",
            _ => "Mark every learner before closing the register.",
        };
        return RedirectToAction(nameof(Sheet), new { sessionId });
    }

    private bool MayTake(RegisterSheet sheet) => SeesAll || Delivers(sheet.Session.Trainer);

    private bool Delivers(string? trainer) =>
        trainer is { Length: > 0 }
        && (string.Equals(trainer.Trim(), User.Identity?.Name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(trainer.Trim(), User.FindFirst(BackOfficeClaims.DisplayName)?.Value, StringComparison.OrdinalIgnoreCase));

    /// <summary>Shows what the trainer chose, even where it was wrong, so nothing is lost when the form comes back.</summary>
    private static RegisterSheet WithPosted(RegisterSheet sheet, Dictionary<string, string?> posted) =>
        sheet with
        {
            Lines = [.. sheet.Lines.Select(l => posted.TryGetValue(RegisterService.FieldFor(l.BookingId), out var v)
                && Enum.TryParse<Attendance>(v, out var a) && Enum.IsDefined(a) ? l with { Attendance = a } : l)],
        };
}
