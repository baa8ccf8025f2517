using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Learning.Catalogue;
using SafeguardingSite.Learning.Data;
using SafeguardingSite.Learning.Model;

namespace SafeguardingSite.Learning.Evaluation;

/// <summary>A question as typed in the back office; every field a string so a bad value is reported, not lost.</summary>
public sealed class QuestionForm
{
    public string? Text { get; set; }
    public string? Kind { get; set; }

    /// <summary>One answer a line, for choice questions.</summary>
    public string? Choices { get; set; }
    public bool IsRequired { get; set; }
    public bool MeasuresConfidence { get; set; }
    public bool ForManager { get; set; }
}

/// <summary>A questionnaire on the back-office list.</summary>
public sealed record QuestionnaireSummary(int Id, EvaluationStage Stage, int? CourseId, string? CourseTitle, int Questions);

/// <summary>The training team's questionnaires: a default for each stage and, where a course needs it, its own.</summary>
public sealed class QuestionnaireService(IDbContextFactory<LearningDbContext> databases, TimeProvider clock)
{
    public static string StageName(EvaluationStage stage) => stage switch
    {
        EvaluationStage.BeforeCourse => "Before the course",
        EvaluationStage.AfterCourse => "Straight after the course",
        _ => "Three-month follow-up",
    };

    public static string KindName(QuestionKind kind) => kind switch
    {
        QuestionKind.Rating => "Rating from 1 to 5",
        QuestionKind.FreeText => "Free text",
        _ => "Choice",
    };

