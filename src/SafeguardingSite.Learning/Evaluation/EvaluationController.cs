using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SafeguardingSite.BackOffice.Audit;
using SafeguardingSite.BackOffice.Extensibility;
using SafeguardingSite.Learning.BackOffice;
using SafeguardingSite.Learning.Catalogue;
using SafeguardingSite.Learning.Model;

namespace SafeguardingSite.Learning.Evaluation;

public sealed record QuestionnaireListPage(IReadOnlyList<QuestionnaireSummary> Questionnaires, IReadOnlyList<Course> Courses, string? Course, string? Stage);

public sealed record QuestionnaireEditPage(Questionnaire Questionnaire, string? CourseTitle, QuestionForm Form, string? Introduction);

public sealed record EvaluationReportsPage(IReadOnlyList<CourseEvaluationCount> Courses);

/// <summary>The training team's questionnaires (a default per stage, a course's own where needed) and the evaluation reports.</summary>
[Area("BackOffice")]
[Authorize(Policy = BackOfficePolicies.TrainingManage)]
[AutoValidateAntiforgeryToken]
[Route("umbraco/" + LearningRegistration.SectionSlug + "/evaluation")]
public sealed class EvaluationController(QuestionnaireService questionnaires, EvaluationReportService reports, TrainingAdminService admin, BackOfficeAudit audit) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        ViewData["Notice"] = TempData["Notice"];
        return View(new QuestionnaireListPage(await questionnaires.ListAsync(cancellationToken), await admin.CourseChoicesAsync(cancellationToken), null, null));
    }

    [HttpPost("overrides")]
    public async Task<IActionResult> CreateOverride([FromForm] string? course, [FromForm] string? stage, CancellationToken cancellationToken)
    {
        var result = await questionnaires.CreateOverrideAsync(course, stage, ActorName, cancellationToken);
        if (!result.Saved)
        {
            AddErrors(result.Errors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Index), new QuestionnaireListPage(await questionnaires.ListAsync(cancellationToken), await admin.CourseChoicesAsync(cancellationToken), course, stage));
        }

        await audit.RecordAsync(TrainingController.AuditPrefix + "course questionnaire created", ActorName, $"questionnaire {result.Id}", $"course {course}, {stage}", cancellationToken);
        return Redirect(QuestionnairePath(result.Id!.Value));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Questionnaire(int id, CancellationToken cancellationToken)
    {
        ViewData["Notice"] = TempData["Notice"];
        return await EditPageAsync(id, new QuestionForm { Kind = nameof(QuestionKind.Rating), IsRequired = true }, null, cancellationToken);
    }

    [HttpPost("{id:int}/introduction")]
    public async Task<IActionResult> SaveIntroduction(int id, [FromForm] string? introduction, CancellationToken cancellationToken)
    {
        var result = await questionnaires.SaveIntroductionAsync(id, introduction, ActorName, cancellationToken);
        if (result.Errors.Count > 0)
        {
            AddErrors(result.Errors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await EditPageAsync(id, new QuestionForm { Kind = nameof(QuestionKind.Rating), IsRequired = true }, introduction, cancellationToken);
        }

        if (!result.Saved)
        {
            return NotFound();
        }

        await audit.RecordAsync(TrainingController.AuditPrefix + "questionnaire introduction saved", ActorName, $"questionnaire {id}", null, cancellationToken);
        TempData["Notice"] = "The introduction is saved.";
        return Redirect(QuestionnairePath(id));
    }

    [HttpPost("{id:int}/questions")]
    public async Task<IActionResult> AddQuestion(int id, QuestionForm form, CancellationToken cancellationToken)
    {
        var result = await questionnaires.AddQuestionAsync(id, form, ActorName, cancellationToken);
        if (result.Errors.Count > 0)
        {
            AddErrors(result.Errors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await EditPageAsync(id, form, null, cancellationToken);
        }

        if (!result.Saved)
        {
            return NotFound();
        }

        await audit.RecordAsync(TrainingController.AuditPrefix + "evaluation question added", ActorName, $"questionnaire {id}", form.Text, cancellationToken);
        TempData["Notice"] = "The question is added.";
        return Redirect(QuestionnairePath(id));
    }

    [HttpPost("{id:int}/questions/{questionId:int}/remove")]
    public async Task<IActionResult> RemoveQuestion(int id, int questionId, CancellationToken cancellationToken)
    {
        if (await questionnaires.RetireQuestionAsync(id, questionId, ActorName, cancellationToken))
        {
            await audit.RecordAsync(TrainingController.AuditPrefix + "evaluation question removed", ActorName, $"questionnaire {id}", $"question {questionId}", cancellationToken);
            TempData["Notice"] = "The question is removed. Answers already given to it stay in the reports.";
        }

        return Redirect(QuestionnairePath(id));
    }

    [HttpGet("reports")]
    public async Task<IActionResult> Reports(CancellationToken cancellationToken) =>
        View(new EvaluationReportsPage(await reports.CoursesAsync(cancellationToken)));

    [HttpGet("reports/{courseId:int}")]
    public async Task<IActionResult> Report(int courseId, CancellationToken cancellationToken) =>
        await reports.ForCourseAsync(courseId, cancellationToken) is { } report ? View(report) : NotFound();

    public static string QuestionnairePath(int id) => $"/umbraco/training/evaluation/{id}";

    private async Task<IActionResult> EditPageAsync(int id, QuestionForm form, string? introduction, CancellationToken cancellationToken)
    {
        if (await questionnaires.GetAsync(id, cancellationToken) is not { } questionnaire)
        {
            return NotFound();
        }

        var course = questionnaire.CourseId is { } courseId ? (await admin.CourseAsync(courseId, cancellationToken))?.Title : null;
        return View(nameof(Questionnaire), new QuestionnaireEditPage(questionnaire, course, form, introduction ?? questionnaire.Introduction));
    }

    private void AddErrors(IReadOnlyDictionary<string, string> errors)
    {
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError(field, message);
        }
    }

    private string ActorName => User.Identity?.Name ?? "unknown";
}
