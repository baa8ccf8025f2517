using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SafeguardingSite.BackOffice.Audit;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.Content.Services;
using SafeguardingSite.Platform.Mail;

namespace SafeguardingSite.BackOffice.Controllers;

/// <summary>Administrators' screens: users, groups and the audit trail.</summary>
[Area("BackOffice")]
[Authorize(Policy = BackOfficeRegistration.UsersPolicy)]
[AutoValidateAntiforgeryToken]
[Route("umbraco")]
public sealed class UsersController(
    UserManager<BackOfficeUser> users,
    BackOfficeUsers accounts,
    BackOfficeAudit audit,
    ContentService content,
    ILogger<UsersController> logger) : Controller
{
    [HttpGet("users")]
    public async Task<IActionResult> Index()
    {
        var rows = new List<UserRow>();
        foreach (var user in await users.Users.OrderBy(u => u.DisplayName).ThenBy(u => u.Email).ToListAsync())
        {
            rows.Add(new UserRow(user, [.. await users.GetRolesAsync(user)]));
        }

        ViewData["Notice"] = TempData["Notice"];
        return View(rows);
    }

    [HttpGet("users/new")]
    public async Task<IActionResult> Create() => View("Edit", await PageAsync(null, new UserForm { Groups = [UserGroups.Writer] }, null));

    [HttpPost("users/new")]
    public async Task<IActionResult> Create(UserForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        await CheckChoicesAsync(form);
        if (ModelState.IsValid)
        {
            var (user, result) = await accounts.CreateAsync(form.Email, form.DisplayName, form.Groups, form.StartNodes, ActorEmail);
            if (user is not null)
            {
                TempData["Notice"] = await InviteAsync(user);
                return RedirectToAction(nameof(Index));
            }

            FormErrors.Add(ModelState, result);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Edit", await PageAsync(null, form, null));
    }

    [HttpGet("users/{id:guid}")]
    public async Task<IActionResult> Edit(Guid id)
    {
        if (await users.FindByIdAsync(id.ToString()) is not { } user)
        {
            return NotFound();
        }

        var form = new UserForm
        {
            DisplayName = user.DisplayName,
            Email = user.Email ?? string.Empty,
            Groups = [.. await users.GetRolesAsync(user)],
            StartNodes = user.StartNodeKeys,
            Disabled = user.IsDisabled,
        };
        ViewData["Notice"] = TempData["Notice"];
        return View(await PageAsync(id, form, user));
    }

    [HttpPost("users/{id:guid}")]
    public async Task<IActionResult> Edit(Guid id, UserForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await users.FindByIdAsync(id.ToString()) is not { } user)
        {
            return NotFound();
        }

        // The address is the sign-in name and is not changed here; keep it valid for the form's own checks.
        form.Email = user.Email ?? string.Empty;
        ModelState.Remove(nameof(UserForm.Email));
        await CheckChoicesAsync(form);
        if (users.GetUserId(User) == user.Id.ToString())
        {
            if (form.Disabled)
            {
                ModelState.AddModelError(nameof(UserForm.Disabled), "You cannot disable your own account.");
            }

            if (!form.Groups.Contains(UserGroups.Administrator))
            {
                ModelState.AddModelError(nameof(UserForm.Groups), "You cannot take yourself out of the Administrator group.");
            }
        }

        if (ModelState.IsValid)
        {
            var result = await accounts.UpdateAsync(user, form.DisplayName, form.Groups, form.StartNodes, form.Disabled, User);
            if (result.Succeeded)
            {
                TempData["Notice"] = $"Saved {user.DisplayName}.";
                return RedirectToAction(nameof(Edit), new { id });
            }

            FormErrors.Add(ModelState, result);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(await PageAsync(id, form, user));
    }

    [HttpPost("users/{id:guid}/invite")]
    public async Task<IActionResult> Resend(Guid id)
    {
        if (await users.FindByIdAsync(id.ToString()) is not { } user)
        {
            return NotFound();
        }

        TempData["Notice"] = await users.HasPasswordAsync(user)
            ? $"{user.DisplayName} has already chosen a password; they can use \"Forgotten your password?\" on the sign-in page."
            : await InviteAsync(user);
        return RedirectToAction(nameof(Edit), new { id });
    }

    [HttpGet("groups")]
    public async Task<IActionResult> Groups()
    {
        var groups = await accounts.GroupsAsync();
        var counts = new Dictionary<string, int>();
        foreach (var group in groups)
        {
            counts[group.Name!] = (await users.GetUsersInRoleAsync(group.Name!)).Count;
        }

        ViewData["Counts"] = counts;
        return View(groups);
    }

    [HttpGet("groups/{id:guid}")]
    [Authorize(Policy = GroupsPolicy)]
    public async Task<IActionResult> EditGroup(Guid id)
    {
        if (await FindGroupAsync(id) is not { } group)
        {
            return NotFound();
        }

        ViewData["Notice"] = TempData["Notice"];
        var form = new GroupForm { Permissions = [.. await accounts.PermissionsOfAsync(group)], StartNodes = group.StartNodeKeys };
        return View("GroupEdit", new GroupFormPage(group, form, await BranchesAsync()));
    }

    [HttpPost("groups/{id:guid}")]
    [Authorize(Policy = GroupsPolicy)]
    public async Task<IActionResult> EditGroup(Guid id, GroupForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await FindGroupAsync(id) is not { } group)
        {
            return NotFound();
        }

        form.Permissions = [.. form.Permissions.Distinct()];
        form.StartNodes = [.. form.StartNodes.Distinct()];
        if (form.Permissions.Any(p => !BackOfficePermission.All.Contains(p)))
        {
            ModelState.AddModelError(nameof(GroupForm.Permissions), "Choose permissions from the list.");
        }

        var branches = (await BranchesAsync()).Select(b => b.Key).ToHashSet();
        if (form.StartNodes.Any(k => !branches.Contains(k)))
        {
            ModelState.AddModelError(nameof(GroupForm.StartNodes), "Choose sections from the list.");
        }

        if (ModelState.IsValid)
        {
            var result = await accounts.UpdateGroupAsync(group, form.Permissions, form.StartNodes, User);
            if (result.Succeeded)
            {
                TempData["Notice"] = $"Saved the {group.Name} group. Its members get the change within a minute.";
                return RedirectToAction(nameof(EditGroup), new { id });
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(GroupForm.Permissions), error.Description);
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("GroupEdit", new GroupFormPage(group, form, await BranchesAsync()));
    }

    [HttpGet("audit")]
    public async Task<IActionResult> Audit(int page = 1) => View(await audit.ListAsync(page, HttpContext.RequestAborted));

    private const string GroupsPolicy = Extensibility.BackOfficePolicies.Prefix + BackOfficePermission.Groups;

    private async Task<BackOfficeGroup?> FindGroupAsync(Guid id) => (await accounts.GroupsAsync()).FirstOrDefault(g => g.Id == id);

    private string ActorEmail => User.Identity?.Name ?? "unknown";

    private async Task<string> InviteAsync(BackOfficeUser user)
    {
        try
        {
            await accounts.SendInviteAsync(user, User.Identity?.Name ?? "An administrator", HttpContext.RequestAborted);
            return $"Invited {user.DisplayName}: we have emailed {user.Email} a link to choose a password.";
        }
        catch (MailDeliveryException ex)
        {
            logger.LogError(ex, "The invitation email could not be sent.");
            return $"Created {user.DisplayName}, but the invitation email could not be sent. Try \"Send the invitation again\" later.";
        }
    }

    private async Task CheckChoicesAsync(UserForm form)
    {
        var groups = (await accounts.GroupsAsync()).Select(g => g.Name!).ToHashSet();
        if (form.Groups.Count == 0)
        {
            ModelState.AddModelError(nameof(UserForm.Groups), "Choose at least one group.");
        }
        else if (form.Groups.Any(g => !groups.Contains(g)))
        {
            ModelState.AddModelError(nameof(UserForm.Groups), "Choose groups from the list.");
        }

        var branches = (await BranchesAsync()).Select(b => b.Key).ToHashSet();
        if (form.StartNodes.Any(k => !branches.Contains(k)))
        {
            ModelState.AddModelError(nameof(UserForm.StartNodes), "Choose sections from the list.");
        }

        form.Groups = [.. form.Groups.Distinct()];
        form.StartNodes = [.. form.StartNodes.Distinct()];
    }

    /// <summary>The top two levels of the tree: the home pages and their sections, where branch limits are set.</summary>
    private async Task<IReadOnlyList<ContentBranch>> BranchesAsync()
    {
        var branches = new List<ContentBranch>();
        foreach (var root in await content.GetChildrenAsync(null, HttpContext.RequestAborted))
        {
            branches.Add(new ContentBranch(root.Key, root.Name, 0));
            branches.AddRange((await content.GetChildrenAsync(root.Key, HttpContext.RequestAborted)).Select(c => new ContentBranch(c.Key, c.Name, 1)));
        }

        return branches;
    }

    private async Task<UserFormPage> PageAsync(Guid? id, UserForm form, BackOfficeUser? user) =>
        new(id, form, await accounts.GroupsAsync(), await BranchesAsync(),
            user is not null && await users.HasPasswordAsync(user), user?.TwoFactorEnabled == true);
}
