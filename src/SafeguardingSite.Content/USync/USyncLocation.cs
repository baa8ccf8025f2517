using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SafeguardingSite.Content.Hosting;

namespace SafeguardingSite.Content.USync;

/// <summary>
/// Where the uSync folder is: the configured path, else the repository's <c>uSync</c> folder found by walking up from
/// the content root (so `dotnet run` in a checkout uses the committed files), else a <c>uSync</c> folder next to the app.
/// </summary>
public sealed class USyncLocation(IOptions<ContentOptions> options, IHostEnvironment environment)
{
    public const string FolderName = "uSync";

    public string Root { get; } = Resolve(options.Value.USyncFolder, environment.ContentRootPath);

    private static string Resolve(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, contentRoot);
        }

        for (var directory = new DirectoryInfo(contentRoot); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, FolderName);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.Combine(AppContext.BaseDirectory, FolderName);
    }
}
