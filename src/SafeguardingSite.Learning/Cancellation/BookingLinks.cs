using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace SafeguardingSite.Learning.Cancellation;

/// <summary>
/// The signed link in a booking confirmation that lets the learner cancel or hand the place to a colleague without
/// signing in. It names the booking and the learner it was sent to, so once a place has been handed on the old
/// holder's link stops working and the colleague's own link takes over.
/// </summary>
public sealed class BookingLinks(IDataProtectionProvider protection, IOptions<LearningOptions> options, IConfiguration configuration)
{
    public const string ManagePath = "/training/my-booking";
    public const string CancelPath = ManagePath + "/cancel";
    public const string SubstitutePath = ManagePath + "/substitute";
    private const string Purpose = "booking";
    private readonly IDataProtector protector = protection.CreateProtector("SafeguardingSite.Learning.BookingLinks.v1");

    public string BaseUrl => (options.Value.PublicBaseUrl is { Length: > 0 } own ? own
        : configuration["Site:PublicBaseUrl"] is { Length: > 0 } site ? site : "http://localhost").TrimEnd('/');

    public string Token(int bookingId, int learnerId) =>
        protector.Protect(string.Join('|', Purpose, bookingId.ToString(CultureInfo.InvariantCulture), learnerId.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The absolute link for the confirmation email.</summary>
    public string Manage(int bookingId, int learnerId) => $"{BaseUrl}{ManagePath}?token={Uri.EscapeDataString(Token(bookingId, learnerId))}";

    public (int BookingId, int LearnerId)? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            var parts = protector.Unprotect(token).Split('|');
            return parts.Length == 3 && parts[0] == Purpose
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var booking)
                && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var learner)
                ? (booking, learner)
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
