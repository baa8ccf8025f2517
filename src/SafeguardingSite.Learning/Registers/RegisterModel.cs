namespace SafeguardingSite.Learning.Registers;

/// <summary>What the trainer records for each booked learner.</summary>
public enum Attendance
{
    Attended,
    PartlyAttended,
    Late,
    NoShow,
}

public enum RegisterStatus
{
    Draft,
    Closed,
}

/// <summary>
/// A session's register. It closes once: the close is a conditional update from draft to closed, so two trainers
/// pressing "Close" together (or one pressing it twice) raise the charges once.
/// </summary>
public sealed class SessionRegister
{
    public int SessionId { get; set; }
    public RegisterStatus Status { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = string.Empty;
    public DateTime? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
}

/// <summary>One learner's mark on a register, unique per booking.</summary>
public sealed class RegisterMark
{
    public long Id { get; set; }
    public int SessionId { get; set; }
    public int BookingId { get; set; }
    public Attendance Attendance { get; set; }
    public DateTime MarkedAt { get; set; }
    public string MarkedBy { get; set; } = string.Empty;
}
