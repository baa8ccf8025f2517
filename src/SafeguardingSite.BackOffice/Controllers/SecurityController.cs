using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using SafeguardingSite.BackOffice.Audit;
using SafeguardingSite.BackOffice.Identity;

namespace SafeguardingSite.BackOffice.Controllers;

/// <summary>A user's own sign-in security: turning on an authenticator app, recovery codes, turning it off.</summary>
[Area("BackOffice")]
[Authorize(Policy = BackOfficeRegistration.SignedInPolicy)]
[AutoValidateAntiforgeryToken]
[Route("umbraco/account/two-factor")]
public sealed class SecurityController(UserManager<BackOfficeUser> users, BackOfficeSignInManager signIn, BackOfficeAudit audit) : Controller
{
    private const string Issuer = "Northdale SCP back office";
    private const int RecoveryCodeCount = 10;

    [HttpGet("")]
    public async Task<IActionResult> Index() => View(await PageAsync(await CurrentUserAsync(), null, new TwoFactorForm()));

    [HttpPost("enable")]
    public async Task<IActionResult> Enable(TwoFactorForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var user = await CurrentUserAsync();
        if (ModelState.IsValid)
        {
            var code = form.Code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
            if (await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                await users.SetTwoFactorEnabledAsync(user, true);
                var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
                await audit.RecordAsync(AuditActions.TwoFactorEnabled, user.Email);
                await signIn.RefreshSignInAsync(user);
                return View(nameof(Index), await PageAsync(user, codes, new TwoFactorForm()));
            }

            ModelState.AddModelError(nameof(TwoFactorForm.Code), "That code is not right. Check the app shows this site and try the newest code.");
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(nameof(Index), await PageAsync(user, null, form));
    }

    [HttpPost("recovery-codes")]
    public async Task<IActionResult> RecoveryCodes()
    {
        var user = await CurrentUserAsync();
        if (!user.TwoFactorEnabled)
        {
            return RedirectToAction(nameof(Index));
        }

        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        await audit.RecordAsync(AuditActions.RecoveryCodesGenerated, user.Email);
        return View(nameof(Index), await PageAsync(user, codes, new TwoFactorForm()));
    }

    [HttpPost("disable")]
    public async Task<IActionResult> Disable()
    {
        var user = await CurrentUserAsync();
        await users.SetTwoFactorEnabledAsync(user, false);

        // A new key, so a copy of the old one left in an app is no use to anyone.
        await users.ResetAuthenticatorKeyAsync(user);
        await audit.RecordAsync(AuditActions.TwoFactorDisabled, user.Email);
        await signIn.RefreshSignInAsync(user);
        return RedirectToAction(nameof(Index));
    }

    private async Task<BackOfficeUser> CurrentUserAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("The signed-in user no longer exists.");

    private async Task<TwoFactorSetupPage> PageAsync(BackOfficeUser user, IReadOnlyList<string>? newCodes, TwoFactorForm form)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key was made.");
        }

        var uri = string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user.Email ?? string.Empty)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30");
        return new TwoFactorSetupPage(user.TwoFactorEnabled, Grouped(key), uri, await users.CountRecoveryCodesAsync(user), newCodes, form);
    }

    /// <summary>Groups of four are easier to type into a phone.</summary>
    private static string Grouped(string key)
    {
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            grouped.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return grouped.ToString().TrimEnd().ToLowerInvariant();
    }
}
