using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static SafeguardingSite.Content.ManagementApi.ManagementRequests;

namespace SafeguardingSite.Content.ManagementApi;

/// <summary>Administrators issue and revoke keys; the first administrator key comes from the apikey command.</summary>
internal static class ApiKeyEndpoints
{
    public static void MapApiKeyEndpoints(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/api-key").RequireAuthorization(ManagementPolicies.Admin);

        keys.MapGet("/", async (ApiKeyService service, CancellationToken cancellationToken) =>
            Results.Ok((await service.ListAsync(cancellationToken)).Select(ApiKeyResponse.From).ToList()));

        keys.MapPost("/", async (HttpContext context, ApiKeyService service) =>
        {
            var body = await ReadJsonAsync<CreateApiKeyRequest>(context.Request);
            var issued = await service.CreateAsync(body.Name, body.Group, UserName(context.User), context.RequestAborted);
            var record = issued.Record;
            return Results.Created(
                $"{ManagementApiRegistration.BasePath}/api-key/{record.Key}",
                new IssuedApiKeyResponse(record.Key, record.Name, record.Group, record.CreatedAt, issued.Token));
        });

        keys.MapDelete("/{id:guid}", async (Guid id, HttpContext context, ApiKeyService service) =>
            Results.Ok(ApiKeyResponse.From(await service.RevokeAsync(id, UserName(context.User), context.RequestAborted))));
    }
}
