using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SafeguardingSite.Bulletin.Bounces;
using SafeguardingSite.Bulletin.Model;
using SafeguardingSite.Bulletin.Subscriptions;
using SafeguardingSite.Bulletin.Tracking;

namespace SafeguardingSite.Bulletin.Api;

/// <summary>Endpoints reached from outside the back office: the mail provider's bounce reports, and tracked opens and clicks.</summary>
internal static class BulletinPublicEndpoints
{
    public const string BouncesPath = "/api/bulletin/bounces";
    public const string SecretHeader = "X-Bulletin-Bounce-Secret";
    private const int MaxBounceBytes = 16 * 1024;
    private const int MaxDiagnostic = 1000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        MaxDepth = 4,
    };

    // The smallest transparent GIF: 1×1, one colour.
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public static void MapBulletinPublicEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(BouncesPath, ReportBounceAsync).DisableAntiforgery();

        endpoints.MapGet(TrackingLinks.ClickPath, async (HttpRequest request, TrackingLinks links, TrackingRecorder recorder, CancellationToken ct) =>
        {
            if (links.ReadClick(request.Query["t"]) is not { } click)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid link", detail: "This link is not one the bulletin sent.");
            }

            await recorder.RecordAsync(click.DeliveryId, TrackingKind.Click, click.Url, ct);
            return Results.Redirect(click.Url);
        });

        endpoints.MapGet(TrackingLinks.OpenPath, async (HttpRequest request, HttpResponse response, TrackingLinks links, TrackingRecorder recorder, CancellationToken ct) =>
        {
            if (links.ReadOpen(request.Query["t"]) is { } delivery)
            {
                await recorder.RecordAsync(delivery, TrackingKind.Open, null, ct);
            }

            response.Headers.CacheControl = "no-store";
            return Results.Bytes(Pixel, "image/gif");
        });
    }

    private static async Task<IResult> ReportBounceAsync(HttpRequest request, IOptions<BulletinOptions> options, BounceReports bounces, CancellationToken ct)
    {
        if (options.Value.BounceSecret is not { Length: > 0 } secret || !SameSecret(secret, request.Headers[SecretHeader]))
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not authorised", detail: $"Send the shared secret in the {SecretHeader} header.");
        }

        if (!request.HasJsonContentType())
        {
            return Invalid("body", "Send a JSON object with Content-Type: application/json.");
        }

        if (request.ContentLength > MaxBounceBytes)
        {
            return Invalid("body", $"A bounce report must be at most {MaxBounceBytes / 1024} KB.");
        }

        BounceInput? input;
        try
        {
            using var limited = new MemoryStream();
            await request.Body.CopyToAsync(limited, ct);
            if (limited.Length > MaxBounceBytes)
            {
                return Invalid("body", $"A bounce report must be at most {MaxBounceBytes / 1024} KB.");
            }

            input = JsonSerializer.Deserialize<BounceInput>(limited.ToArray(), Json);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            return Invalid(field, $"The value at '{field}' is not valid JSON of the expected type.");
        }

        var errors = new Dictionary<string, string[]>();
        var email = input?.Email?.Trim() ?? string.Empty;
        if (email.Length == 0 || email.Length > BulletinLimits.Email || !SubscriberValidation.IsEmail(email))
        {
            errors["email"] = ["Give the bounced address as a valid email address."];
        }

        BounceKind? kind = input?.Kind?.Trim().ToLowerInvariant() switch
        {
            "hard" => BounceKind.Hard,
            "soft" => BounceKind.Soft,
            "complaint" => BounceKind.Complaint,
            _ => null,
        };
        if (kind is null)
        {
            errors["kind"] = ["Kind must be one of: hard, soft, complaint."];
        }

        if ((input?.Diagnostic?.Length ?? 0) > MaxDiagnostic)
        {
            errors["diagnostic"] = [$"Diagnostic must be at most {MaxDiagnostic} characters."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, detail: "The bounce report has fields that need correcting.");
        }

        var outcome = await bounces.ReportAsync(email, kind!.Value, input!.Diagnostic, ct);
        return Results.Json(new { outcome = JsonNamingPolicy.CamelCase.ConvertName(outcome.ToString()) }, statusCode: StatusCodes.Status202Accepted);
    }

    private static bool SameSecret(string expected, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(given)));

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message);

    private sealed class BounceInput
    {
        public string? Email { get; set; }
        public string? Kind { get; set; }
        public string? Diagnostic { get; set; }
    }
}
