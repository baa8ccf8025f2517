using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using SafeguardingSite.Content.Published;

namespace SafeguardingSite.Content.Media;

public static class MediaLibraryRegistration
{
    public static IServiceCollection AddMediaLibrary(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MediaOptions>(configuration.GetSection(MediaOptions.SectionName));
        services.AddSingleton<MediaFileStore>();
        services.AddSingleton<MediaService>();
        services.AddSingleton<MediaUsageService>();
        services.AddSingleton<ImageVariants>();
        return services;
    }

    /// <summary>
    /// Serves library files at their public URL from the published snapshot (no database query). Uploaded files are
    /// treated as hostile: the stored type is the only type sent, browsers may not sniff, and nothing can run as script.
    /// </summary>
    public static IEndpointRouteBuilder MapMediaFiles(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/media/{key:guid}/{fileName}", [HttpMethods.Get, HttpMethods.Head], ServeFile);
        return endpoints;
    }

    /// <summary>
    /// GET /media/{key}/{file} sends the original; ?w= with one of <see cref="ImageVariants.Widths"/> sends a resized
    /// copy of an image (the original when it is not wider). Any other width is refused, so the set of files the server
    /// can be made to produce stays small.
    /// </summary>
    private static async Task<IResult> ServeFile(Guid key, HttpContext context, IPublishedSnapshotAccessor snapshots, MediaFileStore files, ImageVariants variants)
    {
        var item = snapshots.Current.FindMedia(key);
        if (item?.FileUrl is not { } fileUrl
            || !string.Equals(fileUrl, context.Request.Path.Value, StringComparison.OrdinalIgnoreCase)
            || files.PathFor(key, fileUrl) is not { } path
            || !File.Exists(path))
        {
            return Results.NotFound();
        }

        var format = MediaFormat.All.FirstOrDefault(f => f.MimeType == item.MimeType);
        if (context.Request.Query.TryGetValue("w", out var requestedWidth))
        {
            if (format?.IsImage != true)
            {
                return WidthProblem($"'{item.Name}' is not an image, so it has no resized copies.");
            }

            if (requestedWidth.Count != 1 || !int.TryParse(requestedWidth.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var width)
                || !ImageVariants.IsAllowedWidth(width))
            {
                return WidthProblem($"w must be one of {string.Join(", ", ImageVariants.Widths)}.");
            }

            path = await variants.GetAsync(item, path, width, context.RequestAborted) ?? path;
        }

        var headers = context.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; sandbox";
        headers[HeaderNames.CacheControl] = "no-cache"; // revalidate: a replaced or trashed file must not linger
        var downloadName = Path.GetFileName(fileUrl);
        if (format?.IsImage == true)
        {
            headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("inline") { FileNameStar = downloadName }.ToString();
        }

        var length = new FileInfo(path).Length;
        return Results.File(
            path,
            format?.MimeType ?? "application/octet-stream",
            fileDownloadName: format?.IsImage == true ? null : downloadName,
            lastModified: new DateTimeOffset(DateTime.SpecifyKind(item.UpdateDate, DateTimeKind.Utc)),
            entityTag: new EntityTagHeaderValue($"\"{item.UpdateDate.Ticks:x}-{length:x}\""),
            enableRangeProcessing: true);
    }

    private static IResult WidthProblem(string detail) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { ["w"] = [detail] }, detail: detail, title: "The request needs correcting");
}
