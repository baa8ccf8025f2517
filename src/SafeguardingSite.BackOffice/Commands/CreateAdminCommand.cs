using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.Platform.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace SafeguardingSite.BackOffice.Commands;

/// <summary>
/// user create-admin &lt;email&gt; [display name]: creates an administrator with no password and prints a one-time link
/// where they choose one. There is never a default password.
/// </summary>
public sealed class CreateAdminCommand(IServiceScopeFactory scopes) : ISiteCommand
{
    public string Name => "user create-admin";

    public string Description => "Create an administrator and print their one-time set-password link: user create-admin <email> [name]";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        if (arguments.Count < 1 || !arguments[0].Contains('@', StringComparison.Ordinal))
        {
            await output.WriteLineAsync("Usage: user create-admin <email> [display name]");
            return 2;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<BackOfficeUsers>();
        var email = arguments[0];
        var name = arguments.Count > 1 ? string.Join(' ', arguments.Skip(1)) : email.Split('@')[0];
        var (user, result) = await users.CreateAsync(email, name, [UserGroups.Administrator], [], "command-line");
        if (user is null)
        {
            foreach (var error in result.Errors)
            {
                await output.WriteLineAsync(error.Description);
            }

            return 1;
        }

        await output.WriteLineAsync($"Created administrator {user.Email}.");
        await output.WriteLineAsync("Open this link within 3 days to choose the password (it works once):");
        await output.WriteLineAsync(await users.SetupLinkAsync(user, SetPasswordPurpose.Invite));
        return 0;
    }
}
