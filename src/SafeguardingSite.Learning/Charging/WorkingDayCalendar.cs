namespace SafeguardingSite.Learning.Charging;

/// <summary>
/// Monday to Friday less the bank holidays it was given. Pure, so the notice arithmetic can be tested without a
/// database; <see cref="BankHolidayCalendar"/> builds one from the editable table.
/// </summary>
public sealed class WorkingDayCalendar(IEnumerable<DateOnly> bankHolidays)
{
    /// <summary>Further than any notice period; stops a calendar made entirely of holidays from looping forever.</summary>
    private const int MaxDaysSearched = 3660;

    private readonly HashSet<DateOnly> holidays = [.. bankHolidays];

    /// <summary>UK time: a notice period is counted in the days people in the partnership live by.</summary>
    public static TimeZoneInfo UkTime { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(day);

    /// <summary>The working day <paramref name="count"/> working days before <paramref name="day"/> (which itself is not counted).</summary>
    public DateOnly WorkingDaysBefore(DateOnly day, int count) => Step(day, count, -1);

    /// <summary>The working day <paramref name="count"/> working days after <paramref name="day"/> (which itself is not counted).</summary>
    public DateOnly WorkingDaysAfter(DateOnly day, int count) => Step(day, count, 1);

    /// <summary>Working days strictly between two days, in either order.</summary>
    public int WorkingDaysBetween(DateOnly first, DateOnly second)
    {
        var (from, to) = first <= second ? (first, second) : (second, first);
        var count = 0;
        for (var day = from.AddDays(1); day < to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The last moment a booking can be cancelled free of charge: midnight (UK time) at the start of the working day
    /// that is <paramref name="noticeWorkingDays"/> working days before the session's first day. Whoever cancels
    /// before then leaves at least that many whole working days between the day they cancel and the session.
    /// </summary>
    public DateTime FreeCancellationEndsAt(DateTime sessionStartsAtUtc, int noticeWorkingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(noticeWorkingDays);
        var sessionDay = UkDate(sessionStartsAtUtc);
        if (noticeWorkingDays == 0)
        {
            return DateTime.SpecifyKind(sessionStartsAtUtc, DateTimeKind.Utc);
        }

        var lastFreeDay = WorkingDaysBefore(sessionDay, noticeWorkingDays);
        var ukMidnight = lastFreeDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(ukMidnight, UkTime);
    }

    public static DateOnly UkDate(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), UkTime));

    private DateOnly Step(DateOnly day, int count, int direction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var current = day;
        for (int found = 0, searched = 0; found < count; searched++)
        {
            if (searched > MaxDaysSearched)
            {
                throw new InvalidOperationException("No working days in the calendar near " + day.ToString("O"));
            }

            current = current.AddDays(direction);
            if (IsWorkingDay(current))
            {
                found++;
            }
        }

        return current;
    }
}
