using System.Globalization;
using SafeguardingSite.Learning.Certificates;
using SafeguardingSite.Learning.Mail;
using SafeguardingSite.Web.Toolkit;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace SafeguardingSite.Web.LearningEvaluation;

/// <summary>
/// Draws a certificate of attendance or of e-learning completion on one landscape A4 page in the embedded
/// <see cref="CertificateFont"/>, each line centred: the partnership, the learner, the course, the date and length, and the verification
/// code with the page to check it.
/// </summary>
public static class CertificatePdf
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public static byte[] Write(Certificate certificate, string partnership, string verifyUrl)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = PdfText.ToDrawable(Heading(certificate) + ": " + certificate.CourseTitle);
        builder.DocumentInformation.Author = PdfText.ToDrawable(partnership);
        var regular = (Face: CertificateFont.Regular, Added: CertificateFont.Regular.AddTo(builder));
        var bold = (Face: CertificateFont.Bold, Added: CertificateFont.Bold.AddTo(builder));
        var page = builder.AddPage(PageSize.A4, isPortrait: false);
        var width = page.PageSize.Width;
        var y = page.PageSize.Height - 90;

        void Line(string text, double size, (CertificateFont Face, PdfDocumentBuilder.AddedFont Added) font, double after)
        {
            var drawable = font.Face.Drawable(text);
            while (drawable.Length > 1 && Measure(page, drawable, size, font.Added) > width - 120)
            {
                size -= 0.5;
            }

            page.AddText(drawable, size, new PdfPoint((width - Measure(page, drawable, size, font.Added)) / 2, y), font.Added);
            y -= after;
        }

        var hours = certificate.DurationMinutes / 60.0;
        Line(partnership, 14, regular, 60);
        Line(Heading(certificate), 30, bold, 50);
        Line("This is to certify that", 13, regular, 36);
        Line(certificate.LearnerName, 26, bold, 40);
        Line(certificate.IsELearning ? "completed the e-learning course" : "attended in full the multi-agency training course", 13, regular, 32);
        Line(certificate.CourseTitle, 20, bold, 32);
        Line((certificate.IsELearning ? "on " : string.Empty) + DateLine(certificate) + (hours > 0 ? string.Create(British, $" ({hours:0.#} hour{(certificate.DurationMinutes == 60 ? "" : "s")})") : string.Empty), 13, regular, 70);
        Line("Verification code: " + CertificateCode.Display(certificate.Code), 12, bold, 20);
        Line("Check this certificate at " + verifyUrl, 10, regular, 0);
        return builder.Build();
    }

    public static string Heading(Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.IsELearning ? "Certificate of completion" : "Certificate of attendance";
    }

    /// <summary>"Tuesday 8 December 2026": the day of the e-learning pass or the session, or the first and last days of a course over several.</summary>
    public static string DateLine(Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var first = Day(certificate.CertifiedFrom);
        var last = Day(certificate.CertifiedTo);
        return first == last ? first : $"{first} to {last}";
    }

    private static string Day(DateTime utc) => LearningMessages.UkDateTime(utc).Split(',')[0];

    private static double Measure(PdfPageBuilder page, string text, double size, PdfDocumentBuilder.AddedFont font)
    {
        var letters = page.MeasureText(text, size, new PdfPoint(0, 0), font);
        return letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
    }
}
