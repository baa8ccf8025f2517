using Microsoft.AspNetCore.Identity;

namespace SafeguardingSite.BackOffice.Identity;

/// <summary>
/// Length is the main defence (12 characters or more, any characters, no composition rules); this refuses the
/// passwords attackers try first, and ones made from the user's own address or the organisation's name.
/// </summary>
internal sealed class CommonPasswordValidator : IPasswordValidator<BackOfficeUser>
{
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "123456789012", "1234567890123", "12345678901234", "123456123456", "111111111111", "000000000000",
        "password1234", "password12345", "password123456", "passwordpassword", "password!234", "p@ssw0rd1234",
        "qwertyuiop12", "qwertyuiopasdf", "qwerty123456", "qwertyqwerty", "1q2w3e4r5t6y", "1qaz2wsx3edc",
        "iloveyou1234", "letmein12345", "welcome12345", "welcome123456", "administrator", "administrator1",
        "changeme1234", "abc123abc123", "abcdefghijkl", "football1234", "baseball1234", "sunshine1234",
        "monkey123456", "dragon123456", "trustno11234", "superman1234", "princess1234", "starwars1234",
        "correcthorsebatterystaple", "letmeinletmein", "masterpassword", "123qweasdzxc", "zaq12wsxcde3",
    };

    private static readonly string[] OrganisationWords = ["northdale", "safeguarding", "umbraco"];

    public Task<IdentityResult> ValidateAsync(UserManager<BackOfficeUser> manager, BackOfficeUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var trimmed = password.Trim();
        var localPart = user.Email?.Split('@')[0] ?? string.Empty;
        var guessable = Common.Contains(trimmed)
            || trimmed.Distinct().Count() <= 2
            || OrganisationWords.Any(w => trimmed.Contains(w, StringComparison.OrdinalIgnoreCase) && trimmed.Length - w.Length < 6)
            || (localPart.Length >= 4 && trimmed.Contains(localPart, StringComparison.OrdinalIgnoreCase));
        return Task.FromResult(guessable
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "CommonPassword",
                Description = "This password is too easy to guess. Try three or four unrelated words together.",
            })
            : IdentityResult.Success);
    }
}
