using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using SafeguardingSite.BackOffice.Audit;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.Platform.Mail;

namespace SafeguardingSite.BackOffice.Identity;

public sealed class BackOfficeOptions
{
    public const string SectionName = "BackOffice";

    /// <summary>
    /// The address put in emailed links, e.g. https://www.northdale-scp.example. Taken from configuration, never from
    /// the request's Host header, so a forged header cannot send a reset link to someone else's server.
    /// </summary>
    public string? PublicBaseUrl { get; set; }
}

public enum SetPasswordPurpose
{
    Invite,
    Reset,
}

/// <summary>Creating, inviting and changing back-office users; every change is audited and refreshes the user's claims.</summary>
public sealed class BackOfficeUsers(
    UserManager<BackOfficeUser> users,
    RoleManager<BackOfficeGroup> groups,
    BackOfficeAudit audit,
    IMailSender mail,
    IOptions<MailOptions> mailOptions,
    IOptions<BackOfficeOptions> options,
    TimeProvider clock)
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    public Task<bool> AnyUsersAsync(CancellationToken cancellationToken = default) => users.Users.AnyAsync(cancellationToken);

    /// <summary>Creates a user with no password; they choose one through the link <see cref="SetupLinkAsync"/> makes.</summary>
    public async Task<(BackOfficeUser? User, IdentityResult Result)> CreateAsync(
        string email, string displayName, IReadOnlyCollection<string> groupNames, IReadOnlyCollection<Guid> startNodes, string actor)
    {
        var user = NewUser(email, displayName, startNodes);
        var result = await users.CreateAsync(user);
        if (!result.Succeeded)
        {
            return (null, result);
        }

        if (groupNames.Count > 0)
        {
            await users.AddToRolesAsync(user, groupNames);
        }

        await audit.RecordAsync(AuditActions.UserInvited, actor, user.Email, "Groups: " + string.Join(", ", groupNames));
        return (user, result);
    }

    /// <summary>The first-run screen: only while there are no users at all, and with the password chosen there.</summary>
    public async Task<(BackOfficeUser? User, IdentityResult Result)> InstallAsync(string email, string displayName, string password)
    {
        await InstallGate.WaitAsync();
        try
        {
            if (await AnyUsersAsync())
            {
                return (null, IdentityResult.Failed(new IdentityError { Code = "Installed", Description = "The site already has users." }));
            }

            var user = NewUser(email, displayName, []);
            user.EmailConfirmed = true;
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                return (null, result);
            }

            await users.AddToRoleAsync(user, UserGroups.Administrator);
            await audit.RecordAsync(AuditActions.Installed, user.Email, user.Email, "First-run screen");
            return (user, result);
        }
        finally
        {
            InstallGate.Release();
        }
    }

    /// <summary>An absolute link (relative when no public address is configured) where the user sets their password.</summary>
    public async Task<string> SetupLinkAsync(BackOfficeUser user, SetPasswordPurpose purpose)
    {
        ArgumentNullException.ThrowIfNull(user);
        var token = purpose == SetPasswordPurpose.Invite
            ? await users.GenerateUserTokenAsync(user, InviteTokenProvider.ProviderName, InviteTokenProvider.Purpose)
            : await users.GeneratePasswordResetTokenAsync(user);
        var path = QueryHelpers.AddQueryString("/umbraco/set-password", new Dictionary<string, string?>
        {
            ["user"] = user.Id.ToString(),
            ["purpose"] = purpose.ToString().ToLowerInvariant(),
            ["token"] = token,
        });
        return (options.Value.PublicBaseUrl?.TrimEnd('/') ?? string.Empty) + path;
    }

    public async Task SendInviteAsync(BackOfficeUser user, string invitedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var link = await SetupLinkAsync(user, SetPasswordPurpose.Invite);
        await SendAsync(user, "You have been invited to the Northdale SCP website's back office",
            $"Hello {user.DisplayName},\n\n{invitedBy} has given you an account for editing the website.\n" +
            $"Choose your password here (the link works for 3 days and only once):\n\n{link}\n\n" +
            "If you did not expect this, you can ignore this email.", cancellationToken);
    }

    /// <summary>Sends a reset link when the address belongs to an active user; the caller says the same thing either way.</summary>
    public async Task RequestPasswordResetAsync(string email, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByEmailAsync(email);
        await audit.RecordAsync(AuditActions.PasswordResetRequested, email, detail: user is null ? "No such user" : null, cancellationToken: cancellationToken);
        if (user is null || user.IsDisabled)
        {
            return;
        }

        var link = await SetupLinkAsync(user, SetPasswordPurpose.Reset);
        await SendAsync(user, "Reset your password for the Northdale SCP back office",
            $"Hello {user.DisplayName},\n\nSomeone asked to reset the password for this address. " +
            $"If it was you, choose a new password here (the link works for 2 hours and only once):\n\n{link}\n\n" +
            "If it was not you, ignore this email: your password has not changed.", cancellationToken);
    }

    public async Task<IdentityResult> SetPasswordAsync(Guid userId, SetPasswordPurpose purpose, string token, string password)
    {
        var invalid = IdentityResult.Failed(new IdentityError
        {
            Code = "InvalidToken",
            Description = "This link has expired or has already been used. Ask for a new one.",
        });
        if (await users.FindByIdAsync(userId.ToString()) is not { IsDisabled: false } user)
        {
            return invalid;
        }

        IdentityResult result;
        if (purpose == SetPasswordPurpose.Invite)
        {
            if (await users.HasPasswordAsync(user) ||
                !await users.VerifyUserTokenAsync(user, InviteTokenProvider.ProviderName, InviteTokenProvider.Purpose, token))
            {
                return invalid;
            }

            result = await users.AddPasswordAsync(user, password);
        }
        else
        {
            result = await users.ResetPasswordAsync(user, token, password);
            if (result.Errors.Any(e => e.Code == "InvalidToken"))
            {
                return invalid;
            }
        }

        if (result.Succeeded)
        {
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
            await users.ResetAccessFailedCountAsync(user);
            await users.SetLockoutEndDateAsync(user, null);
            await audit.RecordAsync(AuditActions.PasswordSet, user.Email, detail: purpose == SetPasswordPurpose.Invite ? "From invitation" : "From reset link");
        }

        return result;
    }

    public async Task<IdentityResult> UpdateAsync(
        BackOfficeUser user, string displayName, IReadOnlyCollection<string> groupNames, IReadOnlyCollection<Guid> startNodes, bool disabled, ClaimsPrincipal actor)
    {
        ArgumentNullException.ThrowIfNull(user);
        var actorEmail = actor.FindFirstValue(ClaimTypes.Email) ?? actor.Identity?.Name;
        var wasDisabled = user.IsDisabled;
        user.DisplayName = displayName;
        user.StartNodeKeys = [.. startNodes];
        user.IsDisabled = disabled;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            return result;
        }

        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current.Except(groupNames));
        await users.AddToRolesAsync(user, groupNames.Except(current));

        // Ends the user's sessions or refreshes their claims at the next stamp check.
        await users.UpdateSecurityStampAsync(user);
        var detail = $"Groups: {string.Join(", ", groupNames)}; start nodes: {startNodes.Count}";
        await audit.RecordAsync(AuditActions.UserUpdated, actorEmail, user.Email, detail);
        if (wasDisabled != disabled)
        {
            await audit.RecordAsync(disabled ? AuditActions.UserDisabled : AuditActions.UserEnabled, actorEmail, user.Email);
        }

        return result;
    }

    public async Task<IReadOnlyList<string>> PermissionsOfAsync(BackOfficeGroup group) =>
        [.. (await groups.GetClaimsAsync(group)).Where(c => c.Type == BackOfficeClaims.Permission).Select(c => c.Value)];

    /// <summary>
    /// Sets a group's permissions and branches, unless that would leave no active user able to manage users and groups
    /// (the site would then need a developer to get back in). Members' claims refresh at their next stamp check.
    /// </summary>
    public async Task<IdentityResult> UpdateGroupAsync(BackOfficeGroup group, IReadOnlyCollection<string> permissions, IReadOnlyCollection<Guid> startNodes, ClaimsPrincipal actor)
    {
        ArgumentNullException.ThrowIfNull(group);
        var current = await PermissionsOfAsync(group);
        if (!await SomeoneStillAdministersAsync(group, permissions))
        {
            return IdentityResult.Failed(new IdentityError
            {
                Code = "LastAdministrator",
                Description = "No active user would be left who can manage users and groups. Keep the Users and Groups permissions on this group, or give them to another group with members first.",
            });
        }

        foreach (var removed in current.Except(permissions))
        {
            await groups.RemoveClaimAsync(group, new Claim(BackOfficeClaims.Permission, removed));
        }

        foreach (var added in permissions.Except(current))
        {
            await groups.AddClaimAsync(group, new Claim(BackOfficeClaims.Permission, added));
        }

        group.StartNodeKeys = [.. startNodes];
        var result = await groups.UpdateAsync(group);
        if (!result.Succeeded)
        {
            return result;
        }

        foreach (var member in await users.GetUsersInRoleAsync(group.Name!))
        {
            await users.UpdateSecurityStampAsync(member);
        }

        var detail = $"Permissions: {string.Join(", ", permissions.Order(StringComparer.Ordinal))}; start nodes: {startNodes.Count}";
        await audit.RecordAsync(AuditActions.GroupUpdated, actor.FindFirstValue(ClaimTypes.Email) ?? actor.Identity?.Name, group.Name, detail);
        return result;
    }

    private async Task<bool> SomeoneStillAdministersAsync(BackOfficeGroup changed, IReadOnlyCollection<string> newPermissions)
    {
        string[] required = [BackOfficePermission.Users, BackOfficePermission.Groups];
        foreach (var group in await GroupsAsync())
        {
            var permissions = group.Id == changed.Id ? newPermissions : await PermissionsOfAsync(group);
            if (required.All(permissions.Contains) && (await users.GetUsersInRoleAsync(group.Name!)).Any(u => !u.IsDisabled))
            {
                return true;
            }
        }

        return false;
    }

    public async Task<IReadOnlyList<BackOfficeGroup>> GroupsAsync() => await groups.Roles.OrderBy(g => g.Name).ToListAsync();

    private BackOfficeUser NewUser(string email, string displayName, IReadOnlyCollection<Guid> startNodes) => new()
    {
        UserName = email.Trim(),
        Email = email.Trim(),
        DisplayName = displayName.Trim(),
        StartNodeKeys = [.. startNodes],
        CreatedAt = clock.GetUtcNow().UtcDateTime,
    };

    private async Task SendAsync(BackOfficeUser user, string subject, string text, CancellationToken cancellationToken)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = text } };
        message.From.Add(new MailboxAddress(mailOptions.Value.FromName, mailOptions.Value.FromAddress));
        message.To.Add(new MailboxAddress(user.DisplayName, user.Email ?? throw new InvalidOperationException("The user has no email address.")));
        await mail.SendAsync(message, cancellationToken);
    }
}
