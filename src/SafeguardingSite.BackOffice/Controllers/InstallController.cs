using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using SafeguardingSite.BackOffice.Identity;

namespace SafeguardingSite.BackOffice.Controllers;

/// <summary>The first-run screen: creates the first administrator, and exists only while the site has no users.</summary>
[Area("BackOffice")]
[AllowAnonymous]
[AutoValidateAntiforgeryToken]
[Route("umbraco/install")]
public sealed class InstallController(BackOfficeUsers accounts, BackOfficeSignInManager signIn) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index() => await accounts.AnyUsersAsync() ? NotFound() : View(new InstallForm());

    [HttpPost("")]
    public async Task<IActionResult> Index(InstallForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await accounts.AnyUsersAsync())
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var (user, result) = await accounts.InstallAsync(form.Email, form.DisplayName, form.Password);
            if (user is not null)
            {
                await signIn.SignInAsync(user, isPersistent: false);
                return LocalRedirect("/umbraco");
            }

            if (result.Errors.Any(e => e.Code == "Installed"))
            {
                return NotFound();
            }

            FormErrors.Add(ModelState, result);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(form);
    }
}
