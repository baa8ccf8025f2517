namespace SafeguardingSite.Learning.Certificates;

/// <summary>
/// A certificate of full attendance, one per booking. What it certifies is copied onto it when issued, so the
/// verification page keeps saying what the PDF says even if the course is renamed later.
/// </summary>
public sealed class Certificate
{
    /// <summary>
    /// Replaces the learner's name when they delete their account: the code still verifies the course and date
    /// without naming anyone.
    /// </summary>
    public const string RemovedName = "Name removed at the learner's request";

    public int Id { get; set; }
    public int BookingId { get; set; }
    public int LearnerId { get; set; }
    public int SessionId { get; set; }

    /// <summary>The verification code printed on the certificate: random, not derived from any id (see <see cref="CertificateCode"/>).</summary>
    public string Code { get; set; } = string.Empty;
    /// <summary>The learner's name when issued; <see cref="RemovedName"/> once they delete their account.</summary>
    public string LearnerName { get; set; } = string.Empty;
    public string CourseTitle { get; set; } = string.Empty;
    public DateTime SessionStartsAt { get; set; }
    public DateTime SessionEndsAt { get; set; }
    public int DurationMinutes { get; set; }
    public DateTime IssuedAt { get; set; }

    public bool NameRemoved => LearnerName == RemovedName;
}
