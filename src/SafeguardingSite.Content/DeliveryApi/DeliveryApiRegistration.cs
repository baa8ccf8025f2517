using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SafeguardingSite.Content.DeliveryApi;

/// <summary>Umbraco-compatible Content Delivery API v2 under /umbraco/delivery/api/v2, served from the published snapshot.</summary>
public static class DeliveryApiRegistration
{
    public static IServiceCollection AddDeliveryApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DeliveryApiOptions>(configuration.GetSection(DeliveryApiOptions.SectionName));
        return services;
    }

    public static IEndpointRouteBuilder MapDeliveryApi(this IEndpointRouteBuilder endpoints)
    {
        DeliveryEndpoints.Map(endpoints);
        return endpoints;
    }
}
