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

    private static IResult ServeFile(Guid key, HttpContext context, IPublishedSnapshotAccessor snapshots, MediaFileStore files)
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
        var headers = context.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.ContentSecurityPolicy] = "default-src 'none'; sandbox";
        headers[HeaderNames.CacheControl] = "no-cache"; // revalidate: a replaced or trashed file must not linger
        var downloadName = Path.GetFileName(fileUrl);
        if (format?.IsImage == true)
        {
            headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("inline") { FileNameStar = downloadName }.ToString();
        }

        return Results.File(
            path,
            format?.MimeType ?? "application/octet-stream",
            fileDownloadName: format?.IsImage == true ? null : downloadName,
            lastModified: new DateTimeOffset(DateTime.SpecifyKind(item.UpdateDate, DateTimeKind.Utc)),
            entityTag: new EntityTagHeaderValue($"\"{item.UpdateDate.Ticks:x}-{item.Bytes:x}\""),
            enableRangeProcessing: true);
    }
}
