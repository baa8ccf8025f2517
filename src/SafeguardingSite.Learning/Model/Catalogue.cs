namespace SafeguardingSite.Learning.Model;

public enum DeliveryMode
{
    FaceToFace,
    LiveOnline,
    ELearning,
    PreRecorded,
}

/// <summary>A course in the catalogue. Sessions are the bookable dates; e-learning and pre-recorded courses may have none.</summary>
public sealed class Course
{
    public int Id { get; set; }
    public string Title { get; set; } = string.Empty;

    /// <summary>Lower-case words and hyphens; unique, and the course's address under /training.</summary>
    public string Slug { get; set; } = string.Empty;
    public string Summary { get; set; } = string.Empty;

    /// <summary>One outcome a line; shown as a list.</summary>
    public string LearningOutcomes { get; set; } = string.Empty;

    /// <summary>1 to 3, the intercollegiate levels partnerships map their courses to.</summary>
    public int Level { get; set; } = 1;
    public string Audience { get; set; } = string.Empty;
    public string? Prerequisites { get; set; }

    /// <summary>Total teaching time; charging bands (half day, full day) are read from it.</summary>
    public int DurationMinutes { get; set; }
    public DeliveryMode DeliveryMode { get; set; }

    /// <summary>Months after which a learner should take the course again; null when it never lapses.</summary>
    public int? RefresherMonths { get; set; }

    /// <summary>Bookings wait for the line manager's approval before they are confirmed.</summary>
    public bool RequiresManagerApproval { get; set; }
    public bool IsPublished { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<CourseTopic> Topics { get; set; } = [];
    public List<CourseSession> Sessions { get; set; } = [];
}

/// <summary>A topic a course covers (neglect, exploitation…); a row each so the listing can filter in the database.</summary>
public sealed class CourseTopic
{
    public int Id { get; set; }
    public int CourseId { get; set; }
    public string Name { get; set; } = string.Empty;
}

public enum SessionStatus
{
    /// <summary>Being prepared: not shown publicly and not bookable.</summary>
    Draft,
    Scheduled,
    Cancelled,
    Completed,
}

/// <summary>
/// One bookable run of a course. <see cref="PlacesTaken"/> counts bookings that hold a place (confirmed, pending approval,
/// offered); it only ever changes through a conditional UPDATE that checks it against <see cref="Capacity"/>, which is
/// what keeps the session from being overbooked when many people take the last place at once.
/// </summary>
public sealed class CourseSession
{
    public int Id { get; set; }
    public int CourseId { get; set; }
    public Course? Course { get; set; }

    /// <summary>Start of the first date, kept in step with <see cref="Dates"/> so listings and jobs can sort and filter on it.</summary>
    public DateTime StartsAt { get; set; }

    /// <summary>End of the last date.</summary>
    public DateTime EndsAt { get; set; }
    public string? Venue { get; set; }
    public string? JoiningLink { get; set; }

    /// <summary>Joining instructions sent a few days before (parking, what to bring, the link for online sessions).</summary>
    public string? JoiningInstructions { get; set; }
    public string? Trainer { get; set; }
    public int Capacity { get; set; }
    public int PlacesTaken { get; set; }

    /// <summary>Most places one organisation may hold on this session; null means no limit.</summary>
    public int? OrganisationQuota { get; set; }
    public DateTime? BookingOpensAt { get; set; }
    public DateTime? BookingClosesAt { get; set; }
    public SessionStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }

    public List<SessionDate> Dates { get; set; } = [];
    public List<Booking> Bookings { get; set; } = [];

    public int PlacesLeft => Math.Max(0, Capacity - PlacesTaken);
}

/// <summary>One day (or part day) of a session; multi-day courses have several.</summary>
public sealed class SessionDate
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
}

/// <summary>
/// Places one organisation holds on one session, for the per-organisation quota. Like the session's own counter it is
/// changed only by a conditional UPDATE, so the quota holds under concurrent bookings too.
/// </summary>
public sealed class SessionOrganisationPlaces
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public int OrganisationId { get; set; }
    public int PlacesTaken { get; set; }
}
