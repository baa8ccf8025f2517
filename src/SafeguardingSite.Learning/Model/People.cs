namespace SafeguardingSite.Learning.Model;

public enum OrganisationSector
{
    LocalAuthority,
    Health,
    Police,
    Education,
    EarlyYears,
    VoluntaryCommunity,
    Private,
    Other,
}

/// <summary>An employing organisation from the managed list learners choose from; the body charges are invoiced to.</summary>
public sealed class Organisation
{
    public int Id { get; set; }
    public string Name { get; set; } = string.Empty;
    public OrganisationSector Sector { get; set; }

    /// <summary>A statutory or named partner of the safeguarding partnership.</summary>
    public bool IsPartnerAgency { get; set; }

    /// <summary>Never charged (for example an agency that supplies trainers in kind).</summary>
    public bool IsChargeExempt { get; set; }

    /// <summary>Retired organisations stay for old bookings and invoices but are no longer offered at registration.</summary>
    public bool IsActive { get; set; } = true;
}

/// <summary>A practitioner's account. Signed in by emailed single-use links, so there is no password to keep.</summary>
public sealed class Learner
{
    public int Id { get; set; }

    /// <summary>An individual work address, trimmed and lower-cased; unique.</summary>
    public string Email { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public string JobRole { get; set; } = string.Empty;
    public int OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public string WorkArea { get; set; } = string.Empty;
    public string ManagerEmail { get; set; } = string.Empty;
    public bool EmailConfirmed { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public DateTime? LastSignedInAt { get; set; }
}

public enum LearnerLinkPurpose
{
    ConfirmEmail,
    SignIn,
}

/// <summary>
/// An emailed link. Only a hash of its secret is stored; using it stamps <see cref="UsedAt"/> with a conditional
/// UPDATE so two clicks on the same link cannot both succeed.
/// </summary>
public sealed class LearnerLink
{
    public long Id { get; set; }
    public int LearnerId { get; set; }
    public LearnerLinkPurpose Purpose { get; set; }
    public string TokenHash { get; set; } = string.Empty;
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
}