    /// <summary>Adds the default questionnaires the first time the site starts; an administrator edits them from then on.</summary>
    public async Task SeedDefaultsAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var present = await db.Set<Questionnaire>().Where(q => q.CourseId == null).Select(q => q.Stage).ToListAsync(cancellationToken);
        foreach (var stage in Enum.GetValues<EvaluationStage>().Except(present))
        {
            db.Add(new Questionnaire { Stage = stage, UpdatedAt = clock.GetUtcNow().UtcDateTime, UpdatedBy = "default questionnaire", Introduction = DefaultIntroduction(stage), Questions = DefaultQuestions(stage) });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node seeded the same defaults at the same moment; the partial unique index kept one of each.
        }
    }

    public async Task<IReadOnlyList<QuestionnaireSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var rows = await (
            from q in db.Set<Questionnaire>()
            join c in db.Set<Course>() on q.CourseId equals c.Id into courses
            from c in courses.DefaultIfEmpty()
            select new { q.Id, q.Stage, q.CourseId, Title = c == null ? null : c.Title, Count = q.Questions.Count(x => !x.IsRetired) })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.CourseId is not null).ThenBy(r => r.Title, StringComparer.CurrentCulture).ThenBy(r => r.Stage)
            .Select(r => new QuestionnaireSummary(r.Id, r.Stage, r.CourseId, r.Title, r.Count))];
    }

    /// <summary>The questionnaire with its current (not retired) questions in order.</summary>
    public async Task<Questionnaire?> GetAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await LoadAsync(db.Set<Questionnaire>().Where(q => q.Id == id), cancellationToken);
    }

    /// <summary>The course's own questionnaire for the stage if it has one, otherwise the default.</summary>
    public async Task<Questionnaire?> ForCourseAsync(int courseId, EvaluationStage stage, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await LoadAsync(db.Set<Questionnaire>().Where(q => q.Stage == stage && (q.CourseId == courseId || q.CourseId == null))
            .OrderBy(q => q.CourseId == null), cancellationToken);
    }

    private static async Task<Questionnaire?> LoadAsync(IQueryable<Questionnaire> query, CancellationToken cancellationToken)
    {
        var questionnaire = await query.AsNoTracking().Include(q => q.Questions.Where(x => !x.IsRetired)).FirstOrDefaultAsync(cancellationToken);
        questionnaire?.Questions.Sort((a, b) => a.Order != b.Order ? a.Order.CompareTo(b.Order) : a.Id.CompareTo(b.Id));
        return questionnaire;
    }

    /// <summary>Gives a course its own questionnaire for a stage, starting as a copy of the default's questions.</summary>
    public async Task<SaveResult> CreateOverrideAsync(string? course, string? stage, string actor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var courseId = int.TryParse(course, NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : (int?)null;
        var parsedStage = ParseEnum<EvaluationStage>(stage);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (courseId is null || !await db.Set<Course>().AnyAsync(x => x.Id == courseId, cancellationToken))
        {
            errors["course"] = "Choose the course the questionnaire is for.";
        }

        if (parsedStage is null)
        {
            errors["stage"] = "Choose before the course, straight after, or the follow-up.";
        }

        if (errors.Count > 0)
        {
            return new SaveResult(null, errors);
        }

        if (await db.Set<Questionnaire>().Where(q => q.CourseId == courseId && q.Stage == parsedStage).Select(q => (int?)q.Id).FirstOrDefaultAsync(cancellationToken) is { } existing)
        {
            return new SaveResult(existing, errors);
        }

        var template = await LoadAsync(db.Set<Questionnaire>().Where(q => q.CourseId == null && q.Stage == parsedStage), cancellationToken);
        var questionnaire = new Questionnaire
        {
            Stage = parsedStage!.Value, CourseId = courseId, UpdatedAt = clock.GetUtcNow().UtcDateTime, UpdatedBy = actor,
            Introduction = template?.Introduction ?? DefaultIntroduction(parsedStage.Value),
            Questions = [.. (template?.Questions ?? []).Select(q => new EvaluationQuestion
            {
                Order = q.Order, Text = q.Text, Kind = q.Kind, Choices = [.. q.Choices], IsRequired = q.IsRequired,
                MeasuresConfidence = q.MeasuresConfidence, ForManager = q.ForManager,
            })],
        };
        db.Add(questionnaire);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A second press created it first; open that one.
            await using var again = await databases.CreateDbContextAsync(cancellationToken);
            return new SaveResult(await again.Set<Questionnaire>().Where(q => q.CourseId == courseId && q.Stage == parsedStage).Select(q => q.Id).FirstAsync(cancellationToken), errors);
        }

        return new SaveResult(questionnaire.Id, errors);
    }

    public async Task<SaveResult> SaveIntroductionAsync(int id, string? introduction, string actor, CancellationToken cancellationToken)
    {
        var text = introduction?.Trim() ?? string.Empty;
        if (text.Length > EvaluationLimits.Introduction || HasControl(text, allowLineBreaks: true))
        {
            return new SaveResult(null, new Dictionary<string, string> { ["Introduction"] = $"Keep the introduction to {EvaluationLimits.Introduction} characters of plain text." });
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var changed = await db.Set<Questionnaire>().Where(q => q.Id == id).ExecuteUpdateAsync(s => s.SetProperty(q => q.Introduction, text)
            .SetProperty(q => q.UpdatedAt, clock.GetUtcNow().UtcDateTime).SetProperty(q => q.UpdatedBy, actor), cancellationToken);
        return new SaveResult(changed == 1 ? id : null, new Dictionary<string, string>());
    }

    /// <summary>Checks a question field by field; returns the question to add, or the errors keyed by field.</summary>
    public static (EvaluationQuestion? Question, Dictionary<string, string> Errors) Read(QuestionForm form, EvaluationStage stage)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, string>();
        var text = form.Text?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            errors[nameof(QuestionForm.Text)] = "Enter the question.";
        }
        else if (text.Length > EvaluationLimits.QuestionText || HasControl(text, allowLineBreaks: false))
        {
            errors[nameof(QuestionForm.Text)] = $"Keep the question to one line of up to {EvaluationLimits.QuestionText} characters.";
        }

        var kind = ParseEnum<QuestionKind>(form.Kind);
        if (kind is null)
        {
            errors[nameof(QuestionForm.Kind)] = "Choose rating, free text or choice.";
        }

        var choices = (form.Choices ?? string.Empty).Split('\n').Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
        if (kind == QuestionKind.Choice)
        {
            if (choices.Count is < 2 or > EvaluationLimits.MaxChoices)
            {
                errors[nameof(QuestionForm.Choices)] = $"Give between 2 and {EvaluationLimits.MaxChoices} answers, one a line.";
            }
            else if (choices.Any(c => c.Length > EvaluationLimits.Choice || HasControl(c, allowLineBreaks: false)))
            {
                errors[nameof(QuestionForm.Choices)] = $"Keep each answer to {EvaluationLimits.Choice} characters.";
            }
            else if (choices.Distinct(StringComparer.OrdinalIgnoreCase).Count() != choices.Count)
            {
                errors[nameof(QuestionForm.Choices)] = "Give each answer once.";
            }
        }
        else if (kind is not null && choices.Count > 0)
        {
            errors[nameof(QuestionForm.Choices)] = "Only choice questions have a list of answers: clear the list or make it a choice question.";
        }

        if (form.MeasuresConfidence && kind is not null and not QuestionKind.Rating)
        {
            errors[nameof(QuestionForm.MeasuresConfidence)] = "Only a rating question can measure confidence.";
        }
        else if (form.MeasuresConfidence && form.ForManager)
        {
            errors[nameof(QuestionForm.MeasuresConfidence)] = "Confidence is the learner's own rating; a question for the manager cannot measure it.";
        }

        if (form.ForManager && stage != EvaluationStage.FollowUp)
        {
            errors[nameof(QuestionForm.ForManager)] = "Line managers are asked only at the three-month follow-up.";
        }

        return errors.Count > 0 ? (null, errors) : (new EvaluationQuestion
        {
            Text = text, Kind = kind!.Value, Choices = kind == QuestionKind.Choice ? choices : [], IsRequired = form.IsRequired,
            MeasuresConfidence = form.MeasuresConfidence, ForManager = form.ForManager,
        }, errors);
    }

    public async Task<SaveResult> AddQuestionAsync(int questionnaireId, QuestionForm form, string actor, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var questionnaire = await db.Set<Questionnaire>().Include(q => q.Questions).FirstOrDefaultAsync(q => q.Id == questionnaireId, cancellationToken);
        if (questionnaire is null)
        {
            return new SaveResult(null, new Dictionary<string, string>());
        }

        var (question, errors) = Read(form, questionnaire.Stage);
        if (question is not null && questionnaire.Questions.Count(q => !q.IsRetired) >= EvaluationLimits.MaxQuestions)
        {
            errors[nameof(QuestionForm.Text)] = $"A questionnaire can have up to {EvaluationLimits.MaxQuestions} questions; remove one first.";
        }

        if (errors.Count > 0)
        {
            return new SaveResult(null, errors);
        }

        question!.Order = questionnaire.Questions.Count == 0 ? 1 : questionnaire.Questions.Max(q => q.Order) + 1;
        questionnaire.Questions.Add(question);
        questionnaire.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        questionnaire.UpdatedBy = actor;
        await db.SaveChangesAsync(cancellationToken);
        return new SaveResult(question.Id, errors);
    }

    /// <summary>Takes a question off the questionnaire; answers already given to it keep it for the reports.</summary>
    public async Task<bool> RetireQuestionAsync(int questionnaireId, int questionId, string actor, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var retired = await db.Set<EvaluationQuestion>().Where(q => q.Id == questionId && q.QuestionnaireId == questionnaireId && !q.IsRetired)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.IsRetired, true), cancellationToken);
        if (retired == 1)
        {
            await db.Set<Questionnaire>().Where(q => q.Id == questionnaireId)
                .ExecuteUpdateAsync(s => s.SetProperty(q => q.UpdatedAt, clock.GetUtcNow().UtcDateTime).SetProperty(q => q.UpdatedBy, actor), cancellationToken);
        }

        return retired == 1;
    }

    /// <summary>Names only: a number ("0") or a flag combination is not one of the values offered.</summary>
    public static T? ParseEnum<T>(string? value)
        where T : struct, Enum =>
        !string.IsNullOrEmpty(value) && value.Length <= 40 && value.All(char.IsAsciiLetter) && Enum.TryParse<T>(value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed)
            ? parsed : null;

    public static bool HasControl(string text, bool allowLineBreaks) =>
        text.Any(c => char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r'));

    private static string DefaultIntroduction(EvaluationStage stage) => stage switch
    {
        EvaluationStage.BeforeCourse => "A few questions before the course help the trainer pitch it and let us see what difference it makes.",
        EvaluationStage.AfterCourse => "Thank you for coming. Your answers shape future courses; once you have sent them, your certificate is ready.",
        _ => "Three months on, we would like to know whether the course has changed how you work.",
    };

    private static List<EvaluationQuestion> DefaultQuestions(EvaluationStage stage)
    {
        const string Confidence = "How confident do you feel about recognising and responding to concerns in the area this course covers?";
        EvaluationQuestion Question(int order, string text, QuestionKind kind, bool required, bool confidence = false, bool manager = false, params string[] choices) =>
            new() { Order = order, Text = text, Kind = kind, IsRequired = required, MeasuresConfidence = confidence, ForManager = manager, Choices = [.. choices] };
        return stage switch
        {
            EvaluationStage.BeforeCourse =>
            [
                Question(1, Confidence, QuestionKind.Rating, true, confidence: true),
                Question(2, "How would you rate what you already know about the topics of this course?", QuestionKind.Rating, true),
                Question(3, "What would you most like to take away from the course?", QuestionKind.FreeText, false),
            ],
            EvaluationStage.AfterCourse =>
            [
                Question(1, Confidence, QuestionKind.Rating, true, confidence: true),
                Question(2, "How useful was the course for your work?", QuestionKind.Rating, true),
                Question(3, "Would you recommend the course to a colleague?", QuestionKind.Choice, true, choices: ["Yes", "Maybe", "No"]),
                Question(4, "What could we do better?", QuestionKind.FreeText, false),
            ],
            _ =>
            [
                Question(1, "Have you changed anything in your practice because of the course?", QuestionKind.Choice, true, choices: ["Yes, a lot", "Yes, a little", "Not yet"]),
                Question(2, "Give an example of something you now do differently.", QuestionKind.FreeText, false),
                Question(3, "What change, if any, have you seen in this practitioner's work since the course?", QuestionKind.FreeText, false, manager: true),
            ],
        };
    }
}
