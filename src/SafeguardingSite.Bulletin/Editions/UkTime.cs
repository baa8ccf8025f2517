using System.Globalization;

namespace SafeguardingSite.Bulletin.Editions;

/// <summary>Editors and readers are in the UK: times are shown and entered in UK time (GMT or BST), stored in UTC.</summary>
public static class UkTime
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateTime ToUk(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, Zone).DateTime;

    /// <summary>"Tuesday 8 December 2026, 10:00".</summary>
    public static string Describe(DateTimeOffset moment) => ToUk(moment).ToString("dddd d MMMM yyyy, HH:mm", British);

    public static string Describe(DateTime utc) => Describe(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    /// <summary>The UTC moment of a UK wall-clock time; null when the clocks skip it (the spring change).</summary>
    public static DateTime? FromUk(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return Zone.IsInvalidTime(local) ? null : TimeZoneInfo.ConvertTimeToUtc(local, Zone);
    }
}
