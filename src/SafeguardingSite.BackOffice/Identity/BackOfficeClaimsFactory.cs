using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace SafeguardingSite.BackOffice.Identity;

/// <summary>
/// Puts the user's groups (as roles), their permissions and the effective start nodes in the cookie, so permission
/// checks need no database look-up. Changing a user updates their security stamp, which refreshes these claims.
/// </summary>
internal sealed class BackOfficeClaimsFactory(
    UserManager<BackOfficeUser> users,
    RoleManager<BackOfficeGroup> groups,
    IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<BackOfficeUser, BackOfficeGroup>(users, groups, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(BackOfficeUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(BackOfficeClaims.DisplayName, user.DisplayName));
        foreach (var key in await EffectiveStartNodesAsync(user))
        {
            identity.AddClaim(new Claim(BackOfficeClaims.StartNode, key.ToString()));
        }

        return identity;
    }

    /// <summary>The user's own start nodes win; otherwise the union of their groups', unless a group grants the whole tree.</summary>
    private async Task<IReadOnlyCollection<Guid>> EffectiveStartNodesAsync(BackOfficeUser user)
    {
        if (user.StartNodeKeys.Count > 0)
        {
            return user.StartNodeKeys;
        }

        var union = new HashSet<Guid>();
        foreach (var name in await UserManager.GetRolesAsync(user))
        {
            if (await RoleManager.FindByNameAsync(name) is not { } group)
            {
                continue;
            }

            if (group.StartNodeKeys.Count == 0)
            {
                return [];
            }

            union.UnionWith(group.StartNodeKeys);
        }

        return union;
    }
}
