namespace SafeguardingSite.Learning.Certificates;

/// <summary>
/// A certificate of full attendance at a taught session (one per booking) or of completing an e-learning course (one
/// per completion); exactly one of <see cref="BookingId"/> and <see cref="ELearningCompletionId"/> is set. What it
/// certifies is copied onto it when issued, so the verification page keeps saying what the PDF says even if the course
/// is renamed later.
/// </summary>
public sealed class Certificate
{
    /// <summary>
    /// Replaces the learner's name when they delete their account: the code still verifies the course and date
    /// without naming anyone.
    /// </summary>
    public const string RemovedName = "Name removed at the learner's request";

    public int Id { get; set; }
    public int? BookingId { get; set; }
    public long? ELearningCompletionId { get; set; }
    public int LearnerId { get; set; }
    public int? SessionId { get; set; }

    /// <summary>The verification code printed on the certificate: random, not derived from any id (see <see cref="CertificateCode"/>).</summary>
    public string Code { get; set; } = string.Empty;
    /// <summary>The learner's name when issued; <see cref="RemovedName"/> once they delete their account.</summary>
    public string LearnerName { get; set; } = string.Empty;
    public string CourseTitle { get; set; } = string.Empty;

    /// <summary>The taught session's first and last moments; null on an e-learning certificate.</summary>
    public DateTime? SessionStartsAt { get; set; }
    public DateTime? SessionEndsAt { get; set; }

    /// <summary>When the learner passed the e-learning knowledge check; null on a certificate of attendance.</summary>
    public DateTime? CompletedAt { get; set; }

    /// <summary>The course's stated length; 0 when it has none.</summary>
    public int DurationMinutes { get; set; }
    public DateTime IssuedAt { get; set; }

    public bool NameRemoved => LearnerName == RemovedName;

    public bool IsELearning => ELearningCompletionId is not null;

    /// <summary>The first day the certificate is for: the session's start or the e-learning completion.</summary>
    public DateTime CertifiedFrom => CompletedAt ?? SessionStartsAt ?? IssuedAt;

    /// <summary>The last day the certificate is for: the session's end or, for e-learning, the completion again.</summary>
    public DateTime CertifiedTo => CompletedAt ?? SessionEndsAt ?? IssuedAt;
}
