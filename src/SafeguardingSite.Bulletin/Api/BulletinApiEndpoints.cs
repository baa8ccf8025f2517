using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SafeguardingSite.Bulletin.Editions;
using SafeguardingSite.Bulletin.Model;
using SafeguardingSite.Bulletin.Sending;
using SafeguardingSite.Bulletin.Subscriptions;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.Platform.Mail;

namespace SafeguardingSite.Bulletin.Api;

/// <summary>
/// Editors' JSON API until the back-office screens exist: editions (compose, preview, test, send, progress) and the
/// managed lists. Writers may compose; sending to subscribers and changing the lists needs an editor.
/// </summary>
internal static class BulletinApiEndpoints
{
    private const int MaxBodyBytes = 256 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        MaxDepth = 16,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void MapBulletinApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(ManagementApiRegistration.BasePath + "/bulletin").RequireAuthorization(ManagementPolicies.ContentWrite);
        api.MapGet("/editions", async (EditionService editions, CancellationToken ct) =>
            Results.Json((await editions.ListAsync(ct)).Select(ToJson), Json));
        api.MapPost("/editions", async (HttpRequest request, EditionService editions, CancellationToken ct) =>
        {
            var (input, problem) = await ReadEditionAsync(request);
            if (problem is not null)
            {
                return problem;
            }

            var edition = await editions.CreateAsync(input!, ct);
            return Results.Json(ToJson(edition), Json, statusCode: StatusCodes.Status201Created);
        });
        api.MapGet("/editions/{id:guid}", async (Guid id, EditionService editions, CancellationToken ct) =>
            await editions.FindAsync(id, ct) is { } edition ? Results.Json(ToJson(edition), Json) : NotFound());
        api.MapPut("/editions/{id:guid}", async (Guid id, HttpRequest request, EditionService editions, CancellationToken ct) =>
        {
            var (input, problem) = await ReadEditionAsync(request);
            if (problem is not null)
            {
                return problem;
            }

            try
            {
                return await editions.UpdateAsync(id, input!, ct) is { } edition ? Results.Json(ToJson(edition), Json) : NotFound();
            }
            catch (InvalidOperationException ex)
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already sent", detail: ex.Message);
            }
        });
        api.MapGet("/editions/{id:guid}/preview", async (Guid id, EditionService editions, BulletinMessages messages, CancellationToken ct) =>
        {
            if (await editions.FindAsync(id, ct) is not { } edition)
            {
                return NotFound();
            }

            var message = messages.Preview(edition, "preview@example.invalid", test: false);
            return Results.Json(new { subject = message.Subject, html = message.HtmlBody, text = message.TextBody }, Json);
        });
        api.MapPost("/editions/{id:guid}/test", async (Guid id, HttpRequest request, EditionService editions, BulletinMessages messages,
            IMailSender mail, CancellationToken ct) =>
        {
            var (body, problem) = await ReadAsync<TestSendInput>(request);
            if (problem is not null)
            {
                return problem;
            }

            var validation = SubscriberValidation.Validate(
                new SubscribeForm { Email = body!.Email, Name = "x", ServiceArea = "0", Consent = true }, []).Errors;
            if (validation.ContainsKey(nameof(SubscribeForm.Email)))
            {
                return Invalid("email", "Give one valid email address to send the test to.");
            }

            if (await editions.FindAsync(id, ct) is not { } edition)
            {
                return NotFound();
            }

            var message = messages.Preview(edition, body.Email!.Trim(), test: true);
            try
            {
                await mail.SendAsync(message, ct);
            }
            catch (MailDeliveryException ex)
            {
                return Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The test could not be sent", detail: ex.Message);
            }

            return Results.Json(new { sentTo = body.Email.Trim() }, Json);
        });
        api.MapPost("/editions/{id:guid}/send", async (Guid id, HttpRequest request, EditionService editions, CancellationToken ct) =>
        {
            var (body, problem) = request.ContentLength is null or 0 && string.IsNullOrEmpty(request.ContentType)
                ? (new SendInput(), null)
                : await ReadAsync<SendInput>(request);
            if (problem is not null)
            {
                return problem;
            }

            if (await editions.FindAsync(id, ct) is null)
            {
                return NotFound();
            }

            var at = body!.At?.UtcDateTime;
            return await editions.SendAsync(id, at, ct)
                ? Results.Json(await editions.ProgressAsync(id, ct), Json, statusCode: StatusCodes.Status202Accepted)
                : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already sending", detail: "This edition has already been sent or is being sent.");
        }).RequireAuthorization(ManagementPolicies.ContentPublish);
        api.MapGet("/editions/{id:guid}/progress", async (Guid id, EditionService editions, CancellationToken ct) =>
            await editions.ProgressAsync(id, ct) is { } progress ? Results.Json(progress, Json) : NotFound());

        api.MapGet("/lists/{kind}", async (string kind, BulletinLists lists, CancellationToken ct) =>
            ParseKind(kind) is { } k
                ? Results.Json((await lists.AllAsync(ct)).Where(c => c.Kind == k).Select(c => new { c.Id, c.Name, c.SortOrder, c.IsActive }), Json)
                : UnknownList());
        api.MapPost("/lists/{kind}", async (string kind, HttpRequest request, BulletinLists lists, CancellationToken ct) =>
        {
            var (body, problem) = await ReadChoiceAsync(request);
            if (problem is not null)
            {
                return problem;
            }

            if (ParseKind(kind) is not { } k)
            {
                return UnknownList();
            }

            if ((await lists.AllAsync(ct)).Any(c => c.Kind == k && string.Equals(c.Name, body!.Name!.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already listed", detail: "An entry with that name is already in the list.");
            }

            var choice = await lists.AddAsync(k, body!.Name!.Trim(), ct);
            return Results.Json(new { choice.Id, choice.Name, choice.SortOrder, choice.IsActive }, Json, statusCode: StatusCodes.Status201Created);
        }).RequireAuthorization(ManagementPolicies.ContentPublish);
        api.MapPut("/lists/{kind}/{id:int}", async (string kind, int id, HttpRequest request, BulletinLists lists, CancellationToken ct) =>
        {
            var (body, problem) = await ReadChoiceAsync(request);
            if (problem is not null)
            {
                return problem;
            }

            if (ParseKind(kind) is not { } k)
            {
                return UnknownList();
            }

            var choice = await lists.UpdateAsync(k, id, body!.Name!.Trim(), body.SortOrder ?? 0, body.IsActive ?? true, ct);
            return choice is null ? NotFound() : Results.Json(new { choice.Id, choice.Name, choice.SortOrder, choice.IsActive }, Json);
        }).RequireAuthorization(ManagementPolicies.ContentPublish);
    }

    private static object ToJson(Edition e) => new
    {
        e.Id, e.Slug, kind = JsonNamingPolicy.CamelCase.ConvertName(e.Kind.ToString()), e.Title, e.Intro, e.Items, e.TargetServiceAreaIds, e.TargetTopicIds,
        status = e.Status.ToString(), e.TrackingEnabled, e.CreatedAt, e.UpdatedAt, e.ScheduledFor, e.SendStartedAt, e.SentAt,
    };

    private static ChoiceKind? ParseKind(string kind) => kind switch
    {
        "service-areas" => ChoiceKind.ServiceArea,
        "topics" => ChoiceKind.Topic,
        _ => null,
    };

    private static async Task<(EditionInput? Input, IResult? Problem)> ReadEditionAsync(HttpRequest request)
    {
        var (input, problem) = await ReadAsync<EditionInput>(request);
        if (problem is not null)
        {
            return (null, problem);
        }

        var errors = EditionService.Validate(input!);
        return errors.Count > 0 ? (null, Results.ValidationProblem(errors, detail: "The edition has fields that need correcting.")) : (input, null);
    }

    private static async Task<(ChoiceInput? Input, IResult? Problem)> ReadChoiceAsync(HttpRequest request)
    {
        var (input, problem) = await ReadAsync<ChoiceInput>(request);
        if (problem is not null)
        {
            return (null, problem);
        }

        return string.IsNullOrWhiteSpace(input!.Name) || input.Name.Trim().Length > BulletinLimits.ChoiceName
            ? (null, Invalid("name", $"Name is required and at most {BulletinLimits.ChoiceName} characters."))
            : (input, null);
    }

    private static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Invalid("body", "Send a JSON object with Content-Type: application/json."));
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, Invalid("body", $"The request body must be at most {MaxBodyBytes / 1024} KB."));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return (null, Invalid("body", $"The request body must be at most {MaxBodyBytes / 1024} KB."));
            }
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.ToArray(), Json);
            return value is null ? (null, Invalid("body", "Send a JSON object as the request body.")) : (value, null);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            return (null, Invalid(field, $"The value at '{field}' is not valid JSON of the expected type."));
        }
    }

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message);

    private static IResult NotFound() =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "There is no bulletin edition with that id.");

    private static IResult UnknownList() =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The lists are 'service-areas' and 'topics'.");

    private sealed class TestSendInput
    {
        public string? Email { get; set; }
    }

    private sealed class SendInput
    {
        public DateTimeOffset? At { get; set; }
    }

    private sealed class ChoiceInput
    {
        public string? Name { get; set; }
        public int? SortOrder { get; set; }
        public bool? IsActive { get; set; }
    }
}
