using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SafeguardingSite.Content.Media;
using SafeguardingSite.Content.Services;
using SafeguardingSite.Platform.Commands;

namespace SafeguardingSite.Content.ManagementApi;

/// <summary>The authenticated JSON API for automation, migrations and tests, under /umbraco/management/api/v1.</summary>
public static class ManagementApiRegistration
{
    public const string BasePath = "/umbraco/management/api/v1";

    public static IServiceCollection AddManagementApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ApiKeyService>();
        services.TryAddSingleton<IContentBranchAccess, UnlimitedBranchAccess>();
        services.AddSingleton<ISiteCommand, ApiKeyCreateCommand>();
        services.AddSingleton<ISiteCommand, ApiKeyListCommand>();
        services.AddSingleton<ISiteCommand, ApiKeyRevokeCommand>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, configureOptions: null);
        services.AddAuthorizationBuilder().AddManagementPolicies();
        return services;
    }

    public static IEndpointRouteBuilder MapManagementApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(BasePath)
            .RequireAuthorization(ManagementPolicies.ContentWrite)
            .AddEndpointFilter(async (context, next) =>
            {
                try
                {
                    return await next(context);
                }
                catch (ContentException ex)
                {
                    return ManagementRequests.ToProblem(ex);
                }
            });
        api.MapDocumentEndpoints();
        api.MapSchemaEndpoints();
        api.MapMediaEndpoints();
        api.MapApiKeyEndpoints();
        api.MapFallback(() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
            detail: "There is no Management API endpoint at this address and method. See docs/management-api.md."));

        endpoints.MapMediaFiles();
        return endpoints;
    }
}
