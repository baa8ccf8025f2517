using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SafeguardingSite.BackOffice.Identity;

/// <summary>Identity's sign-in, except that a disabled user cannot sign in even with the right password.</summary>
public sealed class BackOfficeSignInManager(
    UserManager<BackOfficeUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<BackOfficeUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<BackOfficeUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<BackOfficeUser> confirmation)
    : SignInManager<BackOfficeUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(BackOfficeUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return !user.IsDisabled && await base.CanSignInAsync(user);
    }
}

/// <summary>Invitation links (and the first administrator's set-up link) stay valid longer than a password reset.</summary>
public sealed class InviteTokenProvider(
    Microsoft.AspNetCore.DataProtection.IDataProtectionProvider dataProtection,
    IOptions<InviteTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<BackOfficeUser>> logger)
    : DataProtectorTokenProvider<BackOfficeUser>(dataProtection, options, logger)
{
    public const string ProviderName = "BackOfficeInvite";
    public const string Purpose = "SetPassword";
}

public sealed class InviteTokenProviderOptions : DataProtectionTokenProviderOptions
{
    public InviteTokenProviderOptions()
    {
        Name = InviteTokenProvider.ProviderName;
        TokenLifespan = TimeSpan.FromDays(3);
    }
}
