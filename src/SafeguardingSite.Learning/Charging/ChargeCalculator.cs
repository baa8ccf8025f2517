using SafeguardingSite.Learning.Model;

namespace SafeguardingSite.Learning.Charging;

/// <summary>What a charge would be and why; a zero amount always comes with the reason it is zero.</summary>
public enum ChargeOutcome
{
    Charged,
    ExemptOrganisation,
    ExemptSector,
    Substitution,
    NoRate,
}

/// <param name="Days">How many days the band's rate was multiplied by (1 unless the band is per day).</param>
public sealed record ChargeQuote(ChargeKind Kind, ChargeBand Band, int Days, decimal Amount, ChargeOutcome Outcome)
{
    public bool IsCharged => Outcome == ChargeOutcome.Charged;
}

/// <summary>The organisation a charge would go to, as the calculator needs it.</summary>
public sealed record ChargeableOrganisation(int Id, OrganisationSector Sector, bool IsChargeExempt);

/// <summary>How long a session runs: the number of days it has and, for a single day, how many minutes it teaches.</summary>
public sealed record SessionLength(int Days, int Minutes)
{
    /// <summary>Days are its dates as UK calendar days; minutes are the course's teaching time, or the single date's length when none is set.</summary>
    public static SessionLength Of(CourseSession session, Course course)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(course);
        var dates = session.Dates.Count > 0
            ? session.Dates.Select(d => (d.StartsAt, d.EndsAt)).ToList()
            : [(session.StartsAt, session.EndsAt)];
        var days = dates.Select(d => WorkingDayCalendar.UkDate(d.StartsAt)).Distinct().Count();
        var minutes = course.DurationMinutes > 0
            ? course.DurationMinutes
            : (int)Math.Ceiling(dates.Sum(d => (d.EndsAt - d.StartsAt).TotalMinutes));
        return new SessionLength(Math.Max(1, days), Math.Max(0, minutes));
    }
}

/// <summary>Works out a charge from the policy's terms alone: no database, no clock, so every rule is unit-tested.</summary>
public static class ChargeCalculator
{
    public static ChargeBand BandFor(SessionLength length, ChargingTerms terms)
    {
        ArgumentNullException.ThrowIfNull(length);
        ArgumentNullException.ThrowIfNull(terms);
        return length.Days > 1 ? ChargeBand.PerDay
            : length.Minutes <= terms.HalfDayMaxMinutes ? ChargeBand.HalfDay
            : ChargeBand.FullDay;
    }

    public static ChargeQuote Quote(ChargeKind kind, SessionLength length, ChargeableOrganisation organisation, ChargingTerms terms)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var band = BandFor(length, terms);
        var days = band == ChargeBand.PerDay ? length.Days : 1;
        var outcome = kind == ChargeKind.Substitution ? ChargeOutcome.Substitution
            : organisation.IsChargeExempt || terms.ExemptOrganisationIds.Contains(organisation.Id) ? ChargeOutcome.ExemptOrganisation
            : terms.ExemptSectors.Contains(organisation.Sector) ? ChargeOutcome.ExemptSector
            : terms.RatesFor(band).For(kind) <= 0m ? ChargeOutcome.NoRate
            : ChargeOutcome.Charged;
        var amount = outcome == ChargeOutcome.Charged ? decimal.Round(terms.RatesFor(band).For(kind) * days, 2, MidpointRounding.AwayFromZero) : 0m;
        return new ChargeQuote(kind, band, days, amount, outcome);
    }
}
