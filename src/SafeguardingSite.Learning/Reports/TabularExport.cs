using System.Globalization;
using System.Text;
using MiniExcelLibs;
using SafeguardingSite.Platform.Export;

namespace SafeguardingSite.Learning.Reports;

/// <summary>
/// Typed rows as CSV (every cell through <see cref="CsvText"/>, so nothing typed by a learner runs as a formula) or
/// as an Excel workbook that keeps numbers as numbers and dates as dates.
/// </summary>
public static class TabularExport
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static byte[] Csv(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var output = new StringBuilder();
        output.AppendJoin(',', columns.Select(CsvText.Cell)).Append("\r\n");
        foreach (var row in rows)
        {
            output.AppendJoin(',', row.Select(value => CsvText.Cell(Text(value)))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(output.ToString())];
    }

    public static async Task<byte[]> XlsxAsync(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<object?>> rows, string sheetName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var sheet = rows.Select(row =>
        {
            var cells = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Count; i++)
            {
                cells[columns[i]] = row[i] is DateOnly day ? day.ToDateTime(TimeOnly.MinValue) : row[i];
            }

            return cells;
        }).ToList();
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(sheet, sheetName: sheetName, excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
        return stream.ToArray();
    }

    public static string Text(object? value) => value switch
    {
        null => string.Empty,
        decimal amount => amount.ToString("0.00", Invariant),
        DateOnly day => day.ToString("yyyy-MM-dd", Invariant),
        DateTime at => at.ToString("yyyy-MM-dd HH:mm:ss", Invariant),
        IFormattable number => number.ToString(null, Invariant),
        _ => value.ToString() ?? string.Empty,
    };
}
