using System.Globalization;

namespace SafeguardingSite.BackOffice.Workflow;

/// <summary>Editors think in UK time (GMT or BST); the database keeps UTC. This converts between the two for forms.</summary>
public static class UkTime
{
    public const string InputFormat = "yyyy-MM-ddTHH:mm";

    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Reads a datetime-local value (e.g. 2026-12-01T09:30) as UK time; false for text that is not one, or a time skipped by the clocks going forward.</summary>
    public static bool TryParse(string? text, out DateTime utc)
    {
        utc = default;
        if (!DateTime.TryParseExact(text?.Trim(), [InputFormat, InputFormat + ":ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || Zone.IsInvalidTime(local))
        {
            return false;
        }

        utc = DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeToUtc(local, Zone), DateTimeKind.Utc);
        return true;
    }

    public static string ToInput(DateTime? utc) => utc is { } value ? Local(value).ToString(InputFormat, CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>"Tuesday 1 December 2026, 9:30am (GMT)".</summary>
    public static string Describe(DateTime utc)
    {
        var local = Local(utc);
        var zone = Zone.IsDaylightSavingTime(local) ? "BST" : "GMT";
        return local.ToString("dddd d MMMM yyyy, h:mm", British) + local.ToString("tt", CultureInfo.InvariantCulture).ToLowerInvariant() + $" ({zone})";
    }

    public static string Short(DateTime utc) => Local(utc).ToString("d MMM yyyy HH:mm", British);

    private static DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
}
