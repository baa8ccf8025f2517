using System.Security.Cryptography;

namespace SafeguardingSite.Learning.Certificates;

/// <summary>
/// Verification codes: 20 characters of Crockford's base 32 (100 random bits), printed in groups of five. The
/// alphabet leaves out I, L, O and U, and reading accepts those as the digits they look like, so a code typed from a
/// printed sheet still matches.
/// </summary>
public static class CertificateCode
{
    public const int Length = 20;
    public const int MaxInput = 64;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[Length];
        RandomNumberGenerator.Fill(bytes);
        return string.Create(Length, bytes.ToArray(), (chars, random) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[random[i] & 31];
            }
        });
    }

    /// <summary>"ABCDE-FGHJK-MNPQR-STVWX".</summary>
    public static string Display(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return string.Join('-', code.Chunk(5).Select(c => new string(c)));
    }

    /// <summary>
    /// The code as stored, from what someone typed (case, spaces and dashes ignored), or a string that matches no
    /// code when the input is not one; either way the caller looks it up, so a forged code costs what a real one does.
    /// </summary>
    public static string Normalise(string? typed)
    {
        var chars = (typed ?? string.Empty).Where(c => c is not ('-' or ' ')).Select(c => char.ToUpperInvariant(c) switch
        {
            'O' => '0',
            'I' or 'L' => '1',
            var other => other,
        }).ToArray();
        return chars.Length == Length && chars.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? new string(chars) : "-";
    }
}
