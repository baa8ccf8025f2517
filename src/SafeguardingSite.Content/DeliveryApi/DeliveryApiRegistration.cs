using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SafeguardingSite.Content.DeliveryApi;

/// <summary>Umbraco-compatible Content Delivery API v2 under /umbraco/delivery/api/v2.</summary>
public static class DeliveryApiRegistration
{
    public static IServiceCollection AddDeliveryApi(this IServiceCollection services, IConfiguration configuration) => services;

    public static IEndpointRouteBuilder MapDeliveryApi(this IEndpointRouteBuilder endpoints) => endpoints;
}
