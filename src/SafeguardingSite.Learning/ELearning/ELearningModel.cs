namespace SafeguardingSite.Learning.ELearning;

public enum ELearningPageKind
{
    Text,
    Video,
}

/// <summary>A chapter of an e-learning course: an ordered run of pages.</summary>
public sealed class ELearningModule
{
    public int Id { get; set; }
    public int CourseId { get; set; }
    public int Position { get; set; }
    public string Title { get; set; } = string.Empty;
    public List<ELearningPage> Pages { get; set; } = [];
}

/// <summary>
/// One screen of a module. Text pages show <see cref="BodyHtml"/>; video pages play <see cref="VideoUrl"/> through the
/// site's privacy-enhanced player and offer <see cref="BodyHtml"/> as the transcript. The HTML is sanitised on save.
/// </summary>
public sealed class ELearningPage
{
    public int Id { get; set; }
    public int ModuleId { get; set; }
    public int Position { get; set; }
    public string Title { get; set; } = string.Empty;
    public ELearningPageKind Kind { get; set; }
    public string BodyHtml { get; set; } = string.Empty;
    public string? VideoUrl { get; set; }
}

/// <summary>A multiple-choice question in a course's knowledge check; the options are stored one a line.</summary>
public sealed class ELearningQuestion
{
    public int Id { get; set; }
    public int CourseId { get; set; }
    public int Position { get; set; }
    public string Text { get; set; } = string.Empty;
    public string Options { get; set; } = string.Empty;

    /// <summary>1-based, matching the option numbers the back office shows.</summary>
    public int CorrectOption { get; set; }

    public IReadOnlyList<string> OptionList => Options.Split('\n');
}

/// <summary>A course's knowledge-check settings: the share of questions a learner must answer correctly.</summary>
public sealed class ELearningCheck
{
    public int CourseId { get; set; }
    public int PassMarkPercent { get; set; }
}

/// <summary>A page the learner has finished, so they resume where they left off; unique per learner and page.</summary>
public sealed class ELearningPageVisit
{
    public long Id { get; set; }
    public int LearnerId { get; set; }
    public int PageId { get; set; }
    public DateTime CompletedAt { get; set; }
}

/// <summary>One submission of the knowledge check, passed or not; failing allows another go.</summary>
public sealed class ELearningAttempt
{
    public long Id { get; set; }
    public int LearnerId { get; set; }
    public int CourseId { get; set; }
    public DateTime SubmittedAt { get; set; }
    public int Correct { get; set; }
    public int Questions { get; set; }
    public bool Passed { get; set; }
}

/// <summary>
/// A learner's completion of an e-learning course (the first passed check), with the organisation they worked for
/// then, as a booking keeps it. Unique per learner and course; reports count these alongside attendance.
/// </summary>
public sealed class ELearningCompletion
{
    public long Id { get; set; }
    public int LearnerId { get; set; }
    public int CourseId { get; set; }
    public int OrganisationId { get; set; }
    public long AttemptId { get; set; }
    public DateTime CompletedAt { get; set; }
}

public static class ELearningLimits
{
    public const int Title = 200;
    public const int Body = 50_000;
    public const int Url = 500;
    public const int Question = 500;
    public const int Option = 200;
    public const int MaxOptions = 6;
    public const int DefaultPassMark = 80;
}

/// <summary>The learner's addresses for an e-learning course.</summary>
public static class ELearningPaths
{
    public const string CourseTemplate = "/training/courses/{slug}/learn";
    public const string PageTemplate = CourseTemplate + "/pages/{pageId:int}";
    public const string CheckTemplate = CourseTemplate + "/check";

    public static string Course(string slug) => $"/training/courses/{Uri.EscapeDataString(slug)}/learn";

    public static string Page(string slug, int pageId) => Course(slug) + "/pages/" + pageId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Check(string slug) => Course(slug) + "/check";
}
