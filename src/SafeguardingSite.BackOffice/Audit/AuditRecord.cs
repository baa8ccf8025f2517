namespace SafeguardingSite.BackOffice.Audit;

/// <summary>One security-relevant event: who did what to whom, when and from where.</summary>
public sealed class AuditRecord
{
    public const int MaxTextLength = 256;
    public const int MaxDetailLength = 1000;

    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string Action { get; set; }

    /// <summary>The signed-in user's email, or the address typed at sign-in, or "command-line".</summary>
    public string? Actor { get; set; }

    /// <summary>The user or group acted on, when not the actor.</summary>
    public string? Subject { get; set; }
    public string? Detail { get; set; }
    public string? IpAddress { get; set; }
}

/// <summary>The action names written to the trail; the audit screen shows them as they are.</summary>
public static class AuditActions
{
    public const string SignInSucceeded = "sign-in";
    public const string SignInFailed = "sign-in failed";
    public const string LockedOut = "locked out";
    public const string SignedOut = "sign-out";
    public const string PasswordResetRequested = "password reset requested";
    public const string PasswordSet = "password set";
    public const string TwoFactorEnabled = "two-factor enabled";
    public const string TwoFactorDisabled = "two-factor disabled";
    public const string RecoveryCodesGenerated = "recovery codes generated";
    public const string RecoveryCodeUsed = "recovery code used";
    public const string Installed = "first administrator created";
    public const string UserInvited = "user invited";
    public const string UserUpdated = "user updated";
    public const string UserDisabled = "user disabled";
    public const string UserEnabled = "user enabled";
    public const string GroupsSeeded = "groups seeded";
    public const string GroupUpdated = "group updated";
}
