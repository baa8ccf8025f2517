using System.Security.Claims;

namespace SafeguardingSite.Learning.Accounts;

/// <summary>The learners' own cookie scheme, apart from the back office's: signing in to one never signs you in to the other.</summary>
public static class LearnerAuthentication
{
    public const string Scheme = "Learner";
    public const string CookieName = ".Northdale.Learner";
    public const string LearnerIdClaim = "learner_id";

    public static int? LearnerId(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.AuthenticationType == Scheme
            && int.TryParse(user.FindFirstValue(LearnerIdClaim), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id : null;
    }

    public static ClaimsPrincipal Principal(int learnerId, string email) =>
        new(new ClaimsIdentity(
        [
            new Claim(LearnerIdClaim, learnerId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Email, email),
        ], Scheme));
}
