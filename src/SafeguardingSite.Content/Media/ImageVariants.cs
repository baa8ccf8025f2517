using System.Globalization;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Processing;
using SafeguardingSite.Content.Published;

namespace SafeguardingSite.Content.Media;

/// <summary>
/// Smaller copies of library images for responsive pages (srcset), made on first request with ImageSharp and kept on
/// disk beside the original. Only a fixed set of widths exists, so a caller cannot make the server resize to any size
/// it likes, and an image is never enlarged: a width at or above the original is the original.
/// </summary>
public sealed class ImageVariants(MediaFileStore files) : IDisposable
{
    /// <summary>Above this many pixels an upload is served only as it is: decoding it would take too much memory.</summary>
    public const long MaxResizablePixels = 40_000_000;

    public static IReadOnlyList<int> Widths { get; } = [320, 640, 1024, 1600];

    /// <summary>Resizing is CPU-heavy; two at a time keeps a burst of first requests from starving page rendering.</summary>
    private readonly SemaphoreSlim resizeGate = new(2, 2);

    public static bool IsAllowedWidth(int width) => Widths.Contains(width);

    /// <summary>True when the item is an image this class can make smaller copies of.</summary>
    public static bool CanResize(PublishedMedia media) =>
        media is { Width: > 0, Height: > 0, FileUrl: not null } && (long)media.Width * media.Height!.Value <= MaxResizablePixels
        && EncoderFor(media.MimeType) is not null;

    /// <summary>The widths worth offering for an image: the allowed ones smaller than the image itself.</summary>
    public static IReadOnlyList<int> WidthsFor(PublishedMedia media) =>
        CanResize(media) ? Widths.Where(w => w < media.Width).ToList() : [];

    /// <summary>The srcset value for an image: each smaller copy and the original at its own width; null when there is nothing to choose.</summary>
    public static string? SrcSet(PublishedMedia media)
    {
        ArgumentNullException.ThrowIfNull(media);
        var widths = WidthsFor(media);
        if (widths.Count == 0)
        {
            return null;
        }

        return string.Join(", ", widths.Select(w => string.Create(CultureInfo.InvariantCulture, $"{media.FileUrl}?w={w} {w}w"))
            .Append(string.Create(CultureInfo.InvariantCulture, $"{media.FileUrl} {media.Width}w")));
    }

    /// <summary>The cached copy at the width, made now if it is missing; null means serve the original (it is not larger).</summary>
    public async Task<string?> GetAsync(PublishedMedia media, string originalPath, int width, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(media);
        if (!IsAllowedWidth(width))
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "Not one of the allowed variant widths.");
        }

        if (!CanResize(media) || width >= media.Width)
        {
            return null;
        }

        var extension = Path.GetExtension(originalPath);
        var stamp = string.Create(CultureInfo.InvariantCulture, $"{media.UpdateDate.Ticks:x}-{media.Bytes:x}");
        var path = files.VariantPath(media.Key, string.Create(CultureInfo.InvariantCulture, $"{width}-{stamp}{extension}"));
        if (File.Exists(path))
        {
            return path;
        }

        await resizeGate.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(path))
            {
                await ResizeAsync(originalPath, path, width, EncoderFor(media.MimeType)!, cancellationToken);
                RemoveStale(path, stamp);
            }

            return path;
        }
        finally
        {
            resizeGate.Release();
        }
    }

    public void Dispose() => resizeGate.Dispose();

    private static async Task ResizeAsync(string originalPath, string path, int width, IImageEncoder encoder, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var staging = Path.Combine(folder, $".{Guid.NewGuid():N}.resize");
        try
        {
            using (var image = await Image.LoadAsync(originalPath, cancellationToken))
            {
                // Camera metadata can carry where a photo was taken; a public copy has no need of it.
                image.Metadata.ExifProfile = null;
                image.Metadata.XmpProfile = null;
                // A height of 0 keeps the proportions while the width stays exactly the one srcset promised.
                image.Mutate(x => x.AutoOrient().Resize(width, 0));
                await using var output = File.Create(staging);
                await image.SaveAsync(output, encoder, cancellationToken);
            }

            File.Move(staging, path, overwrite: true);
        }
        finally
        {
            File.Delete(staging);
        }
    }

    /// <summary>Copies made from an earlier version of the file are never asked for again once it is replaced.</summary>
    private static void RemoveStale(string currentPath, string stamp)
    {
        foreach (var old in Directory.EnumerateFiles(Path.GetDirectoryName(currentPath)!).Where(f => IsStale(Path.GetFileName(f), stamp)))
        {
            try
            {
                File.Delete(old);
            }
            catch (IOException)
            {
                // Another request is still sending it; the next replacement tidies it up.
            }
        }
    }

    /// <summary>Files being written (names starting with a dot) belong to a resize in progress and are left alone.</summary>
    private static bool IsStale(string fileName, string stamp) =>
        !fileName.StartsWith('.') && !fileName.Contains(stamp, StringComparison.Ordinal);

    private static IImageEncoder? EncoderFor(string? mimeType) => mimeType switch
    {
        "image/jpeg" => new JpegEncoder { Quality = 82 },
        "image/png" => new PngEncoder(),
        "image/gif" => new GifEncoder(),
        "image/webp" => new WebpEncoder(),
        _ => null,
    };
}
