using System.Globalization;

namespace SafeguardingSite.Analytics.BackOffice;

/// <summary>How the dashboard and the editor panel write numbers, durations and changes: in words, never colour alone.</summary>
public static class Figures
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public static string Count(long value) => value.ToString("N0", British);

    public static string Percent(double fraction) => fraction.ToString("0.0%", British);

    public static string Duration(double seconds)
    {
        var whole = (long)Math.Round(seconds);
        return whole < 60 ? $"{whole} s" : $"{whole / 60} min {whole % 60} s";
    }

    public enum Direction
    {
        Same,
        Up,
        Down,
        New,
    }

    public static Direction DirectionOf(double current, double previous) => current.CompareTo(previous) switch
    {
        0 => Direction.Same,
        > 0 when previous == 0 => Direction.New,
        > 0 => Direction.Up,
        _ => Direction.Down,
    };

    /// <summary>"+25.0%" against the previous figure, or null when there is no earlier figure to compare with.</summary>
    public static string? PercentChange(double current, double previous) => previous == 0
        ? null
        : ((current - previous) / previous).ToString("+0.0%;−0.0%;0.0%", British);

    /// <summary>E.g. "+25.0% (up from 40)", "no change", "new: none in the previous period".</summary>
    public static string Change(double current, double previous, Func<double, string> format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return DirectionOf(current, previous) switch
        {
            Direction.Same => "no change",
            Direction.New => "new: none in the previous period",
            Direction.Up => $"{PercentChange(current, previous)} (up from {format(previous)})",
            _ => $"{PercentChange(current, previous)} (down from {format(previous)})",
        };
    }

    public static string Change(long current, long previous) => Change(current, previous, v => Count((long)v));
}
