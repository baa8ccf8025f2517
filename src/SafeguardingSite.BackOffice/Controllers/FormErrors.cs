using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace SafeguardingSite.BackOffice.Controllers;

/// <summary>Puts Identity's errors beside the field they are about, so the form shows them where the user looks.</summary>
internal static class FormErrors
{
    public static void Add(ModelStateDictionary state, IdentityResult result, string passwordField = "Password", string emailField = "Email")
    {
        foreach (var error in result.Errors)
        {
            var field = error.Code switch
            {
                _ when error.Code.StartsWith("Password", StringComparison.Ordinal) || error.Code == "CommonPassword" => passwordField,
                "DuplicateEmail" or "InvalidEmail" => emailField,
                "DuplicateUserName" or "InvalidUserName" => emailField,
                _ => string.Empty,
            };
            var message = error.Code switch
            {
                "DuplicateUserName" or "DuplicateEmail" => "There is already a user with this email address.",
                "InvalidUserName" => "Use only letters, digits and - . _ @ + in the email address.",
                "PasswordTooShort" => "Choose a password of at least 12 characters.",
                _ => error.Description,
            };
            if (state[field]?.Errors.Any(e => e.ErrorMessage == message) != true)
            {
                state.AddModelError(field, message);
            }
        }
    }
}

/// <summary>What one form field needs to render its label, hint, error and kept value.</summary>
public sealed record FormField(string Name, string Label, string? Value, string Type, string? Autocomplete, string? Hint, string? Error, bool Required)
{
    public string Id => FieldIds.For(Name);

    public static FormField For(ModelStateDictionary state, string name, string label, string? value, string type = "text",
        string? autocomplete = null, string? hint = null, bool required = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        var error = state.TryGetValue(name, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
        return new FormField(name, label, type == "password" ? null : value, type, autocomplete, hint, error, required);
    }
}
