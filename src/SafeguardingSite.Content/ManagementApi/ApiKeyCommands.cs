using System.Globalization;
using SafeguardingSite.Platform.Commands;

namespace SafeguardingSite.Content.ManagementApi;

/// <summary>apikey create &lt;name&gt; &lt;group&gt;: issues a key and prints its token, the only time it is shown.</summary>
public sealed class ApiKeyCreateCommand(ApiKeyService keys) : ISiteCommand
{
    public string Name => "apikey create";

    public string Description => "Issue a Management API key: apikey create <name> <Administrator|Editor|Writer>";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        if (arguments.Count < 2)
        {
            await output.WriteLineAsync("Usage: apikey create <name> <Administrator|Editor|Writer>");
            return 2;
        }

        return await ApiKeyCommandOutput.ReportAsync(output, async () =>
        {
            var issued = await keys.CreateAsync(string.Join(' ', arguments.SkipLast(1)), arguments[^1], "command-line", cancellationToken);
            await output.WriteLineAsync($"Created API key {issued.Record.Key} '{issued.Record.Name}' ({issued.Record.Group}).");
            await output.WriteLineAsync("Token (shown only now; store it in a secret store):");
            await output.WriteLineAsync(issued.Token);
        });
    }
}

public sealed class ApiKeyListCommand(ApiKeyService keys) : ISiteCommand
{
    public string Name => "apikey list";

    public string Description => "List Management API keys (never their secrets)";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var key in await keys.ListAsync(cancellationToken))
        {
            var state = key.RevokedAt is { } revoked ? "revoked " + revoked.ToString("u", CultureInfo.InvariantCulture) : "active";
            await output.WriteLineAsync($"{key.Key}  {key.Group,-13}  {state,-28}  {key.Name}");
        }

        return 0;
    }
}

public sealed class ApiKeyRevokeCommand(ApiKeyService keys) : ISiteCommand
{
    public string Name => "apikey revoke";

    public string Description => "Revoke a Management API key at once: apikey revoke <id>";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        if (arguments.Count != 1 || !Guid.TryParse(arguments[0], out var id))
        {
            await output.WriteLineAsync("Usage: apikey revoke <id>   (the id is shown by 'apikey list')");
            return 2;
        }

        return await ApiKeyCommandOutput.ReportAsync(output, async () =>
        {
            var key = await keys.RevokeAsync(id, "command-line", cancellationToken);
            await output.WriteLineAsync($"Revoked API key {key.Key} '{key.Name}'.");
        });
    }
}

internal static class ApiKeyCommandOutput
{
    /// <summary>Turns a refused request into readable lines and exit code 1 instead of a stack trace.</summary>
    public static async Task<int> ReportAsync(TextWriter output, Func<Task> action)
    {
        try
        {
            await action();
            return 0;
        }
        catch (Services.ContentException ex)
        {
            await output.WriteLineAsync(ex.Message);
            foreach (var message in ex.Errors.SelectMany(e => e.Value))
            {
                await output.WriteLineAsync("  " + message);
            }

            return 1;
        }
    }
}
