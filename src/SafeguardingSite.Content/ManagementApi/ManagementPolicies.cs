using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

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
/// Authorization policies shared by the Management API and the back office. A caller is signed in by an API key or by
/// the back office's Identity cookie; either way the principal carries its group as a role. A cookie is sent by the
/// browser on its own, so unsafe requests signed in by cookie must also carry an antiforgery token.
/// </summary>
public static class ManagementPolicies
{
    /// <summary>Browse, create and update content and media: every group.</summary>
    public const string ContentWrite = "content.write";

    /// <summary>Publish, unpublish, move, sort, roll back, schedule, trash and delete: editors and administrators.</summary>
    public const string ContentPublish = "content.publish";

    /// <summary>Manage API keys and other site settings: administrators.</summary>
    public const string Admin = "admin";

    private static readonly string[] AuthenticationSchemes = [ApiKeyAuthenticationHandler.SchemeName, IdentityConstants.ApplicationScheme];

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
        policy.AddAuthenticationSchemes(AuthenticationSchemes).RequireAuthenticatedUser().RequireRole(groups)
            .AddRequirements(new CookieAntiforgeryRequirement());
    }
}

/// <summary>
/// Refuses a POST, PUT, PATCH or DELETE signed in by the back-office cookie unless it carries a valid antiforgery token
/// (the <c>RequestVerificationToken</c> header the back office's pages provide), so another site cannot make a
/// signed-in editor's browser publish or delete. API-key callers are not affected: a browser never adds their header.
/// </summary>
internal sealed class CookieAntiforgeryRequirement : AuthorizationHandler<CookieAntiforgeryRequirement>, IAuthorizationRequirement
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, CookieAntiforgeryRequirement requirement)
    {
        var signedInByCookie = context.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == IdentityConstants.ApplicationScheme);
        if (!signedInByCookie)
        {
            context.Succeed(requirement);
            return;
        }

        if (context.Resource is not HttpContext http)
        {
            context.Fail(new AuthorizationFailureReason(this, "A cookie-signed-in request could not be checked for an antiforgery token."));
            return;
        }

        var method = http.Request.Method;
        var safe = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
        if (safe || await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this, "The request has no valid antiforgery token."));
        }
    }
}
