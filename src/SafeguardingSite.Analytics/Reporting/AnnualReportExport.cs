using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Security;
using System.Text;
using Microsoft.AspNetCore.Http;
using SafeguardingSite.Platform.Export;

namespace SafeguardingSite.Analytics.Reporting;

/// <summary>The annual report as rows (section, item, value, share), written as CSV, a minimal .xlsx or a printable page.</summary>
internal static class AnnualReportExport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Reads the year the financial year starts in and the format; returns the errors, or null when both are good.</summary>
    public static Dictionary<string, string[]>? TryRead(string? year, string? format, out int startYear, out string kind)
    {
        var errors = new Dictionary<string, string[]>();
        if (!int.TryParse(year, NumberStyles.None, Invariant, out startYear) || startYear is < 2000 or > 2100)
        {
            errors["year"] = ["Give the year the financial year starts in (1 April), e.g. 2026 for 2026-27."];
        }

        kind = (format ?? "json").ToLowerInvariant();
        if (kind is not ("json" or "csv" or "xlsx" or "html"))
        {
            errors["format"] = ["Use format=json, csv, xlsx or html."];
        }

        return errors.Count > 0 ? errors : null;
    }

    /// <param name="stylesheet">For pages under a policy that forbids inline styles: a stylesheet to link instead.</param>
    public static async Task<IResult> ResultAsync(AnalyticsReports reports, int startYear, string kind, CancellationToken cancellationToken, string? stylesheet = null)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var report = await reports.FinancialYearAsync(startYear, cancellationToken);
        var fileName = $"website-figures-{report.FinancialYear}";
        return kind switch
        {
            "csv" => Results.File(Encoding.UTF8.GetBytes(Csv(report)), "text/csv; charset=utf-8", fileName + ".csv"),
            "xlsx" => Results.File(Xlsx(report), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName + ".xlsx"),
            "html" => Results.Content(Html(report, stylesheet), "text/html; charset=utf-8"),
            _ => Results.Ok(report),
        };
    }

    public static IEnumerable<string[]> Rows(AnnualReport report)
    {
        var f = report.Figures;
        yield return ["Section", "Item", "Value", "Share"];
        yield return ["Headline", "Page views", Num(f.PageViews), ""];
        yield return ["Headline", "Unique page views", Num(f.UniquePageViews), ""];
        yield return ["Headline", "Visitors (daily unique, summed)", Num(f.Visitors), ""];
        yield return ["Headline", "Visitors who allowed the returning-visitor cookie", Num(f.CookieVisitors), Pct(f.CookieCoverage)];
        yield return ["Headline", "New visitors (of those with the cookie)", Num(f.NewVisitors), Pct(f.NewShare)];
        yield return ["Headline", "Returning visitors (of those with the cookie)", Num(f.ReturningVisitors), Pct(f.ReturningShare)];
        yield return ["Headline", "Visits", Num(f.Visits), ""];
        yield return ["Headline", "Average visit (seconds)", f.AverageVisitSeconds.ToString("0.0", Invariant), ""];
        yield return ["Headline", "Bounce rate", "", Pct(f.BounceRate)];
        yield return ["Headline", "Downloads", Num(f.Downloads), ""];
        yield return ["Headline", "Outbound link clicks", Num(f.OutboundClicks), ""];
        yield return ["Headline", "Searches", Num(f.Searches), ""];
        yield return ["Headline", "Searches that found nothing", Num(f.ZeroResultSearches), ""];
        foreach (var month in report.Months)
        {
            yield return ["Month", month.Month, Num(month.PageViews), ""];
        }

        foreach (var (section, items) in new[] { ("Top page", f.TopPages), ("Section", f.Sections), ("Download", f.TopDownloads), ("Outbound link", f.TopOutboundLinks), ("Referrer", f.Referrers), ("Device", f.Devices) })
        {
            foreach (var item in items)
            {
                yield return [section, item.Name, Num(item.Count), Pct(item.Fraction)];
            }
        }
    }

    public static string Csv(AnnualReport report)
    {
        var output = new StringBuilder();
        foreach (var row in Rows(report))
        {
            output.AppendJoin(',', row.Select(CsvText.Cell)).Append("\r\n");
        }

        return output.ToString();
    }

    /// <summary>A one-sheet workbook with inline strings: the smallest package Excel and LibreOffice open without complaint.</summary>
    public static byte[] Xlsx(AnnualReport report)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
                writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" + xml);
            }

            Part("[Content_Types].xml",
                "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
                "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" +
                "</Types>");
            Part("_rels/.rels",
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>" +
                "</Relationships>");
            Part("xl/workbook.xml",
                "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" +
                $"<sheets><sheet name=\"{SecurityElement.Escape("FY " + report.FinancialYear)}\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Part("xl/_rels/workbook.xml.rels",
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
                "</Relationships>");
            var sheet = new StringBuilder("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
            var rowNumber = 0;
            foreach (var row in Rows(report))
            {
                sheet.Append(Invariant, $"<row r=\"{++rowNumber}\">");
                foreach (var cell in row)
                {
                    sheet.Append(double.TryParse(cell, NumberStyles.Float, Invariant, out _) && rowNumber > 1
                        ? $"<c t=\"n\"><v>{cell}</v></c>"
                        : $"<c t=\"inlineStr\"><is><t>{SecurityElement.Escape(cell)}</t></is></c>");
                }

                sheet.Append("</row>");
            }

            Part("xl/worksheets/sheet1.xml", sheet.Append("</sheetData></worksheet>").ToString());
        }

        return stream.ToArray();
    }

    public static string Html(AnnualReport report, string? stylesheet = null)
    {
        var output = new StringBuilder();
        output.Append("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append(Invariant, $"<title>Website figures {report.FinancialYear}</title>");
        output.Append(stylesheet is null
            ? "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;color:#0b0c0c}" +
              "table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}th,td{border:1px solid #505a5f;padding:.3rem .5rem;text-align:left}" +
              "td.n{text-align:right}@media print{body{margin:0}}</style>"
            : $"<link rel=\"stylesheet\" href=\"{WebUtility.HtmlEncode(stylesheet)}\">");
        output.Append("</head><body><main class=\"bo-main\">")
            .Append(Invariant, $"<h1>Website figures for the financial year {report.FinancialYear}</h1>")
            .Append(Invariant, $"<p>1 April {report.Figures.From.Year} to 31 March {report.Figures.To.Year}. Visitors are counted once a day without cookies, so the yearly visitor figure is the sum of daily visitors. New and returning visitors are counted only among visitors who allowed the returning-visitor cookie; the share beside that row says how many of all visitors they are.</p>");
        foreach (var group in Rows(report).Skip(1).GroupBy(r => r[0]))
        {
            output.Append(Invariant, $"<h2>{WebUtility.HtmlEncode(group.Key)}</h2><table><thead><tr><th scope=\"col\">Item</th><th scope=\"col\">Value</th><th scope=\"col\">Share</th></tr></thead><tbody>");
            foreach (var row in group)
            {
                output.Append(Invariant, $"<tr><th scope=\"row\">{WebUtility.HtmlEncode(row[1])}</th><td class=\"n\">{WebUtility.HtmlEncode(row[2])}</td><td class=\"n\">{WebUtility.HtmlEncode(row[3])}</td></tr>");
            }

            output.Append("</tbody></table>");
        }

        return output.Append("</main></body></html>").ToString();
    }

    private static string Num(long value) => value.ToString(Invariant);

    private static string Pct(double share) => share.ToString("0.0%", Invariant);
}
