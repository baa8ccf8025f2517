using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace SafeguardingSite.Learning.Mail;

/// <summary>The public addresses of the learning pages, absolute because they go out in mail, and the signed tokens in them.</summary>
public sealed class LearningLinks(IOptions<LearningOptions> options, IConfiguration configuration, IDataProtectionProvider protection, TimeProvider clock)
{
    public const string ListingPath = "/training";
    public const string CalendarPath = "/training/calendar.ics";
    public const string RegisterPath = "/training/account/register";
    public const string ConfirmPath = "/training/account/confirm";
    public const string SignInPath = "/training/account/sign-in";
    public const string SignInLinkPath = "/training/account/sign-in/link";
    public const string SignOutPath = "/training/account/sign-out";
    public const string MyBookingsPath = "/training/account/bookings";
    public const string ExportPath = "/training/account/export";
    public const string DeletePath = "/training/account/delete";
    public const string OfferPath = "/training/bookings/offer";
    public const string ApprovalPath = "/training/bookings/approve";

    // The expiry travels inside the payload and is checked against the site's clock (the time-limited protector would read the machine's).
    private readonly IDataProtector protector = protection.CreateProtector("SafeguardingSite.Learning.BookingLinks");

    public string BaseUrl => (options.Value.PublicBaseUrl is { Length: > 0 } own ? own
        : configuration["Site:PublicBaseUrl"] is { Length: > 0 } site ? site : "http://localhost").TrimEnd('/');

    public static string CoursePath(string slug) => $"/training/courses/{slug}";

    public static string SessionPath(int sessionId) => $"/training/sessions/{sessionId}";

    public static string SessionCalendarPath(int sessionId) => $"/training/sessions/{sessionId}/calendar.ics";

    public static string BookPath(int sessionId) => $"/training/sessions/{sessionId}/book";

    public static string CancelPath(int bookingId) => $"/training/account/bookings/{bookingId}/cancel";

    public string Absolute(string path) => BaseUrl + path;

    public string WithToken(string path, string token) => $"{BaseUrl}{path}?token={Uri.EscapeDataString(token)}";

    public string OfferToken(int bookingId, DateTime expiresAt) => Protect("offer", bookingId, expiresAt);

    public string ApprovalToken(int bookingId) => Protect("approve", bookingId, clock.GetUtcNow().UtcDateTime.AddDays(30));

    public int? ReadOfferToken(string? token) => Read(token, "offer");

    public int? ReadApprovalToken(string? token) => Read(token, "approve");

    private string Protect(string purpose, int bookingId, DateTime expiresAt) =>
        protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{purpose}:{bookingId}:{expiresAt.Ticks}"));

    private int? Read(string? token, string purpose)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2000)
        {
            return null;
        }

        try
        {
            var parts = protector.Unprotect(token).Split(':');
            return parts.Length == 3 && parts[0] == purpose
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks >= clock.GetUtcNow().UtcDateTime.Ticks
                ? id : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
