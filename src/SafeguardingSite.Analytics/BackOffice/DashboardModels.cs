using SafeguardingSite.Analytics.Reporting;

namespace SafeguardingSite.Analytics.BackOffice;

/// <summary>One headline figure with its change against the previous period, in words.</summary>
public sealed record Headline(string Name, string Value, string Change, Figures.Direction Direction)
{
    public static Headline Of(string name, long current, long previous) =>
        new(name, Figures.Count(current), Figures.Change(current, previous), Figures.DirectionOf(current, previous));

    public static Headline Of(string name, double current, double previous, Func<double, string> format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return new(name, format(current), Figures.Change(current, previous, format), Figures.DirectionOf(current, previous));
    }
}

/// <summary>A breakdown (pages, referrers, devices…) as a table, optionally with a bar chart; Link makes each item a link.</summary>
public sealed record ShareTable(
    string Id,
    string Heading,
    string ItemName,
    string CountName,
    string Whole,
    IReadOnlyList<Share> Items,
    IReadOnlyList<Share> Previous,
    bool Chart = false,
    Func<string, string>? Link = null);

public sealed record DailyChart(string Id, string Heading, IReadOnlyList<DayCount> Current, IReadOnlyList<DayCount> Previous);
