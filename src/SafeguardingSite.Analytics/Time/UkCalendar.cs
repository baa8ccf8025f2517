namespace SafeguardingSite.Analytics.Time;

/// <summary>
/// The partnership reports in UK calendar days (GMT in winter, BST in summer) and financial years from 1 April, so
/// every day in the roll-ups and reports is a Europe/London day, never a UTC one.
/// </summary>
public static class UkCalendar
{
    public static TimeZoneInfo Zone { get; } = LoadZone();

    public static DateOnly DayOf(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone));

    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DayOf(clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>UK clocks change at 01:00 UTC, so local midnight always exists exactly once.</summary>
    public static DateTime StartOfDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Zone);

    /// <summary>The financial year (1 April to 31 March) that contains the day, named by the year it starts in.</summary>
    public static int FinancialYearOf(DateOnly day) => day.Month >= 4 ? day.Year : day.Year - 1;

    public static (DateOnly From, DateOnly To) FinancialYear(int startYear) => (new DateOnly(startYear, 4, 1), new DateOnly(startYear + 1, 3, 31));

    /// <summary>
    /// Images without time-zone data (e.g. slim containers) still get the UK rule in force since 1996: BST from 01:00
    /// UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
    /// </summary>
    private static TimeZoneInfo LoadZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
                DateTime.MinValue.Date,
                DateTime.MaxValue.Date,
                TimeSpan.FromHours(1),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 1, 0, 0), 3, 5, DayOfWeek.Sunday),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 10, 5, DayOfWeek.Sunday));
            return TimeZoneInfo.CreateCustomTimeZone("Europe/London", TimeSpan.Zero, "UK time", "GMT", "BST", [rule]);
        }
    }
}
