using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace SafeguardingSite.Content.ManagementApi;

/// <summary>
/// Signs in a caller presenting <c>Authorization: Bearer sgk_…</c>. The principal has the key's name and its user
/// group as a role, the same shape a back-office user will have, so one set of policies serves both.
/// Deliberately not the Delivery API's <c>Api-Key</c> header: a preview key must never open the Management API.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyService keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "sg:api-key";
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var key = await keys.AuthenticateAsync(header[BearerPrefix.Length..].Trim(), Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is not valid or has been revoked.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, key.Key.ToString()),
                new Claim(ClaimTypes.Name, $"apikey:{key.Name}"),
                new Claim(ClaimTypes.Role, key.Group),
                new Claim(KeyIdClaim, key.Key.ToString()),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        await Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Authentication required",
            detail: result.Failure?.Message ?? "Send an API key as 'Authorization: Bearer sgk_…'. An administrator issues keys with 'apikey create'.")
            .ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var groups = string.Join(", ", Context.User.FindAll(ClaimTypes.Role).Select(c => c.Value));
        await Results.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Not allowed",
            detail: $"The {groups} group may not do this.")
            .ExecuteAsync(Context);
    }
}
