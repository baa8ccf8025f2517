using SafeguardingSite.Learning.Charging;
using SafeguardingSite.Learning.Model;

namespace SafeguardingSite.UnitTests.Learning;

/// <summary>Every band, exemption and the substitution rule of the charge calculator.</summary>
public class ChargeCalculatorTests
{
    private static readonly ChargingTerms Terms = ChargingTerms.Default with
    {
        HalfDayMaxMinutes = 240,
        HalfDay = new BandRates(LateCancellation: 20m, NoShow: 35m),
        FullDay = new BandRates(LateCancellation: 40m, NoShow: 60m),
        PerDay = new BandRates(LateCancellation: 45m, NoShow: 55.5m),
        ExemptOrganisationIds = [7],
        ExemptSectors = [OrganisationSector.VoluntaryCommunity],
    };

    private static readonly ChargeableOrganisation School = new(1, OrganisationSector.Education, IsChargeExempt: false);

    [Theory]
    [InlineData(1, 180, ChargeKind.LateCancellation, ChargeBand.HalfDay, 1, 20)]
    [InlineData(1, 240, ChargeKind.NoShow, ChargeBand.HalfDay, 1, 35)]
    [InlineData(1, 241, ChargeKind.LateCancellation, ChargeBand.FullDay, 1, 40)]
    [InlineData(1, 390, ChargeKind.NoShow, ChargeBand.FullDay, 1, 60)]
    [InlineData(2, 780, ChargeKind.LateCancellation, ChargeBand.PerDay, 2, 90)]
    [InlineData(3, 1170, ChargeKind.NoShow, ChargeBand.PerDay, 3, 166.5)]
    public void Each_band_charges_its_rate(int days, int minutes, ChargeKind kind, ChargeBand band, int multiplier, double amount)
    {
        var quote = ChargeCalculator.Quote(kind, new SessionLength(days, minutes), School, Terms);

        Assert.Equal(ChargeOutcome.Charged, quote.Outcome);
        Assert.Equal(band, quote.Band);
        Assert.Equal(multiplier, quote.Days);
        Assert.Equal((decimal)amount, quote.Amount);
    }

    [Fact]
    public void An_organisation_exempt_on_its_record_pays_nothing()
    {
        var quote = ChargeCalculator.Quote(ChargeKind.NoShow, new SessionLength(1, 390), School with { IsChargeExempt = true }, Terms);
        Assert.Equal((ChargeOutcome.ExemptOrganisation, 0m), (quote.Outcome, quote.Amount));
    }

    [Fact]
    public void An_organisation_exempt_in_the_policy_pays_nothing()
    {
        var quote = ChargeCalculator.Quote(ChargeKind.LateCancellation, new SessionLength(1, 390), School with { Id = 7 }, Terms);
        Assert.Equal((ChargeOutcome.ExemptOrganisation, 0m), (quote.Outcome, quote.Amount));
    }

    [Fact]
    public void A_sector_exempt_in_the_policy_pays_nothing()
    {
        var charity = new ChargeableOrganisation(3, OrganisationSector.VoluntaryCommunity, IsChargeExempt: false);
        var quote = ChargeCalculator.Quote(ChargeKind.NoShow, new SessionLength(2, 780), charity, Terms);
        Assert.Equal((ChargeOutcome.ExemptSector, 0m, ChargeBand.PerDay), (quote.Outcome, quote.Amount, quote.Band));
    }

    [Theory]
    [InlineData(1, 180)]
    [InlineData(1, 390)]
    [InlineData(4, 1560)]
    public void A_substitution_is_never_charged(int days, int minutes)
    {
        var quote = ChargeCalculator.Quote(ChargeKind.Substitution, new SessionLength(days, minutes), School, Terms);
        Assert.Equal((ChargeOutcome.Substitution, 0m), (quote.Outcome, quote.Amount));
        Assert.False(quote.IsCharged);
    }

    [Fact]
    public void A_zero_rate_raises_no_charge()
    {
        var free = Terms with { HalfDay = new BandRates(0m, 0m) };
        var quote = ChargeCalculator.Quote(ChargeKind.NoShow, new SessionLength(1, 120), School, free);
        Assert.Equal((ChargeOutcome.NoRate, 0m), (quote.Outcome, quote.Amount));
    }

    [Fact]
    public void Session_length_counts_uk_days_and_prefers_the_course_duration()
    {
        var course = new Course { DurationMinutes = 0 };
        var twoDay = new CourseSession
        {
            StartsAt = new DateTime(2027, 3, 1, 9, 30, 0, DateTimeKind.Utc),
            EndsAt = new DateTime(2027, 3, 2, 16, 30, 0, DateTimeKind.Utc),
            Dates =
            [
                new SessionDate { StartsAt = new DateTime(2027, 3, 1, 9, 30, 0, DateTimeKind.Utc), EndsAt = new DateTime(2027, 3, 1, 12, 30, 0, DateTimeKind.Utc) },
                new SessionDate { StartsAt = new DateTime(2027, 3, 1, 13, 30, 0, DateTimeKind.Utc), EndsAt = new DateTime(2027, 3, 1, 16, 30, 0, DateTimeKind.Utc) },
                new SessionDate { StartsAt = new DateTime(2027, 3, 2, 9, 30, 0, DateTimeKind.Utc), EndsAt = new DateTime(2027, 3, 2, 16, 30, 0, DateTimeKind.Utc) },
            ],
        };
        Assert.Equal(new SessionLength(2, 780), SessionLength.Of(twoDay, course));

        var morning = new CourseSession { StartsAt = new DateTime(2027, 3, 1, 9, 30, 0, DateTimeKind.Utc), EndsAt = new DateTime(2027, 3, 1, 12, 30, 0, DateTimeKind.Utc) };
        Assert.Equal(new SessionLength(1, 180), SessionLength.Of(morning, course));
        Assert.Equal(new SessionLength(1, 360), SessionLength.Of(morning, new Course { DurationMinutes = 360 }));
    }
}
