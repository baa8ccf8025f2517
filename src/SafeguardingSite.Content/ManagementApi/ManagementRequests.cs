using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using SafeguardingSite.Content.Services;

namespace SafeguardingSite.Content.ManagementApi;

/// <summary>
/// Reads request bodies and query strings itself, so that every malformed request gets a 400 naming the field at
/// fault, and turns the content engine's <see cref="ContentException"/> into problem details.
/// </summary>
internal static partial class ManagementRequests
{
    public const int MaxJsonBytes = 1024 * 1024;
    public const int DefaultTake = 100;
    public const int MaxTake = 500;

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        MaxDepth = 64,
    };

    public static string UserName(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    public static async Task<T> ReadJsonAsync<T>(HttpRequest request)
        where T : class =>
        await ReadOptionalJsonAsync<T>(request) ?? throw Invalid("body", "Send a JSON object as the request body.");

    /// <summary>The body as <typeparamref name="T"/>, or null when the request has no body at all.</summary>
    public static async Task<T?> ReadOptionalJsonAsync<T>(HttpRequest request)
        where T : class
    {
        if (request.ContentLength == 0 || (request.ContentLength is null && string.IsNullOrEmpty(request.ContentType)))
        {
            return null;
        }

        if (!request.HasJsonContentType())
        {
            throw Invalid("body", "Send the request body as JSON, with Content-Type: application/json.");
        }

        var body = await ReadBoundedAsync(request);
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            // Parsed once on its own so that broken JSON is reported as such, not as a wrongly typed field.
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = Json.MaxDepth });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("body", "The request body must be a JSON object.");
            }
        }
        catch (JsonException ex)
        {
            throw Invalid("body", $"The request body is not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}).");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(body, Json);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is null or "$" ? "body" : ex.Path.TrimStart('$', '.');
            throw Invalid(field, field == "body" ? "The request body is not a valid JSON object for this request." : Explain(ex));
        }
    }

    public static (int Skip, int Take) ReadPaging(HttpRequest request)
    {
        var skip = ReadInt(request, "skip", 0);
        var take = ReadInt(request, "take", DefaultTake);
        var errors = new Dictionary<string, string[]>();
        if (skip < 0)
        {
            errors["skip"] = ["skip must be 0 or more."];
        }

        if (take is < 1 or > MaxTake)
        {
            errors["take"] = [$"take must be between 1 and {MaxTake}."];
        }

        return errors.Count > 0 ? throw new ContentException(ContentErrorKind.Invalid, "The paging parameters need correcting.", errors) : (skip, take);
    }

    public static IResult ToProblem(ContentException ex)
    {
        var status = ex.Kind switch
        {
            ContentErrorKind.Invalid => StatusCodes.Status400BadRequest,
            ContentErrorKind.NotFound => StatusCodes.Status404NotFound,
            ContentErrorKind.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status403Forbidden,
        };
        var title = ex.Kind switch
        {
            ContentErrorKind.Invalid => "The request needs correcting",
            ContentErrorKind.NotFound => "Not found",
            ContentErrorKind.Conflict => "Conflict with the current state",
            _ => "Not allowed",
        };
        return ex.Errors.Count > 0
            ? Results.ValidationProblem(ex.Errors, detail: ex.Message, statusCode: status, title: title)
            : Results.Problem(detail: ex.Message, statusCode: status, title: title);
    }

    public static ContentException Invalid(string field, string message) =>
        new(ContentErrorKind.Invalid, message, new Dictionary<string, string[]> { [field] = [message] });

    private static async Task<byte[]> ReadBoundedAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxJsonBytes)
        {
            throw TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxJsonBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();

        static ContentException TooLarge() => Invalid("body", $"The request body is larger than {MaxJsonBytes / 1024} KB.");
    }

    private static int ReadInt(HttpRequest request, string name, int fallback)
    {
        var raw = request.Query[name].ToString();
        if (raw.Length == 0)
        {
            return fallback;
        }

        return int.TryParse(raw, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Invalid(name, $"{name} must be a whole number.");
    }

    private static string Explain(JsonException ex)
    {
        if (ex.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return "This field is not part of the request.";
        }

        if (ex.Message.Contains("null", StringComparison.OrdinalIgnoreCase) && !ex.Message.Contains("converted", StringComparison.Ordinal))
        {
            return "This field cannot be null.";
        }

        var expected = ConvertedTo().Match(ex.Message) is { Success: true } match ? match.Groups[1].Value : null;
        return expected switch
        {
            null => "This value is not valid JSON here.",
            _ when expected.Contains("Boolean", StringComparison.Ordinal) => "Expected true or false.",
            _ when expected.Contains("Int32", StringComparison.Ordinal) => "Expected a whole number.",
            _ when expected.Contains("Guid", StringComparison.Ordinal) && expected.Contains("List", StringComparison.Ordinal) => "Expected a list of ids (GUIDs).",
            _ when expected.Contains("Guid", StringComparison.Ordinal) => "Expected an id (a GUID).",
            _ when expected.Contains("DateTime", StringComparison.Ordinal) => "Expected a date and time in ISO 8601 form, e.g. 2026-12-01T09:00:00Z.",
            _ when expected.Contains("JsonObject", StringComparison.Ordinal) => "Expected a JSON object.",
            _ when expected.Contains("String", StringComparison.Ordinal) => "Expected text (a JSON string).",
            _ => "This value has the wrong type.",
        };
    }

    [GeneratedRegex(@"converted to ([\w.`\[\]]+)")]
    private static partial Regex ConvertedTo();
}
