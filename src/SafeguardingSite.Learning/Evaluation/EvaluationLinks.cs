using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using SafeguardingSite.Learning.Certificates;
using SafeguardingSite.Learning.Mail;

namespace SafeguardingSite.Learning.Evaluation;

/// <summary>What a signed evaluation link stands for.</summary>
public sealed record EvaluationTicket(int BookingId, int LearnerId, EvaluationStage Stage, Respondent Respondent);

/// <summary>
/// The signed links in evaluation mail. A link names the booking, the learner it was sent for, the stage and who
/// answers, so it opens one questionnaire and nothing else, without signing in.
/// </summary>
public sealed class EvaluationLinks(IDataProtectionProvider protection, LearningLinks links)
{
    public const string QuestionnairePath = "/training/evaluation";
    public const string CertificatesPath = "/training/account/certificates";
    public const string VerifyPath = "/training/certificates/verify";
    private const string Purpose = "evaluation";
    private readonly IDataProtector protector = protection.CreateProtector("SafeguardingSite.Learning.Evaluation.v1");

    public static string CertificatePdfPath(int certificateId) => $"{CertificatesPath}/{certificateId.ToString(CultureInfo.InvariantCulture)}/certificate.pdf";

    public static string VerifyCodePath(string code) => $"{VerifyPath}/{Uri.EscapeDataString(code)}";

    public string Token(EvaluationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return protector.Protect(string.Join('|', Purpose, ticket.BookingId.ToString(CultureInfo.InvariantCulture),
            ticket.LearnerId.ToString(CultureInfo.InvariantCulture), ticket.Stage, ticket.Respondent));
    }

    /// <summary>The absolute link for mail.</summary>
    public string Questionnaire(EvaluationTicket ticket) => links.WithToken(QuestionnairePath, Token(ticket));

    public string AbsoluteVerify(string code) => links.Absolute(VerifyCodePath(CertificateCode.Display(code)));

    public EvaluationTicket? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            var parts = protector.Unprotect(token).Split('|');
            return parts.Length == 5 && parts[0] == Purpose
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var booking)
                && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var learner)
                && Enum.TryParse<EvaluationStage>(parts[3], out var stage) && Enum.IsDefined(stage)
                && Enum.TryParse<Respondent>(parts[4], out var respondent) && Enum.IsDefined(respondent)
                ? new EvaluationTicket(booking, learner, stage, respondent)
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
