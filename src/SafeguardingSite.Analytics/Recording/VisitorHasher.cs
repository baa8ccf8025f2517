using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SafeguardingSite.Analytics.Recording;

/// <summary>
/// The visitor identity: HMAC-SHA256 keyed with the day's secret salt over IP, user agent and site host, cut to 64 bits.
/// The same person counts once a day and cannot be followed across days, because the salt is new each day and deleted.
/// </summary>
internal static class VisitorHasher
{
    public static long Hash(byte[] salt, string ipAddress, string userAgent, string site)
    {
        var input = Encoding.UTF8.GetBytes(string.Join('\n', ipAddress, userAgent, site.ToLowerInvariant()));
        Span<byte> digest = stackalloc byte[32];
        HMACSHA256.HashData(salt, input, digest);
        return BinaryPrimitives.ReadInt64LittleEndian(digest);
    }
}
