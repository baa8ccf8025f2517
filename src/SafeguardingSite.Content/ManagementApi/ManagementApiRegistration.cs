using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SafeguardingSite.Content.ManagementApi;

/// <summary>The authenticated JSON API for automation, migrations and tests, under /umbraco/management/api/v1.</summary>
public static class ManagementApiRegistration
{
    public static IServiceCollection AddManagementApi(this IServiceCollection services, IConfiguration configuration) => services;

    public static IEndpointRouteBuilder MapManagementApi(this IEndpointRouteBuilder endpoints) => endpoints;
}
