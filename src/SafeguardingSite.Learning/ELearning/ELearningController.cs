using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SafeguardingSite.BackOffice.Audit;
using SafeguardingSite.BackOffice.Extensibility;
using SafeguardingSite.Learning.BackOffice;
using SafeguardingSite.Learning.Model;

namespace SafeguardingSite.Learning.ELearning;

public sealed record ELearningEditPage(ELearningOutline Outline, ModuleForm Module, PageForm Page, QuestionForm Question, string? PassMark);

/// <summary>The screen that changes one page or question of a course in place.</summary>
public sealed record ELearningItemEdit<TForm>(ELearningOutline Outline, int ItemId, TForm Form);

/// <summary>The move up and move down buttons of one page or question; <paramref name="Name"/> tells screen readers which.</summary>
public sealed record ELearningMove(string Action, string Name, bool CanMoveUp, bool CanMoveDown);

/// <summary>The training team builds an e-learning course here: modules, their text and video pages, and the knowledge check.</summary>
[Area("BackOffice")]
[Authorize(Policy = BackOfficePolicies.TrainingManage)]
[AutoValidateAntiforgeryToken]
[Route("umbraco/" + LearningRegistration.SectionSlug + "/courses/{id:int}/elearning")]
public sealed class ELearningController(ELearningAdminService admin, BackOfficeAudit audit) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int id, CancellationToken cancellationToken)
    {
        ViewData["Notice"] = TempData["Notice"];
        return await admin.OutlineAsync(id, cancellationToken) is { } outline
            ? View(new ELearningEditPage(outline, new ModuleForm(), new PageForm { PageKind = nameof(ELearningPageKind.Text) }, new QuestionForm(), null))
            : NotFound();
    }

    [HttpPost("modules")]
    public Task<IActionResult> AddModule(int id, ModuleForm form, CancellationToken cancellationToken) =>
        ChangeAsync(id, () => admin.AddModuleAsync(id, form, cancellationToken), "module added", form.ModuleTitle,
            outline => new ELearningEditPage(outline, form, new PageForm(), new QuestionForm(), null), cancellationToken);

    [HttpPost("pages")]
    public Task<IActionResult> AddPage(int id, PageForm form, CancellationToken cancellationToken) =>
        ChangeAsync(id, () => admin.AddPageAsync(id, form, cancellationToken), "page added", form.PageTitle,
            outline => new ELearningEditPage(outline, new ModuleForm(), form, new QuestionForm(), null), cancellationToken);

    [HttpPost("questions")]
    public Task<IActionResult> AddQuestion(int id, QuestionForm form, CancellationToken cancellationToken) =>
        ChangeAsync(id, () => admin.AddQuestionAsync(id, form, cancellationToken), "question added", form.QuestionText,
            outline => new ELearningEditPage(outline, new ModuleForm(), new PageForm(), form, null), cancellationToken);

    [HttpPost("pass-mark")]
    public Task<IActionResult> SetPassMark(int id, [FromForm] string? passMark, CancellationToken cancellationToken) =>
        ChangeAsync(id, () => admin.SetPassMarkAsync(id, passMark, cancellationToken), "pass mark set", passMark,
            outline => new ELearningEditPage(outline, new ModuleForm(), new PageForm(), new QuestionForm(), passMark), cancellationToken);

    [HttpGet("pages/{pageId:int}/edit")]
    public async Task<IActionResult> EditPage(int id, int pageId, CancellationToken cancellationToken) =>
        await admin.OutlineAsync(id, cancellationToken) is { } outline && await admin.PageFormAsync(id, pageId, cancellationToken) is { } form
            ? View(new ELearningItemEdit<PageForm>(outline, pageId, form))
            : NotFound();

    [HttpPost("pages/{pageId:int}/edit")]
    public Task<IActionResult> EditPage(int id, int pageId, PageForm form, CancellationToken cancellationToken) =>
        EditAsync(id, () => admin.UpdatePageAsync(id, pageId, form, cancellationToken), "page changed", form.PageTitle,
            outline => View(nameof(EditPage), new ELearningItemEdit<PageForm>(outline, pageId, form)), $"page-{pageId}", cancellationToken);

    [HttpPost("pages/{pageId:int}/move")]
    public Task<IActionResult> MovePage(int id, int pageId, [FromForm] string? direction, CancellationToken cancellationToken) =>
        MoveAsync(id, direction, step => admin.MovePageAsync(id, pageId, step, cancellationToken), $"page {pageId}", $"page-{pageId}", cancellationToken);

    [HttpGet("questions/{questionId:int}/edit")]
    public async Task<IActionResult> EditQuestion(int id, int questionId, CancellationToken cancellationToken) =>
        await admin.OutlineAsync(id, cancellationToken) is { } outline && await admin.QuestionFormAsync(id, questionId, cancellationToken) is { } form
            ? View(new ELearningItemEdit<QuestionForm>(outline, questionId, form))
            : NotFound();

    [HttpPost("questions/{questionId:int}/edit")]
    public Task<IActionResult> EditQuestion(int id, int questionId, QuestionForm form, CancellationToken cancellationToken) =>
        EditAsync(id, () => admin.UpdateQuestionAsync(id, questionId, form, cancellationToken), "question changed", form.QuestionText,
            outline => View(nameof(EditQuestion), new ELearningItemEdit<QuestionForm>(outline, questionId, form)), $"question-{questionId}", cancellationToken);

    [HttpPost("questions/{questionId:int}/move")]
    public Task<IActionResult> MoveQuestion(int id, int questionId, [FromForm] string? direction, CancellationToken cancellationToken) =>
        MoveAsync(id, direction, step => admin.MoveQuestionAsync(id, questionId, step, cancellationToken), $"question {questionId}", $"question-{questionId}", cancellationToken);

    [HttpPost("pages/{pageId:int}/delete")]
    public async Task<IActionResult> DeletePage(int id, int pageId, CancellationToken cancellationToken)
    {
        if (!await admin.DeletePageAsync(id, pageId, cancellationToken))
        {
            return NotFound();
        }

        await audit.RecordAsync(TrainingController.AuditPrefix + "e-learning page removed", ActorName, $"course {id}", $"page {pageId}", cancellationToken);
        TempData["Notice"] = "The page is removed.";
        return RedirectToAction(nameof(Index), new { id });
    }

    [HttpPost("questions/{questionId:int}/delete")]
    public async Task<IActionResult> DeleteQuestion(int id, int questionId, CancellationToken cancellationToken)
    {
        if (!await admin.DeleteQuestionAsync(id, questionId, cancellationToken))
        {
            return NotFound();
        }

        await audit.RecordAsync(TrainingController.AuditPrefix + "e-learning question removed", ActorName, $"course {id}", $"question {questionId}", cancellationToken);
        TempData["Notice"] = "The question is removed.";
        return RedirectToAction(nameof(Index), new { id });
    }

    private async Task<IActionResult> ChangeAsync(int id, Func<Task<Dictionary<string, string>>> change, string action, string? detail,
        Func<ELearningOutline, ELearningEditPage> redisplay, CancellationToken cancellationToken)
    {
        if (await admin.OutlineAsync(id, cancellationToken) is not { } before)
        {
            return NotFound();
        }

        if (before.Course.DeliveryMode != DeliveryMode.ELearning)
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not an e-learning course",
                detail: "Set the course's delivery to e-learning before adding modules, pages or questions.");
        }

        var errors = await change();
        if (errors.Count > 0)
        {
            foreach (var (field, message) in errors)
            {
                ModelState.AddModelError(field, message);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Index), redisplay(before));
        }

        await audit.RecordAsync(TrainingController.AuditPrefix + "e-learning " + action, ActorName, $"course {id}", detail?.Trim(), cancellationToken);
        TempData["Notice"] = "Saved.";
        return RedirectToAction(nameof(Index), new { id });
    }

    /// <summary>Saves an edit form: back to the form with its errors beside the fields, or to the outline at the item changed.</summary>
    private async Task<IActionResult> EditAsync(int id, Func<Task<Dictionary<string, string>?>> change, string action, string? detail,
        Func<ELearningOutline, IActionResult> redisplay, string anchor, CancellationToken cancellationToken)
    {
        if (await admin.OutlineAsync(id, cancellationToken) is not { } outline)
        {
            return NotFound();
        }

        switch (await change())
        {
            case null:
                return NotFound();
            case { Count: > 0 } errors:
                foreach (var (field, message) in errors)
                {
                    ModelState.AddModelError(field, message);
                }

                Response.StatusCode = StatusCodes.Status400BadRequest;
                return redisplay(outline);
        }

        await audit.RecordAsync(TrainingController.AuditPrefix + "e-learning " + action, ActorName, $"course {id}", detail?.Trim(), cancellationToken);
        TempData["Notice"] = "Saved.";
        return Redirect(Url.Action(nameof(Index), new { id }) + "#" + anchor);
    }

    private async Task<IActionResult> MoveAsync(int id, string? direction, Func<int, Task<bool>> move, string item, string anchor, CancellationToken cancellationToken)
    {
        int? step = direction switch { "up" => -1, "down" => 1, _ => null };
        if (step is null)
        {
            return Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown direction", detail: "Move an item \"up\" or \"down\".");
        }

        if (!await move(step.Value))
        {
            return NotFound();
        }

        await audit.RecordAsync(TrainingController.AuditPrefix + "e-learning order changed", ActorName, $"course {id}", $"{item} moved {direction}", cancellationToken);
        TempData["Notice"] = $"Moved {direction}.";
        return Redirect(Url.Action(nameof(Index), new { id }) + "#" + anchor);
    }

    private string ActorName => User.Identity?.Name ?? "unknown";
}
