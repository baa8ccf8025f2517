using System.ComponentModel.DataAnnotations;
using SafeguardingSite.BackOffice.Audit;
using SafeguardingSite.BackOffice.Identity;

namespace SafeguardingSite.BackOffice.Controllers;

public sealed class LoginForm
{
    [Required(ErrorMessage = "Enter your email address.")]
    [StringLength(256, ErrorMessage = "An email address is at most 256 characters.")]
    [Display(Name = "Email address")]
    public string Email { get; set; } = string.Empty;

    [Required(ErrorMessage = "Enter your password.")]
    [StringLength(512, ErrorMessage = "A password is at most 512 characters.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = string.Empty;

    public string? ReturnUrl { get; set; }
}

public sealed class TwoFactorForm
{
    [Required(ErrorMessage = "Enter the code from your authenticator app, or a recovery code.")]
    [StringLength(64, ErrorMessage = "That is too long to be a code.")]
    [Display(Name = "Code")]
    public string Code { get; set; } = string.Empty;

    public string? ReturnUrl { get; set; }
}

public sealed class ForgotPasswordForm
{
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter an email address like name@example.org.")]
    [StringLength(256, ErrorMessage = "An email address is at most 256 characters.")]
    [Display(Name = "Email address")]
    public string Email { get; set; } = string.Empty;
}

public class NewPasswordForm
{
    [Required(ErrorMessage = "Choose a password of at least 12 characters.")]
    [StringLength(512, MinimumLength = 12, ErrorMessage = "Choose a password of at least 12 characters.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string Password { get; set; } = string.Empty;

    [Required(ErrorMessage = "Type the password again.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
    [DataType(DataType.Password)]
    [Display(Name = "Type it again")]
    public string ConfirmPassword { get; set; } = string.Empty;
}

public sealed class SetPasswordForm : NewPasswordForm
{
    public Guid User { get; set; }
    public string Purpose { get; set; } = "invite";
    public string Token { get; set; } = string.Empty;
}

public sealed class InstallForm : NewPasswordForm
{
    [Required(ErrorMessage = "Enter your name.")]
    [StringLength(BackOfficeUser.MaxDisplayNameLength, ErrorMessage = "A name is at most 100 characters.")]
    [Display(Name = "Your name")]
    public string DisplayName { get; set; } = string.Empty;

    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter an email address like name@example.org.")]
    [StringLength(256, ErrorMessage = "An email address is at most 256 characters.")]
    [Display(Name = "Email address")]
    public string Email { get; set; } = string.Empty;
}

public sealed class UserForm
{
    [Required(ErrorMessage = "Enter the person's name.")]
    [StringLength(BackOfficeUser.MaxDisplayNameLength, ErrorMessage = "A name is at most 100 characters.")]
    [Display(Name = "Name")]
    public string DisplayName { get; set; } = string.Empty;

    [Required(ErrorMessage = "Enter the person's email address.")]
    [EmailAddress(ErrorMessage = "Enter an email address like name@example.org.")]
    [StringLength(256, ErrorMessage = "An email address is at most 256 characters.")]
    [Display(Name = "Email address")]
    public string Email { get; set; } = string.Empty;

    public List<string> Groups { get; set; } = [];

    public List<Guid> StartNodes { get; set; } = [];

    [Display(Name = "Disabled (cannot sign in)")]
    public bool Disabled { get; set; }
}

public sealed class GroupForm
{
    public List<string> Permissions { get; set; } = [];

    public List<Guid> StartNodes { get; set; } = [];
}

public sealed record GroupFormPage(BackOfficeGroup Group, GroupForm Form, IReadOnlyList<ContentBranch> Branches);

public sealed record ContentBranch(Guid Key, string Name, int Level);

public sealed record UserFormPage(Guid? Id, UserForm Form, IReadOnlyList<BackOfficeGroup> AllGroups, IReadOnlyList<ContentBranch> Branches, bool HasPassword, bool TwoFactorEnabled);

public sealed record UserRow(BackOfficeUser User, IReadOnlyList<string> Groups);

public sealed record TwoFactorSetupPage(bool Enabled, string SharedKey, string AuthenticatorUri, int RecoveryCodesLeft, IReadOnlyList<string>? NewRecoveryCodes, TwoFactorForm Form);

public sealed record AuditListPage(AuditPage Page);
