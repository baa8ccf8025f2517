using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using SafeguardingSite.Content.ManagementApi;

namespace SafeguardingSite.BackOffice.Identity;

/// <summary>
/// Gives the Management API the back office's branch limits: a user signed in by the back-office cookie whose groups
/// (or own settings) name start nodes may only work inside those branches. API keys are not back-office users and keep
/// the scope their key was given.
/// </summary>
internal sealed class ContentBranchAccess(IBackOfficePermissions permissions) : IContentBranchAccess
{
    public async Task<bool> AllowsAsync(ClaimsPrincipal user, Guid? documentKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var backOfficeUser = user.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == IdentityConstants.ApplicationScheme);
        if (!backOfficeUser || !user.HasClaim(c => c.Type == BackOfficeClaims.StartNode))
        {
            return true;
        }

        return documentKey is { } key && await permissions.CanAsync(user, BackOfficePermission.ContentBrowse, key, cancellationToken);
    }
}
