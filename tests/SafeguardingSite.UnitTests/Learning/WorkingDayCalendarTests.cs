using SafeguardingSite.Learning.Charging;

namespace SafeguardingSite.UnitTests.Learning;

/// <summary>Free-cancellation arithmetic against the shipped bank holidays for England and Wales.</summary>
public class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Shipped = new(BankHolidayCalendar.ReadShipped().Select(h => h.Date));

    private static DateTime Utc(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void Notice_counts_back_over_a_weekend()
    {
        // Tuesday 8 December 2026: Monday 7, Friday 4 and Thursday 3 are the three working days before it.
        var freeUntil = Shipped.FreeCancellationEndsAt(Utc(2026, 12, 8, 9, 30), 3);

        Assert.Equal(Utc(2026, 12, 3), freeUntil);
        Assert.Equal(3, Shipped.WorkingDaysBetween(new DateOnly(2026, 12, 2), new DateOnly(2026, 12, 8)));
        Assert.Equal(2, Shipped.WorkingDaysBetween(new DateOnly(2026, 12, 3), new DateOnly(2026, 12, 8)));
    }

    [Fact]
    public void Notice_skips_christmas_the_boxing_day_substitute_and_new_year()
    {
        // Monday 4 January 2027. Friday 1 January is New Year's Day; Christmas 2026 is a Friday, so Boxing Day moves to Monday 28.
        var freeUntil = Shipped.FreeCancellationEndsAt(Utc(2027, 1, 4, 9, 30), 3);

        Assert.Equal(Utc(2026, 12, 29), freeUntil);
        Assert.False(Shipped.IsWorkingDay(new DateOnly(2026, 12, 28)));
        Assert.False(Shipped.IsWorkingDay(new DateOnly(2027, 1, 1)));
        Assert.True(Shipped.IsWorkingDay(new DateOnly(2026, 12, 29)));
    }

    [Fact]
    public void Christmas_on_a_saturday_moves_both_holidays_to_the_next_working_days()
    {
        // 25 and 26 December 2027 fall at the weekend; Monday 27 and Tuesday 28 are the substitute days.
        Assert.Equal(new DateOnly(2027, 12, 24), Shipped.WorkingDaysBefore(new DateOnly(2027, 12, 29), 1));
        Assert.Equal(Utc(2027, 12, 24), Shipped.FreeCancellationEndsAt(Utc(2027, 12, 29, 10), 1));
        Assert.Equal(new DateOnly(2027, 12, 29), Shipped.WorkingDaysAfter(new DateOnly(2027, 12, 24), 1));
    }

    [Fact]
    public void Notice_skips_good_friday_and_easter_monday()
    {
        // Tuesday 30 March 2027, after Easter Monday 29 and Good Friday 26: Thursday 25 and Wednesday 24 are the two working days.
        Assert.Equal(Utc(2027, 3, 24), Shipped.FreeCancellationEndsAt(Utc(2027, 3, 30, 9), 2));
        Assert.Equal(0, Shipped.WorkingDaysBetween(new DateOnly(2027, 3, 25), new DateOnly(2027, 3, 30)));
    }

    [Fact]
    public void The_cut_off_is_uk_midnight_in_summer_time()
    {
        // Wednesday 2 June 2027; Monday 31 May is the spring bank holiday. Midnight BST on Thursday 27 May is 23:00 UTC on the 26th.
        Assert.Equal(Utc(2027, 5, 26, 23), Shipped.FreeCancellationEndsAt(Utc(2027, 6, 2, 8), 3));
    }

    [Fact]
    public void A_session_just_after_midnight_uk_time_counts_from_its_uk_day()
    {
        // 23:30 UTC on Sunday 13 June 2027 is 00:30 BST on Monday 14 June.
        Assert.Equal(Utc(2027, 6, 10, 23), Shipped.FreeCancellationEndsAt(Utc(2027, 6, 13, 23, 30), 1));
    }

    [Fact]
    public void No_notice_means_free_until_the_session_starts()
    {
        var start = Utc(2026, 12, 8, 9, 30);
        Assert.Equal(start, Shipped.FreeCancellationEndsAt(start, 0));
    }

    [Fact]
    public void A_removed_holiday_counts_as_a_working_day_again()
    {
        var withoutEasterMonday = new WorkingDayCalendar(BankHolidayCalendar.ReadShipped().Select(h => h.Date).Where(d => d != new DateOnly(2027, 3, 29)));
        Assert.Equal(Utc(2027, 3, 25), withoutEasterMonday.FreeCancellationEndsAt(Utc(2027, 3, 30, 9), 2));
    }

    [Fact]
    public void A_negative_notice_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Shipped.FreeCancellationEndsAt(Utc(2026, 12, 8), -1));
    }

    [Fact]
    public void The_shipped_calendar_covers_2024_to_2028_with_weekdays_only()
    {
        var shipped = BankHolidayCalendar.ReadShipped();
        foreach (var year in Enumerable.Range(2024, 5))
        {
            Assert.Equal(8, shipped.Count(h => h.Date.Year == year));
        }

        Assert.All(shipped, h => Assert.True(h.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), $"{h.Date} {h.Name}"));
        Assert.Equal(shipped.Count, shipped.Select(h => h.Date).Distinct().Count());
        Assert.Contains(shipped, h => h.Date == new DateOnly(2028, 1, 3) && h.Name.Contains("substitute", StringComparison.Ordinal));
    }
}
