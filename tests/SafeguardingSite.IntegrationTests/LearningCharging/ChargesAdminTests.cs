using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using SafeguardingSite.BackOffice.Data;
using SafeguardingSite.IntegrationTests.BackOffice;
using SafeguardingSite.Learning.Charging;
using SafeguardingSite.Learning.Model;
using SafeguardingSite.Learning.Registers;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.LearningCharging;

/// <summary>Training administrators' screens: waivers, invoices and finance exports, the policy and the bank holidays.</summary>
[Collection(ChargingSites.Collection)]
public class ChargesAdminTests(ChargingSites sites)
{
    private const string Hyperlink = "=HYPERLINK(\"http://evil.example\",\"Click\")";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_waiver_needs_a_reason_is_audited_once_and_takes_the_charge_off_the_invoice(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        await site.SignInAgainAsync();
        await site.Service<ChargingPolicyService>().SaveAsync(ChargingTerms.Default, "test", CancellationToken.None);
        var council = await site.AddOrganisationAsync("Waiver Council");
        var session = await site.AddSessionAsync(TimeSpan.FromHours(1));
        var booking = await site.AddBookingAsync(session.SessionId, council, "Wendy Waived");
        var charge = Assert.Single(await site.CloseRegisterAsync(session, new Dictionary<int, Attendance> { [booking.BookingId] = Attendance.NoShow }));
        var path = $"/umbraco/charges/{charge.Id}/waive";

        foreach (var (reason, message) in new[] { ("", "Enter why the charge is being waived"), (new string('x', 501), "Keep the reason to 500 characters or fewer") })
        {
            var refused = await site.Administrator.SubmitAsync(path, path, new() { ["reason"] = reason });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(message, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.NotEqual(HttpStatusCode.OK, (await site.Trainer.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Administrator.GetAsync("/umbraco/charges/999999999/waive")).StatusCode);

        const string Reason = "<script>alert('ill')</script> Manager phoned before 10:00'; DROP TABLE learning_charges;--";
        var token = BrowserClient.TokenIn(await site.Administrator.GetPageAsync(path));
        var form = new Dictionary<string, string> { ["reason"] = Reason, ["__RequestVerificationToken"] = token };
        var twice = await Task.WhenAll(
            site.Administrator.Http.PostAsync(path, new FormUrlEncodedContent(form)),
            site.Administrator.Http.PostAsync(path, new FormUrlEncodedContent(form)));
        Assert.All(twice, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));

        var waived = Assert.Single(await site.ChargesForSessionAsync(session.SessionId));
        Assert.Equal((ChargeStatus.Waived, Reason, "training.admin@northdale-scp.example"), (waived.Status, waived.WaiverReason, waived.WaivedBy));
        await using (var audit = site.Service<IDbContextFactory<BackOfficeDbContext>>().CreateDbContext())
        {
            var entry = Assert.Single(await audit.Audit.Where(a => a.Action == ChargesController.WaivedAction && a.Subject!.StartsWith($"charge {charge.Id} ")).ToListAsync());
            Assert.Contains("Manager phoned", entry.Detail, StringComparison.Ordinal);
            Assert.Equal("training.admin@northdale-scp.example", entry.Actor);
        }

        var list = await site.Administrator.GetPageAsync($"/umbraco/charges?Status=Waived&Organisation={council}");
        Assert.Contains("Wendy Waived", list, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", list, StringComparison.Ordinal);
        var month = WorkingDayCalendar.UkDate(session.StartsAt).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        Assert.DoesNotContain("Waiver Council", await site.Administrator.GetPageAsync($"/umbraco/charges/invoices?month={month}"), StringComparison.Ordinal);

        foreach (var query in new[] { "Status=Bogus", "Organisation=1%20OR%201%3D1", "Month=2026-13", "Month=%3Cscript%3E", "Kind=" + new string('k', 5000) })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await site.Administrator.GetAsync("/umbraco/charges?" + query)).StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Invoices_group_by_organisation_and_month_or_session_and_the_exports_parse_back(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        await site.SignInAgainAsync();
        var policies = site.Service<ChargingPolicyService>();
        await policies.SaveAsync(ChargingTerms.Default with { InvoiceGrouping = InvoiceGrouping.Monthly }, "test", CancellationToken.None);
        var alpha = await site.AddOrganisationAsync("Alpha Academy", OrganisationSector.Education);
        var beta = await site.AddOrganisationAsync("Beta Health", OrganisationSector.Health);
        var first = await site.AddSessionAsync(TimeSpan.FromHours(1), durationMinutes: 180);
        var a1 = await site.AddBookingAsync(first.SessionId, alpha, Hyperlink);
        var a2 = await site.AddBookingAsync(first.SessionId, alpha, "Anna Alpha");
        var b1 = await site.AddBookingAsync(first.SessionId, beta, "Ben Beta");
        await site.CloseRegisterAsync(first, new Dictionary<int, Attendance> { [a1.BookingId] = Attendance.NoShow, [a2.BookingId] = Attendance.NoShow, [b1.BookingId] = Attendance.NoShow });

        await policies.SaveAsync(ChargingTerms.Default with { InvoiceGrouping = InvoiceGrouping.PerSession }, "test", CancellationToken.None);
        var second = await site.AddSessionAsync(TimeSpan.FromHours(1), durationMinutes: 1200, days: 2);
        var a3 = await site.AddBookingAsync(second.SessionId, alpha, "Arun Alpha");
        await site.CloseRegisterAsync(second, new Dictionary<int, Attendance> { [a3.BookingId] = Attendance.NoShow });

        var month = WorkingDayCalendar.UkDate(first.StartsAt);
        month = new DateOnly(month.Year, month.Month, 1);
        Assert.Equal(month, new DateOnly(WorkingDayCalendar.UkDate(second.StartsAt).Year, WorkingDayCalendar.UkDate(second.StartsAt).Month, 1));
        var ours = (await site.Service<ChargeLedger>().InvoicesAsync(month, CancellationToken.None))
            .Where(i => i.OrganisationId == alpha || i.OrganisationId == beta).ToList();
        var monthText = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        Assert.Equal(
            [
                ($"TRN-{monthText}-{alpha:D5}", alpha, 2, 50m),
                ($"TRN-S{second.SessionId:D6}-{alpha:D5}", alpha, 1, 100m),
                ($"TRN-{monthText}-{beta:D5}", beta, 1, 25m),
            ],
            ours.Select(i => (i.Reference, i.OrganisationId, i.Lines.Count, i.Total)).ToList());

        var page = await site.Administrator.GetPageAsync($"/umbraco/charges/invoices?month={monthText}");
        Assert.Contains($"TRN-S{second.SessionId:D6}-{alpha:D5}", page, StringComparison.Ordinal);

        var csv = await site.Administrator.GetAsync($"/umbraco/charges/invoices/export.csv?month={monthText}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("text/csv", csv.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var rows = ParseCsv(await csv.Content.ReadAsStringAsync());
        Assert.Equal(FinanceExport.Columns, rows[0]);
        var ourRows = rows.Skip(1).Where(r => r[0].EndsWith($"-{alpha:D5}", StringComparison.Ordinal) || r[0].EndsWith($"-{beta:D5}", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, ourRows.Count);
        Assert.Contains(ourRows, r => r[5] == "'" + Hyperlink && r[10] == "25.00" && r[8] == "Half day");
        Assert.Contains(ourRows, r => r[5] == "Arun Alpha" && r[10] == "100.00" && r[8] == "Per day" && r[9] == "2");
        Assert.Equal(175m, ourRows.Sum(r => decimal.Parse(r[10], CultureInfo.InvariantCulture)));

        var xlsx = await site.Administrator.GetAsync($"/umbraco/charges/invoices/export.xlsx?month={monthText}");
        Assert.Equal(FinanceExport.XlsxType, xlsx.Content.Headers.ContentType!.ToString());
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var sheet = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>()
            .Where(r => ((string)r["Invoice"]).EndsWith($"-{alpha:D5}", StringComparison.Ordinal) || ((string)r["Invoice"]).EndsWith($"-{beta:D5}", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, sheet.Count);
        Assert.Equal(175m, sheet.Sum(r => Convert.ToDecimal(r["Amount (GBP)"], CultureInfo.InvariantCulture)));
        Assert.Contains(sheet, r => (string)r["Learner"] == Hyperlink);

        foreach (var bad in new[] { "2026-13", "26-12", "<script>", "2026-12-01", new string('9', 3000) })
        {
            var refused = await site.Administrator.GetAsync($"/umbraco/charges/invoices/export.csv?month={Uri.EscapeDataString(bad)}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("application/problem+json", refused.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_policy_is_saved_as_a_new_version_and_bad_values_are_refused(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        await site.SignInAgainAsync();
        var policies = site.Service<ChargingPolicyService>();
        var before = await policies.CurrentAsync(CancellationToken.None);
        var exempt = await site.AddOrganisationAsync("Exempt Charity", OrganisationSector.VoluntaryCommunity);
        const string Path = "/umbraco/charges/policy";
        var fields = new Dictionary<string, string>
        {
            ["NoticeWorkingDays"] = "5", ["HalfDayMaxHours"] = "3.5",
            ["HalfDayLateCancellation"] = "30", ["HalfDayNoShow"] = "35.50", ["FullDayLateCancellation"] = "£60",
            ["FullDayNoShow"] = "75", ["PerDayLateCancellation"] = "60", ["PerDayNoShow"] = "75", ["InvoiceGrouping"] = "PerSession",
        };
        var repeated = new[] { new KeyValuePair<string, string>("ExemptSectors", "Police"), new("ExemptOrganisations", exempt.ToString(CultureInfo.InvariantCulture)) };

        Assert.Equal(HttpStatusCode.Redirect, (await site.Administrator.SubmitAsync(Path, Path, fields, repeated)).StatusCode);
        var saved = await policies.CurrentAsync(CancellationToken.None);
        Assert.Equal(before.Version + 1, saved.Version);
        Assert.Equal((5, 210, 35.50m, 60m, InvoiceGrouping.PerSession), (saved.NoticeWorkingDays, saved.HalfDayMaxMinutes, saved.HalfDayNoShow, saved.FullDayLateCancellation, saved.InvoiceGrouping));
        Assert.Equal([exempt], saved.ExemptOrganisationIds);
        Assert.Equal([OrganisationSector.Police], saved.ExemptSectors);

        // The same form again changes nothing and adds no version.
        Assert.Equal(HttpStatusCode.Redirect, (await site.Administrator.SubmitAsync(Path, Path, fields, repeated)).StatusCode);
        Assert.Contains("Nothing changed", await site.Administrator.GetPageAsync(Path), StringComparison.Ordinal);
        Assert.Equal(saved.Version, (await policies.CurrentAsync(CancellationToken.None)).Version);

        foreach (var (field, value) in new[]
                 {
                     ("NoticeWorkingDays", "<script>alert(1)</script>"), ("HalfDayNoShow", "50; DROP TABLE learning_charges"),
                     ("FullDayNoShow", new string('9', 20_000)), ("PerDayNoShow", "-10"), ("InvoiceGrouping", "Yearly"),
                 })
        {
            var response = await site.Administrator.SubmitAsync(Path, Path, new Dictionary<string, string>(fields) { [field] = value });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("There is a problem", html, StringComparison.Ordinal);
            Assert.Contains($"href=\"#field-{field.ToLowerInvariant()}\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        }

        Assert.Equal(saved.Version, (await policies.CurrentAsync(CancellationToken.None)).Version);
        Assert.NotEqual(HttpStatusCode.OK, (await site.Trainer.GetAsync(Path)).StatusCode);
        await policies.SaveAsync(ChargingTerms.Default, "test", CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bank_holidays_are_shipped_and_can_be_added_and_removed(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        await site.SignInAgainAsync();
        var calendar = site.Service<BankHolidayCalendar>();
        var listed = await calendar.ListAsync(CancellationToken.None);
        Assert.All(Enumerable.Range(2024, 5), year => Assert.Equal(8, listed.Count(h => h.Date.Year == year && h.IsShipped)));
        Assert.Contains("Boxing Day (substitute day)", await site.Administrator.GetPageAsync("/umbraco/charges/bank-holidays"), StringComparison.Ordinal);

        const string Path = "/umbraco/charges/bank-holidays";
        var oneOff = new DateOnly(2031, 5, 6);
        var add = new Dictionary<string, string> { ["date"] = "2031-05-06", ["name"] = "<b>Coronation</b> day" };
        Assert.Equal(HttpStatusCode.Redirect, (await site.Administrator.SubmitAsync(Path, Path, add)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await site.Administrator.SubmitAsync(Path, Path, add)).StatusCode);
        Assert.Contains("is already a bank holiday", await site.Administrator.GetPageAsync(Path), StringComparison.Ordinal);
        Assert.False((await calendar.LoadAsync(CancellationToken.None)).IsWorkingDay(oneOff));
        Assert.Contains("&lt;b&gt;Coronation&lt;/b&gt; day", await site.Administrator.GetPageAsync(Path), StringComparison.Ordinal);

        // Removing a shipped date survives the next start-up's seeding; putting it back restores it.
        var easterMonday = new DateOnly(2027, 3, 29);
        Assert.Equal(HttpStatusCode.Redirect, (await site.Administrator.SubmitAsync(Path, Path + "/remove", new() { ["date"] = "2027-03-29" })).StatusCode);
        await calendar.SeedAsync(CancellationToken.None);
        Assert.True((await calendar.LoadAsync(CancellationToken.None)).IsWorkingDay(easterMonday));
        Assert.Equal(HttpStatusCode.Redirect, (await site.Administrator.SubmitAsync(Path, Path, new() { ["date"] = "2027-03-29", ["name"] = "Easter Monday" })).StatusCode);
        Assert.False((await calendar.LoadAsync(CancellationToken.None)).IsWorkingDay(easterMonday));
        Assert.Equal(HttpStatusCode.Redirect, (await site.Administrator.SubmitAsync(Path, Path + "/remove", new() { ["date"] = "2031-05-06" })).StatusCode);
        Assert.True((await calendar.LoadAsync(CancellationToken.None)).IsWorkingDay(oneOff));

        foreach (var (date, name) in new[] { ("2027-02-30", "Bad"), ("<script>", "Bad"), ("2027-05-03' OR '1'='1", "Bad"), ("2031-05-07", ""), ("2031-05-07", new string('n', 101)) })
        {
            var refused = await site.Administrator.SubmitAsync(Path, Path, new() { ["date"] = date, ["name"] = name });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        var badRemove = await site.Administrator.SubmitAsync(Path, Path + "/remove", new() { ["date"] = "yesterday" });
        Assert.Equal(HttpStatusCode.BadRequest, badRemove.StatusCode);
        Assert.True((await calendar.LoadAsync(CancellationToken.None)).IsWorkingDay(new DateOnly(2031, 5, 7)));
    }

    /// <summary>RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\n')
            {
                row.Add(cell.ToString().TrimEnd('\r'));
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        return rows;
    }
}
