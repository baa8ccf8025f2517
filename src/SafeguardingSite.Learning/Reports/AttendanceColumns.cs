using SafeguardingSite.Learning.Charging;
using SafeguardingSite.Learning.Registers;

namespace SafeguardingSite.Learning.Reports;

/// <summary>The report's own columns: bookings, attendance, cancellations, waiting-list demand, charges and e-learning completions.</summary>
public sealed class AttendanceColumns : ITrainingReportColumns
{
    public int Order => 0;

    public IReadOnlyList<string> Headings { get; } =
    [
        "Bookings", "Attended", "No-shows", "Attendance rate (%)", "Late cancellations", "Waiting-list demand",
        "Charges raised", "Raised (GBP)", "Charges waived", "Waived (GBP)", "E-learning completions",
    ];

    public Task<IReadOnlyDictionary<ReportRowKey, IReadOnlyList<object?>>> ValuesAsync(ReportQuery query, ReportFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(facts);
        var bookings = facts.Bookings.ToLookup(b => ReportFacts.KeyOf(query.Dimension, b));
        var completions = facts.Completions.ToLookup(c => ReportFacts.KeyOf(query.Dimension, c));
        var values = bookings.Select(g => g.Key).Union(completions.Select(g => g.Key))
            .ToDictionary(key => key, key => Values(bookings[key].ToList(), completions[key].Count()));
        return Task.FromResult<IReadOnlyDictionary<ReportRowKey, IReadOnlyList<object?>>>(values);
    }

    private static IReadOnlyList<object?> Values(IReadOnlyList<BookingFact> bookings, int completions)
    {
        var attended = bookings.Count(b => b.Mark is Attendance.Attended or Attendance.PartlyAttended or Attendance.Late);
        var noShows = bookings.Count(b => b.Mark == Attendance.NoShow);
        var charged = bookings.Where(b => b.Charge is not null).ToList();
        var waived = charged.Where(b => b.Charge == ChargeStatus.Waived).ToList();
        return
        [
            bookings.Count(b => b.HeldPlace), attended, noShows,
            attended + noShows == 0 ? null : Math.Round(100.0 * attended / (attended + noShows), 1),
            bookings.Count(b => b.LateCancellation), bookings.Count(b => b.Waited),
            charged.Count, charged.Sum(b => b.ChargeAmount), waived.Count, waived.Sum(b => b.ChargeAmount),
            completions,
        ];
    }
}
