using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace SafeguardingSite.Bulletin.Subscriptions;

/// <summary>
/// Signed, tamper-proof links that stand in for signing in. A confirmation token carries when it was issued (so it
/// expires and only the latest request counts); a manage token carries only the subscriber, because the unsubscribe
/// link in a mail from two years ago must still work.
/// </summary>
public sealed class SubscriptionTokens(IDataProtectionProvider protection)
{
    private const string ConfirmPurpose = "confirm";
    private const string ManagePurpose = "manage";
    private readonly IDataProtector protector = protection.CreateProtector("SafeguardingSite.Bulletin.Links.v1");

    public string ForConfirmation(Guid subscriberId, DateTime issuedAt) =>
        protector.Protect(string.Join('|', ConfirmPurpose, subscriberId.ToString("N"), issuedAt.Ticks.ToString(CultureInfo.InvariantCulture)));

    public string ForManaging(Guid subscriberId) => protector.Protect(string.Join('|', ManagePurpose, subscriberId.ToString("N")));

    public (Guid SubscriberId, DateTime IssuedAt)? ReadConfirmation(string? token)
    {
        var parts = Read(token, ConfirmPurpose, 3);
        return parts is not null && Guid.TryParseExact(parts[1], "N", out var id)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks is >= 0 and <= 3155378975999999999
            ? (id, new DateTime(ticks, DateTimeKind.Utc))
            : null;
    }

    public Guid? ReadManage(string? token)
    {
        var parts = Read(token, ManagePurpose, 2);
        return parts is not null && Guid.TryParseExact(parts[1], "N", out var id) ? id : null;
    }

    private string[]? Read(string? token, string purpose, int count)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            var parts = protector.Unprotect(token).Split('|');
            return parts.Length == count && parts[0] == purpose ? parts : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
