namespace SafeguardingSite.Learning.Model;

public enum BookingStatus
{
    /// <summary>Holds a place while the line manager decides.</summary>
    PendingApproval,
    Confirmed,

    /// <summary>On the waiting list; holds no place.</summary>
    Waiting,

    /// <summary>A freed place held for this learner until <see cref="Booking.OfferExpiresAt"/>.</summary>
    Offered,
    Cancelled,

    /// <summary>Moved by an administrator to another session; <see cref="Booking.MovedToBookingId"/> is the new booking.</summary>
    Moved,
}

/// <summary>
/// A learner's booking on a session, unique per learner and session (a cancelled booking is reopened rather than
/// duplicated). <see cref="Version"/> is a concurrency token: two changes racing on one booking (an offer accepted as
/// it expires, a double-clicked cancel) cannot both win.
/// </summary>
public sealed class Booking
{
    public int Id { get; set; }
    public int LearnerId { get; set; }
    public Learner? Learner { get; set; }
    public int SessionId { get; set; }
    public CourseSession? Session { get; set; }

    /// <summary>The learner's organisation when they booked; quotas and charges follow it even if the learner moves job.</summary>
    public int OrganisationId { get; set; }
    public BookingStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public DateTime? CancelledAt { get; set; }

    /// <summary>When the learner joined the waiting list; the list is served oldest first.</summary>
    public DateTime? WaitingSince { get; set; }

    /// <summary>When the learner first joined the waiting list; unlike <see cref="WaitingSince"/> it is never cleared, so reports can count demand.</summary>
    public DateTime? FirstWaitedAt { get; set; }
    public DateTime? OfferExpiresAt { get; set; }
    public int? MovedToBookingId { get; set; }

    /// <summary>Which version of the booking terms the learner accepted.</summary>
    public string TermsVersion { get; set; } = string.Empty;

    /// <summary>Who cancelled: the learner, an administrator, the system (an offer lapsed).</summary>
    public string? CancelledBy { get; set; }
    public string? CancellationReason { get; set; }

    /// <summary>Made by an administrator (a late booking, a move), not by the learner.</summary>
    public bool AddedByAdministrator { get; set; }
    public int Version { get; set; }

    public bool HoldsPlace => Status is BookingStatus.Confirmed or BookingStatus.PendingApproval or BookingStatus.Offered;
}

public enum BookingMailKind
{
    Reminder,
    JoiningInstructions,
}

/// <summary>
/// A reminder or joining-instructions mail that has been sent (or claimed for sending). Unique per booking and kind, so a
/// retried or restarted job that tries again fails to insert and sends nothing.
/// </summary>
public sealed class SentBookingMail
{
    public long Id { get; set; }
    public int BookingId { get; set; }
    public BookingMailKind Kind { get; set; }
    public DateTime SentAt { get; set; }
}
