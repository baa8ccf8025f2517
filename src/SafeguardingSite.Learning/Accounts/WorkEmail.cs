using System.Net.Mail;

namespace SafeguardingSite.Learning.Accounts;

/// <summary>
/// Learner accounts belong to one person: bookings, certificates and charges follow the individual, so team or
/// reception inboxes that several people read are refused.
/// </summary>
public static class WorkEmail
{
    private static readonly HashSet<string> SharedMailboxes = new(StringComparer.OrdinalIgnoreCase)
    {
        "office", "admin", "administrator", "info", "information", "enquiries", "enquiry", "reception", "contact", "hello",
        "mail", "team", "general", "staff", "bookings", "training", "safeguarding", "school", "headteacher", "noreply", "no-reply",
    };

    /// <summary>Trimmed and lower-cased, so one address is one learner however it was typed.</summary>
    public static string Normalise(string? email) => (email ?? string.Empty).Trim().ToLowerInvariant();

    /// <summary>Null when the address is usable; otherwise the message to show next to the field.</summary>
    public static string? Problem(string? email, string label = "Email address")
    {
        var address = Normalise(email);
        if (address.Length == 0)
        {
            return $"Enter your {label.ToLowerInvariant()}.";
        }

        if (address.Length > LearningLimits.Email || !IsWellFormed(address))
        {
            return $"Enter a valid {label.ToLowerInvariant()}, like name@organisation.org.uk.";
        }

        return null;
    }

    /// <summary>As <see cref="Problem"/>, and also refuses shared inboxes: for the learner's own address.</summary>
    public static string? IndividualProblem(string? email)
    {
        if (Problem(email) is { } problem)
        {
            return problem;
        }

        // "office@" and "office.team@" are shared; "information.governance.lead@" names one person's role and is not.
        var local = Normalise(email).Split('@')[0];
        var words = local.Split('.', '-', '_', '+');
        return words.All(SharedMailboxes.Contains)
            ? "Use your own work email address, not a shared inbox such as office@ or admin@. Each person needs their own account."
            : null;
    }

    private static bool IsWellFormed(string address)
    {
        if (address.Count(c => c == '@') != 1 || address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '"' or ',' or ';'))
        {
            return false;
        }

        var at = address.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && address.IndexOf('.', at) > at + 1 && !address.EndsWith('.')
            && MailAddress.TryCreate(address, out var parsed) && parsed.Address == address;
    }
}
