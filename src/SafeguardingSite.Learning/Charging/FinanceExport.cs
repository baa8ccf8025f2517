using System.Globalization;
using SafeguardingSite.Learning.Reports;

namespace SafeguardingSite.Learning.Charging;

/// <summary>A month's invoice lines for finance, one row per charge, as CSV or as an Excel workbook.</summary>
public static class FinanceExport
{
    public const string CsvType = TabularExport.CsvType;
    public const string XlsxType = TabularExport.XlsxType;

    public static IReadOnlyList<string> Columns { get; } =
    [
        "Invoice", "Organisation", "Sector", "Session date", "Course", "Learner", "Learner email", "Charge", "Band", "Days",
        "Amount (GBP)", "Policy version", "Raised (UTC)",
    ];

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string FileName(DateOnly month, string extension) =>
        string.Create(Invariant, $"training-invoices-{month:yyyy-MM}.{extension}");

    /// <summary>Typed cells: amounts stay numbers and dates stay dates so finance can sum and sort them.</summary>
    public static IEnumerable<IReadOnlyList<object?>> Rows(IReadOnlyList<Invoice> invoices)
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

    public static byte[] Csv(IReadOnlyList<Invoice> invoices) => TabularExport.Csv(Columns, Rows(invoices));

    public static Task<byte[]> XlsxAsync(IReadOnlyList<Invoice> invoices, CancellationToken cancellationToken) =>
        TabularExport.XlsxAsync(Columns, Rows(invoices), "Invoices", cancellationToken);
}
