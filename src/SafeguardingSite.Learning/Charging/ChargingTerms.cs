using SafeguardingSite.Learning.Model;

namespace SafeguardingSite.Learning.Charging;

/// <summary>How long a course runs, which decides the rate: half a day, a full day, or a rate for each day.</summary>
public enum ChargeBand
{
    HalfDay,
    FullDay,
    PerDay,
}

public enum ChargeKind
{
    /// <summary>Booked, did not cancel, did not come.</summary>
    NoShow,

    /// <summary>Cancelled after the free-cancellation notice had run out.</summary>
    LateCancellation,

    /// <summary>A colleague from the same organisation took the place; never charged.</summary>
    Substitution,
}

/// <summary>Whether an organisation's charges are invoiced one invoice per session or one per calendar month.</summary>
public enum InvoiceGrouping
{
    Monthly,
    PerSession,
}

/// <summary>What one band costs, in pounds sterling, for each kind of charge.</summary>
public sealed record BandRates(decimal LateCancellation, decimal NoShow)
{
    public decimal For(ChargeKind kind) => kind switch
    {
        ChargeKind.NoShow => NoShow,
        ChargeKind.LateCancellation => LateCancellation,
        _ => 0m,
    };
}

/// <summary>
/// The figures of one version of the charging policy. Immutable and serialisable, so a charge can keep the exact terms
/// it was worked out under, whatever the policy says later.
/// </summary>
public sealed record ChargingTerms(
    int NoticeWorkingDays,
    int HalfDayMaxMinutes,
    BandRates HalfDay,
    BandRates FullDay,
    BandRates PerDay,
    IReadOnlyList<int> ExemptOrganisationIds,
    IReadOnlyList<OrganisationSector> ExemptSectors,
    InvoiceGrouping InvoiceGrouping)
{
    /// <summary>A starting point close to what partnerships publish: three working days' notice, £25/£50 a half/full day.</summary>
    public static ChargingTerms Default { get; } = new(
        NoticeWorkingDays: 3,
        HalfDayMaxMinutes: 240,
        HalfDay: new BandRates(LateCancellation: 25m, NoShow: 25m),
        FullDay: new BandRates(LateCancellation: 50m, NoShow: 50m),
        PerDay: new BandRates(LateCancellation: 50m, NoShow: 50m),
        ExemptOrganisationIds: [],
        ExemptSectors: [],
        InvoiceGrouping: InvoiceGrouping.Monthly);

    public BandRates RatesFor(ChargeBand band) => band switch
    {
        ChargeBand.HalfDay => HalfDay,
        ChargeBand.FullDay => FullDay,
        _ => PerDay,
    };
}
