using Microsoft.AspNetCore.Identity;

namespace SafeguardingSite.BackOffice.Identity;

/// <summary>A person who signs in to the back office. The email address is also the user name.</summary>
public sealed class BackOfficeUser : IdentityUser<Guid>
{
    public const int MaxDisplayNameLength = 100;

    public string DisplayName { get; set; } = string.Empty;

    /// <summary>A disabled user keeps their history but cannot sign in; their sessions end at the next stamp check.</summary>
    public bool IsDisabled { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? LastSignInAt { get; set; }

    /// <summary>Branches of the content tree this user may work in; empty means the groups decide.</summary>
    public List<Guid> StartNodeKeys { get; set; } = [];
}

/// <summary>A user group, stored as an Identity role; its permissions are role claims of type <see cref="BackOfficeClaims.Permission"/>.</summary>
public sealed class BackOfficeGroup : IdentityRole<Guid>
{
    public string Description { get; set; } = string.Empty;

    /// <summary>Branches of the content tree the group's members may work in; empty means the whole tree.</summary>
    public List<Guid> StartNodeKeys { get; set; } = [];
}

public static class BackOfficeClaims
{
    public const string Permission = "sg:permission";
    public const string StartNode = "sg:start-node";
    public const string DisplayName = "sg:display-name";
}
