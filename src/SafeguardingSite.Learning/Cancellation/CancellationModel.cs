using SafeguardingSite.Learning.Charging;

namespace SafeguardingSite.Learning.Cancellation;

/// <summary>
/// A learner's own cancellation through their link, with what they were told it would cost. Late ones become charges
/// when the register closes, at the amount and under the policy version quoted here.
/// </summary>
public sealed class SelfCancellation
{
    public long Id { get; set; }
    public int BookingId { get; set; }
    public DateTime CancelledAt { get; set; }

    /// <summary>Made after the free-cancellation notice had run out.</summary>
    public bool IsLate { get; set; }
    public DateTime FreeUntil { get; set; }
    public int PolicyVersionId { get; set; }
    public decimal QuotedAmount { get; set; }
    public ChargeBand Band { get; set; }
}

/// <summary>
/// A booking handed to a colleague from the same organisation. The booking row now names the colleague; this keeps
/// who booked it first, for the audit trail.
/// </summary>
public sealed class Substitution
{
    public long Id { get; set; }
    public int BookingId { get; set; }
    public int FromLearnerId { get; set; }
    public int ToLearnerId { get; set; }
    public DateTime At { get; set; }
}
