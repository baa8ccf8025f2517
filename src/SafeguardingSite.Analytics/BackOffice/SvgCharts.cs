using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;
using SafeguardingSite.Analytics.Reporting;

namespace SafeguardingSite.Analytics.BackOffice;

/// <summary>
/// Charts drawn on the server as inline SVG: no script, no third-party request, and no style attributes (the back
/// office's policy allows only its own stylesheet), so colours come from CSS classes and sizes from SVG attributes.
/// Each chart is an image with a title and description; the page puts the same figures in a table beside it.
/// </summary>
public static class SvgCharts
{
    private const int Width = 320;
    private const int MaxBars = 10;
    private const int MaxLabelLength = 38;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>A column per day of the period, with the previous period as a dashed line over the same positions.</summary>
    public static IHtmlContent Daily(string id, string title, IReadOnlyList<DayCount> current, IReadOnlyList<DayCount> previous)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        const int height = 160, left = 34, bottom = 20, top = 8;
        var plotWidth = Width - left - 4.0;
        var plotHeight = height - top - bottom;
        var max = Math.Max(1, current.Concat(previous).Select(d => d.Count).DefaultIfEmpty(0).Max());
        var slot = plotWidth / Math.Max(1, current.Count);
        double X(int i) => left + (i * slot);
        double Y(long value) => top + plotHeight - (plotHeight * value / max);

        var busiest = current.OrderByDescending(d => d.Count).ThenBy(d => d.Day).FirstOrDefault();
        var description = busiest is null || busiest.Count == 0
            ? "No page views in this period."
            : $"Columns show each day of this period, a dashed line the same day of the previous period. Busiest day: {Day(busiest.Day)} with {Figures.Count(busiest.Count)}.";
        var svg = Open(id, title, description, height);
        svg.Append(Invariant, $"<line class=\"chart-axis\" x1=\"{left}\" y1=\"{top + plotHeight}\" x2=\"{Width - 4}\" y2=\"{top + plotHeight}\"/>");
        svg.Append(Invariant, $"<text class=\"chart-label\" x=\"{left - 4}\" y=\"{top + 8}\" text-anchor=\"end\">{Figures.Count(max)}</text>");
        svg.Append(Invariant, $"<text class=\"chart-label\" x=\"{left - 4}\" y=\"{top + plotHeight}\" text-anchor=\"end\">0</text>");
        for (var i = 0; i < current.Count; i++)
        {
            var barHeight = top + plotHeight - Y(current[i].Count);
            svg.Append(Invariant, $"<rect class=\"chart-bar\" x=\"{X(i) + (slot * 0.1):0.##}\" y=\"{Y(current[i].Count):0.##}\" width=\"{Math.Max(0.5, slot * 0.8):0.##}\" height=\"{barHeight:0.##}\"/>");
        }

        if (previous.Count > 0)
        {
            var points = string.Join(' ', previous.Take(current.Count).Select((d, i) => string.Create(Invariant, $"{X(i) + (slot / 2):0.##},{Y(d.Count):0.##}")));
            svg.Append(Invariant, $"<polyline class=\"chart-previous\" points=\"{points}\" fill=\"none\" stroke-dasharray=\"4 3\"/>");
        }

        if (current.Count > 0)
        {
            svg.Append(Invariant, $"<text class=\"chart-label\" x=\"{left}\" y=\"{height - 4}\">{Day(current[0].Day)}</text>");
            svg.Append(Invariant, $"<text class=\"chart-label\" x=\"{Width - 4}\" y=\"{height - 4}\" text-anchor=\"end\">{Day(current[^1].Day)}</text>");
        }

        return Close(svg);
    }

    /// <summary>Horizontal bars of each item's share of the whole, the label and share written above each bar.</summary>
    public static IHtmlContent Shares(string id, string title, IReadOnlyList<Share> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        const int row = 34;
        var shown = shares.Take(MaxBars).ToList();
        var description = shown.Count == 0
            ? "Nothing recorded in this period."
            : string.Join("; ", shown.Select(s => $"{s.Name}: {Figures.Percent(s.Fraction)}"));
        var svg = Open(id, title, description, Math.Max(row, shown.Count * row));
        for (var i = 0; i < shown.Count; i++)
        {
            var share = shown[i];
            var y = i * row;
            var label = share.Name.Length > MaxLabelLength ? share.Name[..(MaxLabelLength - 1)] + "…" : share.Name;
            svg.Append(Invariant, $"<text class=\"chart-label\" x=\"0\" y=\"{y + 13}\">{Encode(label)} – {Figures.Percent(share.Fraction)}</text>");
            svg.Append(Invariant, $"<rect class=\"chart-track\" x=\"0\" y=\"{y + 18}\" width=\"{Width}\" height=\"10\"/>");
            svg.Append(Invariant, $"<rect class=\"chart-bar\" x=\"0\" y=\"{y + 18}\" width=\"{Math.Max(1, Width * share.Fraction):0.##}\" height=\"10\"/>");
        }

        if (shown.Count == 0)
        {
            svg.Append("<text class=\"chart-label\" x=\"0\" y=\"20\">Nothing recorded in this period</text>");
        }

        return Close(svg);
    }

    private static StringBuilder Open(string id, string title, string description, int height) =>
        new StringBuilder()
            .Append(Invariant, $"<svg class=\"chart\" id=\"{id}\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" focusable=\"false\">")
            .Append(Invariant, $"<title id=\"{id}-title\">{Encode(title)}</title><desc id=\"{id}-desc\">{Encode(description)}</desc>");

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static string Day(DateOnly day) => day.ToString("d MMM", British);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
