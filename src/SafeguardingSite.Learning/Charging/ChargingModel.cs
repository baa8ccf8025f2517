using SafeguardingSite.Learning.Model;

namespace SafeguardingSite.Learning.Charging;

/// <summary>
/// A day the calendar does not count as a working day. Shipped dates are seeded from the JSON file in this folder; a
/// removed date is kept as removed so the next start-up does not put it back.
/// </summary>
public sealed class BankHoliday
{
    public DateOnly Date { get; set; }
    public string Name { get; set; } = string.Empty;

    /// <summary>Came from the shipped file rather than being added by an administrator.</summary>
    public bool IsShipped { get; set; }
    public bool IsRemoved { get; set; }
    public DateTime ChangedAt { get; set; }
    public string ChangedBy { get; set; } = string.Empty;
}

/// <summary>
/// One version of the charging policy. Versions are only ever added, never edited, so the version a charge points to
/// still says what it said when the charge was raised.
/// </summary>
public sealed class ChargingPolicyVersion
{
    public int Id { get; set; }

    /// <summary>1, 2, 3…: shown to administrators and finance.</summary>
    public int Version { get; set; }

    /// <summary>From when these terms apply; the version in force at a moment is the latest that took effect by then.</summary>
    public DateTime EffectiveFrom { get; set; }
    public string CreatedBy { get; set; } = string.Empty;
    public int NoticeWorkingDays { get; set; }
    public int HalfDayMaxMinutes { get; set; }
    public decimal HalfDayLateCancellation { get; set; }
    public decimal HalfDayNoShow { get; set; }
    public decimal FullDayLateCancellation { get; set; }
    public decimal FullDayNoShow { get; set; }
    public decimal PerDayLateCancellation { get; set; }
    public decimal PerDayNoShow { get; set; }
    public List<int> ExemptOrganisationIds { get; set; } = [];
    public List<OrganisationSector> ExemptSectors { get; set; } = [];
    public InvoiceGrouping InvoiceGrouping { get; set; }

    public ChargingTerms Terms => new(
        NoticeWorkingDays, HalfDayMaxMinutes,
        new BandRates(HalfDayLateCancellation, HalfDayNoShow),
        new BandRates(FullDayLateCancellation, FullDayNoShow),
        new BandRates(PerDayLateCancellation, PerDayNoShow),
        ExemptOrganisationIds, ExemptSectors, InvoiceGrouping);

    public static ChargingPolicyVersion From(ChargingTerms terms, int version, DateTime effectiveFrom, string createdBy)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return new ChargingPolicyVersion
        {
            Version = version,
            EffectiveFrom = effectiveFrom,
            CreatedBy = createdBy,
            NoticeWorkingDays = terms.NoticeWorkingDays,
            HalfDayMaxMinutes = terms.HalfDayMaxMinutes,
            HalfDayLateCancellation = terms.HalfDay.LateCancellation,
            HalfDayNoShow = terms.HalfDay.NoShow,
            FullDayLateCancellation = terms.FullDay.LateCancellation,
            FullDayNoShow = terms.FullDay.NoShow,
            PerDayLateCancellation = terms.PerDay.LateCancellation,
            PerDayNoShow = terms.PerDay.NoShow,
            ExemptOrganisationIds = [.. terms.ExemptOrganisationIds],
            ExemptSectors = [.. terms.ExemptSectors],
            InvoiceGrouping = terms.InvoiceGrouping,
        };
    }
}

public enum ChargeStatus
{
    Raised,
    Waived,
}

/// <summary>
/// What an organisation owes for one booking. At most one per booking (a unique index), which is what makes closing a
/// register twice harmless. The policy's version and a JSON copy of its terms are kept on the row.
/// </summary>
public sealed class Charge
{
    public long Id { get; set; }
    public int BookingId { get; set; }
    public int SessionId { get; set; }
    public int OrganisationId { get; set; }
    public int LearnerId { get; set; }
    public ChargeKind Kind { get; set; }
    public ChargeBand Band { get; set; }
    public int Days { get; set; }
    public decimal Amount { get; set; }
    public int PolicyVersionId { get; set; }
    public int PolicyVersion { get; set; }

    /// <summary>The <see cref="ChargingTerms"/> applied, as JSON.</summary>
    public string PolicySnapshot { get; set; } = string.Empty;
    public InvoiceGrouping InvoiceGrouping { get; set; }

    /// <summary>Which invoice the charge belongs on: the organisation and either the month or the session.</summary>
    public string InvoiceReference { get; set; } = string.Empty;

    /// <summary>When the session started; monthly invoices are by this month (UK time).</summary>
    public DateTime SessionStartsAt { get; set; }
    public DateTime RaisedAt { get; set; }
    public string RaisedBy { get; set; } = string.Empty;
    public ChargeStatus Status { get; set; }
    public DateTime? WaivedAt { get; set; }
    public string? WaivedBy { get; set; }
    public string? WaiverReason { get; set; }

    /// <summary>Set once the learner and manager have been told; the notification job claims the row through it.</summary>
    public DateTime? NotifiedAt { get; set; }
    public DateTime? NotificationLeaseUntil { get; set; }
}

/// <summary>Field lengths and limits of the charging screens and tables.</summary>
public static class ChargingLimits
{
    public const int HolidayName = 100;
    public const int Actor = 256;
    public const int Reason = 500;
    public const int InvoiceReference = 60;
    public const int Snapshot = 4000;
    public const int MaxNoticeWorkingDays = 60;
    public const int MaxHalfDayMinutes = 600;
    public const decimal MaxRate = 10_000m;
}
