using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using SafeguardingSite.BackOffice.Audit;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Platform.Mail;

namespace SafeguardingSite.BackOffice.Controllers;

/// <summary>Sign-in, two-factor sign-in, sign-out, forgotten password and the set-password link.</summary>
[Area("BackOffice")]
[AllowAnonymous]
[AutoValidateAntiforgeryToken]
[Route("umbraco")]
public sealed class AccountController(
    BackOfficeSignInManager signIn,
    UserManager<BackOfficeUser> users,
    BackOfficeUsers accounts,
    BackOfficeAudit audit,
    TimeProvider clock,
    ILogger<AccountController> logger) : Controller
{
    /// <summary>One message for a wrong address, a wrong password, a disabled or a locked account: none of them is revealed.</summary>
    internal const string SignInFailedMessage =
        "The email address or password is not right. After 5 wrong tries an account is locked for 15 minutes; you can reset your password at any time.";

    internal const string ResetSentMessage =
        "If that address belongs to a back-office user, we have sent it a link to choose a new password. The link works for 2 hours.";

    [HttpGet("login")]
    public IActionResult Login(string? returnUrl, bool passwordSet = false)
    {
        ViewData["Notice"] = passwordSet ? "Your password is set. You can sign in now." : null;
        return View(new LoginForm { ReturnUrl = LocalReturnUrl(returnUrl) });
    }

    [HttpPost("login")]
    public async Task<IActionResult> Login(LoginForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        form.ReturnUrl = LocalReturnUrl(form.ReturnUrl);
        if (!ModelState.IsValid)
        {
            return Invalid(form);
        }

        var email = form.Email.Trim();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            await audit.RecordAsync(AuditActions.SignInFailed, email, detail: "No such user");
            return Failed(form);
        }

        var result = await signIn.PasswordSignInAsync(user, form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return await SignedInAsync(user, form.ReturnUrl, "Password");
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToAction(nameof(TwoFactor), new { returnUrl = form.ReturnUrl });
        }

        await audit.RecordAsync(result.IsLockedOut ? AuditActions.LockedOut : AuditActions.SignInFailed, user.Email,
            detail: result.IsNotAllowed ? "Account disabled" : result.IsLockedOut ? "Locked for 15 minutes" : "Wrong password");
        return Failed(form);
    }

    [HttpGet("login/two-factor")]
    public async Task<IActionResult> TwoFactor(string? returnUrl) =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null
            ? RedirectToAction(nameof(Login))
            : View(new TwoFactorForm { ReturnUrl = LocalReturnUrl(returnUrl) });

    [HttpPost("login/two-factor")]
    public async Task<IActionResult> TwoFactor(TwoFactorForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        form.ReturnUrl = LocalReturnUrl(form.ReturnUrl);
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return RedirectToAction(nameof(Login));
        }

        if (!ModelState.IsValid)
        {
            return Invalid(form);
        }

        var code = form.Code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        var byApp = code.Length == 6 && code.All(char.IsAsciiDigit);
        var result = byApp
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(form.Code.Trim());
        if (result.Succeeded)
        {
            if (!byApp)
            {
                await audit.RecordAsync(AuditActions.RecoveryCodeUsed, user.Email);
            }

            return await SignedInAsync(user, form.ReturnUrl, byApp ? "Password and authenticator app" : "Password and recovery code");
        }

        await audit.RecordAsync(result.IsLockedOut ? AuditActions.LockedOut : AuditActions.SignInFailed, user.Email, detail: "Wrong two-factor code");
        ModelState.AddModelError(nameof(TwoFactorForm.Code), result.IsLockedOut ? SignInFailedMessage : "That code is not right. Codes change every 30 seconds.");
        return Invalid(form);
    }

    [HttpPost("logout")]
    public async Task<IActionResult> Logout()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            await audit.RecordAsync(AuditActions.SignedOut, User.Identity.Name);
        }

        await signIn.SignOutAsync();
        return RedirectToAction(nameof(Login));
    }

    [HttpGet("forgot-password")]
    public IActionResult ForgotPassword() => View(new ForgotPasswordForm());

    [HttpPost("forgot-password")]
    public async Task<IActionResult> ForgotPassword(ForgotPasswordForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!ModelState.IsValid)
        {
            return Invalid(form);
        }

        try
        {
            await accounts.RequestPasswordResetAsync(form.Email.Trim(), HttpContext.RequestAborted);
        }
        catch (MailDeliveryException ex)
        {
            // Saying so would tell the visitor the address exists; the failure is for the logs.
            logger.LogError(ex, "The password reset email could not be sent.");
        }

        ViewData["Notice"] = ResetSentMessage;
        return View(nameof(ForgotPassword), new ForgotPasswordForm());
    }

    [HttpGet("set-password")]
    public IActionResult SetPassword(Guid user, string? purpose, string? token) =>
        View(new SetPasswordForm { User = user, Purpose = purpose == "reset" ? "reset" : "invite", Token = token ?? string.Empty });

    [HttpPost("set-password")]
    public async Task<IActionResult> SetPassword(SetPasswordForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!ModelState.IsValid)
        {
            return Invalid(form);
        }

        var purpose = form.Purpose == "reset" ? SetPasswordPurpose.Reset : SetPasswordPurpose.Invite;
        var result = await accounts.SetPasswordAsync(form.User, purpose, form.Token, form.Password);
        if (!result.Succeeded)
        {
            FormErrors.Add(ModelState, result);
            return Invalid(form);
        }

        return RedirectToAction(nameof(Login), new { passwordSet = true });
    }

    [HttpGet("access-denied")]
    public IActionResult AccessDenied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }

    private async Task<IActionResult> SignedInAsync(BackOfficeUser user, string? returnUrl, string method)
    {
        user.LastSignInAt = clock.GetUtcNow().UtcDateTime;
        await users.UpdateAsync(user);
        await audit.RecordAsync(AuditActions.SignInSucceeded, user.Email, detail: method);
        return LocalRedirect(returnUrl ?? "/umbraco");
    }

    private IActionResult Failed(LoginForm form)
    {
        ModelState.AddModelError(string.Empty, SignInFailedMessage);
        return Invalid(form);
    }

    private ViewResult Invalid(object form)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(form);
    }

    /// <summary>Only back-office addresses on this site: an open redirect would make a convincing phishing link.</summary>
    private string? LocalReturnUrl(string? returnUrl) =>
        returnUrl is { Length: < 2000 } && Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith("/umbraco", StringComparison.OrdinalIgnoreCase)
            ? returnUrl
            : null;
}
