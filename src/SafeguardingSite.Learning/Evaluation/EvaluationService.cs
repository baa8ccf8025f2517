using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SafeguardingSite.Learning.Certificates;
using SafeguardingSite.Learning.Data;
using SafeguardingSite.Learning.Model;
using SafeguardingSite.Learning.Registers;

namespace SafeguardingSite.Learning.Evaluation;

public enum QuestionnaireState
{
    Open,
    AlreadyAnswered,

    /// <summary>Not open for this booking: before-course after the start, after-course before the register closes, and so on.</summary>
    NotOpen,
}

/// <summary>One questionnaire as a respondent sees it: the questions meant for them.</summary>
public sealed record QuestionnairePage(EvaluationTicket Ticket, Booking Booking, Questionnaire Questionnaire, IReadOnlyList<EvaluationQuestion> Questions, QuestionnaireState State);

public enum SubmitOutcome
{
    Saved,
    Invalid,
    AlreadyAnswered,
    NotOpen,
    InvalidLink,
}

public sealed record SubmitResult(SubmitOutcome Outcome, QuestionnairePage? Page, IReadOnlyDictionary<string, string> Errors, Certificate? Certificate = null);

/// <summary>Learners (and, at the follow-up, their managers) answering a questionnaire through the signed link they were mailed.</summary>
public sealed class EvaluationService(
    IDbContextFactory<LearningDbContext> databases,
    EvaluationLinks links,
    QuestionnaireService questionnaires,
    CertificateService certificates,
    IOptions<EvaluationOptions> options,
    TimeProvider clock)
{
    /// <summary>Attendance that counts as having been on the course, for the after-course questions and the follow-up.</summary>
    public static readonly IReadOnlyList<Attendance> Present = [Attendance.Attended, Attendance.PartlyAttended, Attendance.Late];

    public static string FieldFor(int questionId) => "q-" + questionId.ToString(CultureInfo.InvariantCulture);

    public async Task<QuestionnairePage?> OpenAsync(string? token, CancellationToken cancellationToken)
    {
        if (links.Read(token) is not { } ticket)
        {
            return null;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var booking = await db.Bookings.AsNoTracking().AsSplitQuery().Include(b => b.Learner)
            .Include(b => b.Session).ThenInclude(s => s!.Course).Include(b => b.Session).ThenInclude(s => s!.Dates)
            .FirstOrDefaultAsync(b => b.Id == ticket.BookingId, cancellationToken);

        // A place handed to a colleague carries on under the colleague's own links.
        if (booking is null || booking.LearnerId != ticket.LearnerId
            || await questionnaires.ForCourseAsync(booking.Session!.CourseId, ticket.Stage, cancellationToken) is not { } questionnaire)
        {
            return null;
        }

        var questions = questionnaire.Questions.Where(q => q.ForManager == (ticket.Respondent == Respondent.Manager)).ToList();
        var answered = await db.Set<EvaluationResponse>().AnyAsync(r => r.BookingId == booking.Id && r.Stage == ticket.Stage && r.Respondent == ticket.Respondent, cancellationToken);
        var state = answered ? QuestionnaireState.AlreadyAnswered
            : await IsOpenAsync(db, ticket, booking, cancellationToken) && questions.Count > 0 ? QuestionnaireState.Open
            : QuestionnaireState.NotOpen;
        return new QuestionnairePage(ticket, booking, questionnaire, questions, state);
    }

    private async Task<bool> IsOpenAsync(LearningDbContext db, EvaluationTicket ticket, Booking booking, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var session = booking.Session!;
        if (ticket.Stage == EvaluationStage.BeforeCourse)
        {
            return ticket.Respondent == Respondent.Learner && now < session.StartsAt && booking.Status is BookingStatus.Confirmed or BookingStatus.PendingApproval;
        }

        var attended = await (
            from r in db.Set<SessionRegister>()
            join m in db.Set<RegisterMark>() on r.SessionId equals m.SessionId
            where r.SessionId == session.Id && r.Status == RegisterStatus.Closed && m.BookingId == booking.Id && Present.Contains(m.Attendance)
            select m).AnyAsync(cancellationToken);
        return ticket.Stage == EvaluationStage.AfterCourse
            ? attended && ticket.Respondent == Respondent.Learner
            : attended && session.EndsAt.AddMonths(options.Value.FollowUpAfterMonths) <= now;
    }

    /// <summary>
    /// Checks every answer and saves the response once; a second submission (a double click, the link used again) is
    /// refused by the unique index. Saving the after-course questions issues the certificate when attendance was full.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(string? token, IReadOnlyDictionary<string, string?> posted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(posted);
        if (await OpenAsync(token, cancellationToken) is not { } page)
        {
            return new SubmitResult(SubmitOutcome.InvalidLink, null, new Dictionary<string, string>());
        }

        if (page.State != QuestionnaireState.Open)
        {
            return new SubmitResult(page.State == QuestionnaireState.AlreadyAnswered ? SubmitOutcome.AlreadyAnswered : SubmitOutcome.NotOpen, page, new Dictionary<string, string>());
        }

        var (answers, errors) = ReadAnswers(page.Questions, posted);
        if (errors.Count > 0)
        {
            return new SubmitResult(SubmitOutcome.Invalid, page, errors);
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        db.Add(new EvaluationResponse
        {
            BookingId = page.Booking.Id, SessionId = page.Booking.SessionId, CourseId = page.Booking.Session!.CourseId, Stage = page.Ticket.Stage,
            Respondent = page.Ticket.Respondent, QuestionnaireId = page.Questionnaire.Id, SubmittedAt = clock.GetUtcNow().UtcDateTime, Answers = answers,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return new SubmitResult(SubmitOutcome.AlreadyAnswered, page, new Dictionary<string, string>());
        }

        var certificate = page.Ticket is { Stage: EvaluationStage.AfterCourse, Respondent: Respondent.Learner }
            ? await certificates.IssueIfEligibleAsync(page.Booking.Id, cancellationToken)
            : null;
        return new SubmitResult(SubmitOutcome.Saved, page, new Dictionary<string, string>(), certificate);
    }

    /// <summary>Reads each question's field; anything posted that is not a question on the form is ignored.</summary>
    public static (List<EvaluationAnswer> Answers, Dictionary<string, string> Errors) ReadAnswers(IReadOnlyList<EvaluationQuestion> questions, IReadOnlyDictionary<string, string?> posted)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(posted);
        var answers = new List<EvaluationAnswer>();
        var errors = new Dictionary<string, string>();
        foreach (var question in questions)
        {
            var field = FieldFor(question.Id);
            var value = posted.TryGetValue(field, out var v) ? v?.Trim() ?? string.Empty : string.Empty;
            if (value.Length == 0)
            {
                if (question.IsRequired)
                {
                    errors[field] = question.Kind == QuestionKind.FreeText ? "Answer this question." : "Choose an answer to this question.";
                }

                continue;
            }

            switch (question.Kind)
            {
                case QuestionKind.Rating when value.Length == 1 && value[0] is >= '1' and <= '5':
                    answers.Add(new EvaluationAnswer { QuestionId = question.Id, Rating = value[0] - '0' });
                    break;
                case QuestionKind.Rating:
                    errors[field] = "Choose a number from 1 (lowest) to 5 (highest).";
                    break;
                case QuestionKind.Choice when question.Choices.Contains(value, StringComparer.Ordinal):
                    answers.Add(new EvaluationAnswer { QuestionId = question.Id, Text = value });
                    break;
                case QuestionKind.Choice:
                    errors[field] = "Choose one of the answers listed.";
                    break;
                case QuestionKind.FreeText when value.Length > EvaluationLimits.Answer:
                    errors[field] = $"Keep your answer to {EvaluationLimits.Answer} characters; it has {value.Length.ToString(CultureInfo.InvariantCulture)}.";
                    break;
                case QuestionKind.FreeText when QuestionnaireService.HasControl(value, allowLineBreaks: true):
                    errors[field] = "Your answer contains characters that cannot be saved; retype it as plain text.";
                    break;
                default:
                    answers.Add(new EvaluationAnswer { QuestionId = question.Id, Text = value.ReplaceLineEndings("\n") });
                    break;
            }
        }

        return (answers, errors);
    }
}
