using Microsoft.AspNetCore.Authorization;

namespace SafeguardingSite.Content.ManagementApi;

/// <summary>The user groups, as in Umbraco: a principal carries its group as a role claim, whatever signed it in.</summary>
public static class UserGroups
{
    public const string Administrator = "Administrator";
    public const string Editor = "Editor";
    public const string Writer = "Writer";

    public static IReadOnlyList<string> All { get; } = [Administrator, Editor, Writer];

    /// <summary>The group's canonical spelling, or null when there is no such group.</summary>
    public static string? Find(string? name) => All.FirstOrDefault(g => string.Equals(g, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Authorization policies shared by the Management API and, later, the back office. Each policy lists the schemes that
/// may sign a caller in; the back office adds its cookie scheme to <see cref="AuthenticationSchemes"/>, and its users
/// carry their group as a role just as API keys do.
/// </summary>
public static class ManagementPolicies
{
    /// <summary>Browse, create and update content and media: every group.</summary>
    public const string ContentWrite = "content.write";

    /// <summary>Publish, unpublish, move, sort, roll back, schedule, trash and delete: editors and administrators.</summary>
    public const string ContentPublish = "content.publish";

    /// <summary>Manage API keys and other site settings: administrators.</summary>
    public const string Admin = "admin";

    private static readonly string[] AuthenticationSchemes = [ApiKeyAuthenticationHandler.SchemeName];

    public static AuthorizationBuilder AddManagementPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddPolicy(ContentWrite, p => Require(p, UserGroups.Writer, UserGroups.Editor, UserGroups.Administrator))
            .AddPolicy(ContentPublish, p => Require(p, UserGroups.Editor, UserGroups.Administrator))
            .AddPolicy(Admin, p => Require(p, UserGroups.Administrator));
    }

    private static void Require(AuthorizationPolicyBuilder policy, params string[] groups)
    {
        policy.AddAuthenticationSchemes(AuthenticationSchemes).RequireAuthenticatedUser().RequireRole(groups);
    }
}
