namespace SafeguardingSite.Learning.Evaluation;

/// <summary>The three points at which a learner is asked about a course.</summary>
public enum EvaluationStage
{
    /// <summary>Before the course: where the learner starts from (confidence, knowledge).</summary>
    BeforeCourse,

    /// <summary>Straight after: feedback, and confidence again so the change can be measured.</summary>
    AfterCourse,

    /// <summary>About three months later: what changed in practice.</summary>
    FollowUp,
}

public enum QuestionKind
{
    /// <summary>A whole number from 1 to 5.</summary>
    Rating,
    FreeText,

    /// <summary>One of a fixed list of answers.</summary>
    Choice,
}

/// <summary>Who answers: the learner, or (at the follow-up, and only if they choose to) their line manager.</summary>
public enum Respondent
{
    Learner,
    Manager,
}

/// <summary>
/// The questions for one stage. The default questionnaire of a stage has no course; a course may have its own for a
/// stage, which then replaces the default for that course.
/// </summary>
public sealed class Questionnaire
{
    public int Id { get; set; }
    public EvaluationStage Stage { get; set; }
    public int? CourseId { get; set; }
    public string Introduction { get; set; } = string.Empty;
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = string.Empty;
    public List<EvaluationQuestion> Questions { get; set; } = [];
}

/// <summary>
/// One question. Questions are retired rather than deleted once removed, so answers already given keep their wording.
/// </summary>
public sealed class EvaluationQuestion
{
    public int Id { get; set; }
    public int QuestionnaireId { get; set; }
    public int Order { get; set; }
    public string Text { get; set; } = string.Empty;
    public QuestionKind Kind { get; set; }

    /// <summary>The answers offered by a choice question, in order.</summary>
    public List<string> Choices { get; set; } = [];
    public bool IsRequired { get; set; }

    /// <summary>A rating of the learner's confidence; its average before and after the course is the change reported.</summary>
    public bool MeasuresConfidence { get; set; }

    /// <summary>Asked of the line manager instead of the learner (follow-up only).</summary>
    public bool ForManager { get; set; }
    public bool IsRetired { get; set; }
}

/// <summary>One completed questionnaire: unique per booking, stage and respondent, so a second submission is refused.</summary>
public sealed class EvaluationResponse
{
    public long Id { get; set; }
    public int BookingId { get; set; }
    public int SessionId { get; set; }
    public int CourseId { get; set; }
    public EvaluationStage Stage { get; set; }
    public Respondent Respondent { get; set; }
    public int QuestionnaireId { get; set; }
    public DateTime SubmittedAt { get; set; }
    public List<EvaluationAnswer> Answers { get; set; } = [];
}

public sealed class EvaluationAnswer
{
    public long Id { get; set; }
    public long ResponseId { get; set; }
    public int QuestionId { get; set; }
    public int? Rating { get; set; }

    /// <summary>Free text, or the chosen answer of a choice question.</summary>
    public string? Text { get; set; }
}

/// <summary>
/// An evaluation invitation claimed for sending: unique per booking, stage and respondent, so a retried or restarted
/// job, or a second node, fails the insert and sends nothing (the pattern of the booking reminders).
/// </summary>
public sealed class SentEvaluationMail
{
    public long Id { get; set; }
    public int BookingId { get; set; }
    public EvaluationStage Stage { get; set; }
    public Respondent Respondent { get; set; }
    public DateTime SentAt { get; set; }
}

public static class EvaluationLimits
{
    public const int QuestionText = 500;
    public const int Introduction = 2000;
    public const int Choice = 200;
    public const int MaxChoices = 10;
    public const int MaxQuestions = 30;
    public const int Answer = 4000;
    public const int Actor = 256;
}
