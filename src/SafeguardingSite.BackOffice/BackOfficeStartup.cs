using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SafeguardingSite.BackOffice.Audit;
using SafeguardingSite.BackOffice.Data;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Content.Hosting;
using SafeguardingSite.Platform.Data;

namespace SafeguardingSite.BackOffice;

/// <summary>
/// Migrates the back-office tables and adds any seeded group that is missing. Existing groups are left as an
/// administrator changed them. Runs with the content start-up, so maintenance commands get it too.
/// </summary>
internal sealed class BackOfficeStartup(BackOfficeDbContext db, RoleManager<BackOfficeGroup> groups, BackOfficeAudit audit) : IContentStartupStep
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await db.Database.MigrateExclusivelyAsync(cancellationToken);
        var added = new List<string>();
        foreach (var definition in BackOfficeGroups.Seeded)
        {
            if (await groups.RoleExistsAsync(definition.Name))
            {
                continue;
            }

            var group = new BackOfficeGroup { Name = definition.Name, Description = definition.Description };
            if (!await TryCreateAsync(group))
            {
                continue;
            }

            foreach (var permission in definition.Permissions)
            {
                Check(await groups.AddClaimAsync(group, new Claim(BackOfficeClaims.Permission, permission)));
            }

            added.Add(definition.Name);
        }

        if (added.Count > 0)
        {
            await audit.RecordAsync(AuditActions.GroupsSeeded, "system", detail: string.Join(", ", added), cancellationToken: cancellationToken);
        }
    }

    /// <summary>
    /// Creates a group unless another web node starting at the same moment created it first (then that node adds
    /// its permissions): its name is taken by the time this one checks, or the unique index refuses the second row.
    /// </summary>
    private async Task<bool> TryCreateAsync(BackOfficeGroup group)
    {
        try
        {
            var result = await groups.CreateAsync(group);
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateRoleName)))
            {
                return false;
            }

            Check(result);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await groups.RoleExistsAsync(group.Name!))
            {
                return false;
            }

            throw;
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Seeding the user groups failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
