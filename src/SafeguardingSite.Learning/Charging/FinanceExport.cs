using System.Globalization;
using System.Text;
using MiniExcelLibs;
using SafeguardingSite.Platform.Export;

namespace SafeguardingSite.Learning.Charging;

/// <summary>A month's invoice lines for finance, one row per charge, as CSV or as an Excel workbook.</summary>
public static class FinanceExport
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IReadOnlyList<string> Columns { get; } =
    [
        "Invoice", "Organisation", "Sector", "Session date", "Course", "Learner", "Learner email", "Charge", "Band", "Days",
        "Amount (GBP)", "Policy version", "Raised (UTC)",
    ];

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string FileName(DateOnly month, string extension) =>
        string.Create(Invariant, $"training-invoices-{month:yyyy-MM}.{extension}");

    /// <summary>Typed cells: amounts stay numbers and dates stay dates so finance can sum and sort them.</summary>
    public static IEnumerable<object[]> Rows(IReadOnlyList<Invoice> invoices)
    {
        ArgumentNullException.ThrowIfNull(invoices);
        foreach (var invoice in invoices)
        {
            foreach (var line in invoice.Lines)
            {
                var charge = line.Charge;
                yield return
                [
                    invoice.Reference, line.OrganisationName, line.Sector.ToString(),
                    WorkingDayCalendar.UkDate(charge.SessionStartsAt), line.CourseTitle, line.LearnerName, line.LearnerEmail,
                    charge.Kind == ChargeKind.NoShow ? "No-show" : "Late cancellation", BandName(charge.Band), charge.Days,
                    charge.Amount, charge.PolicyVersion, charge.RaisedAt,
                ];
            }
        }
    }

    public static string BandName(ChargeBand band) => band switch
    {
        ChargeBand.HalfDay => "Half day",
        ChargeBand.FullDay => "Full day",
        _ => "Per day",
    };

    public static byte[] Csv(IReadOnlyList<Invoice> invoices)
    {
        var output = new StringBuilder();
        output.AppendJoin(',', Columns.Select(CsvText.Cell)).Append("\r\n");
        foreach (var row in Rows(invoices))
        {
            output.AppendJoin(',', row.Select(value => CsvText.Cell(Text(value)))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(output.ToString())];
    }

    public static async Task<byte[]> XlsxAsync(IReadOnlyList<Invoice> invoices, CancellationToken cancellationToken)
    {
        var sheet = Rows(invoices).Select(row =>
        {
            var cells = new Dictionary<string, object>(StringComparer.Ordinal);
            for (var i = 0; i < Columns.Count; i++)
            {
                cells[Columns[i]] = row[i] is DateOnly day ? day.ToDateTime(TimeOnly.MinValue) : row[i];
            }

            return cells;
        }).ToList();
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(sheet, sheetName: "Invoices", excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
        return stream.ToArray();
    }

    private static string Text(object value) => value switch
    {
        decimal amount => amount.ToString("0.00", Invariant),
        DateOnly day => day.ToString("yyyy-MM-dd", Invariant),
        DateTime at => at.ToString("yyyy-MM-dd HH:mm:ss", Invariant),
        IFormattable number => number.ToString(null, Invariant),
        _ => value.ToString() ?? string.Empty,
    };
}
