using SafeguardingSite.Platform.Commands;

namespace SafeguardingSite.Web.Commands;

/// <summary>Runs a maintenance command (migrations and first-boot import included) instead of the web server.</summary>
public static class SiteCommandRunner
{
    private const string Help = "help";

    /// <summary>True when the first argument is "help" or the first word of a command some module registered.</summary>
    public static bool IsCommand(WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        return args is [var first, ..]
            && (first.Equals(Help, StringComparison.OrdinalIgnoreCase)
                || app.Services.GetServices<ISiteCommand>().Any(c => c.Name.Split(' ')[0].Equals(first, StringComparison.OrdinalIgnoreCase)));
    }

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        var commands = app.Services.GetServices<ISiteCommand>().ToList();
        var line = string.Join(' ', args);
        var command = commands
            .Where(c => line.Equals(c.Name, StringComparison.OrdinalIgnoreCase) || line.StartsWith(c.Name + " ", StringComparison.OrdinalIgnoreCase))
            .MaxBy(c => c.Name.Length);
        if (command is null)
        {
            await Console.Out.WriteLineAsync("Commands:");
            foreach (var known in commands.OrderBy(c => c.Name))
            {
                await Console.Out.WriteLineAsync($"  {known.Name,-20} {known.Description}");
            }

            return args[0].Equals(Help, StringComparison.OrdinalIgnoreCase) ? 0 : 2;
        }

        // Commands need a migrated database, so run the start-up work without opening the web server.
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        foreach (var hosted in app.Services.GetServices<IHostedService>().OfType<SafeguardingSite.Content.Hosting.ContentStartup>())
        {
            await hosted.StartAsync(lifetime.ApplicationStopping);
        }

        var arguments = args.Skip(command.Name.Split(' ').Length).ToList();
        return await command.RunAsync(arguments, Console.Out, lifetime.ApplicationStopping);
    }
}
