using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SafeguardingSite.Content.Media;

/// <summary>
/// Uploaded files on disk under Media:Folder, one folder per media item: {folder}/{key}/{file-name}. Paths are built
/// only from the item's key and the name the library chose, never from a request path.
/// </summary>
public sealed class MediaFileStore(IOptions<MediaOptions> options, IHostEnvironment environment)
{
    private const string VariantFolder = ".variants";

    private readonly string root = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Folder));

    public static string UrlFor(Guid key, string fileName) => $"/media/{key:N}/{fileName}";

    /// <summary>The file behind a public URL the library issued, or null when the URL is not one of ours.</summary>
    public string? PathFor(Guid key, string fileUrl)
    {
        var prefix = $"/media/{key:N}/";
        if (!fileUrl.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var fileName = fileUrl[prefix.Length..];
        return fileName.Length == 0 || fileName.IndexOfAny(['/', '\\']) >= 0 || fileName.StartsWith('.')
            ? null
            : Path.Combine(root, key.ToString("N"), fileName);
    }

    /// <summary>Writes beside the target and then renames over it, so a reader never sees half a file.</summary>
    public async Task WriteAsync(Guid key, string fileUrl, byte[] content, CancellationToken cancellationToken)
    {
        var path = PathFor(key, fileUrl) ?? throw new ArgumentException($"'{fileUrl}' is not a media file URL for {key}.", nameof(fileUrl));
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var staging = Path.Combine(folder, $".{Guid.NewGuid():N}.upload");
        try
        {
            await File.WriteAllBytesAsync(staging, content, cancellationToken);
            File.Move(staging, path, overwrite: true);
        }
        finally
        {
            File.Delete(staging);
        }
    }

    /// <summary>
    /// Where a resized copy of an item's image is cached. The folder name starts with a dot, which <see cref="PathFor"/>
    /// never accepts, so a cached variant can only be reached through the variant endpoint.
    /// </summary>
    public string VariantPath(Guid key, string variantName) =>
        variantName.IndexOfAny(['/', '\\']) >= 0 || variantName.StartsWith('.')
            ? throw new ArgumentException($"'{variantName}' is not a variant file name.", nameof(variantName))
            : Path.Combine(root, key.ToString("N"), VariantFolder, variantName);

    public void DeleteItemFolder(Guid key)
    {
        var folder = Path.Combine(root, key.ToString("N"));
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
