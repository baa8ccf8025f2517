namespace SafeguardingSite.Platform.Export;

/// <summary>One CSV cell (RFC 4180) that a spreadsheet shows as text, for the exports finance and the annual report use.</summary>
public static class CsvText
{
    /// <summary>
    /// Quotes the cell when it needs it, and prefixes an apostrophe when it starts like a formula: names and titles are
    /// typed by people outside the partnership, and a spreadsheet must not run them.
    /// </summary>
    public static string Cell(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var safe = value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }
}
