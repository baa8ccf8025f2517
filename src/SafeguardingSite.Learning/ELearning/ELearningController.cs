using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SafeguardingSite.BackOffice.Audit;
using SafeguardingSite.BackOffice.Extensibility;
using SafeguardingSite.Learning.BackOffice;
using SafeguardingSite.Learning.Model;

namespace SafeguardingSite.Learning.ELearning;

public sealed record ELearningEditPage(ELearningOutline Outline, ModuleForm Module, PageForm Page, QuestionForm Question, string? PassMark);

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

    private string ActorName => User.Identity?.Name ?? "unknown";
}
