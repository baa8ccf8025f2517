using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.BackOffice.Checks;
using SafeguardingSite.BackOffice.Extensibility;
using SafeguardingSite.BackOffice.History;
using SafeguardingSite.BackOffice.Identity;

namespace SafeguardingSite.BackOffice.Workflow;

/// <summary>Publishing, pre-publish checks, approval requests and version history for the content screens.</summary>
public static class WorkflowRegistration
{
    public static IServiceCollection AddPublishingWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<PublishCheckOptions>(configuration.GetSection(PublishCheckOptions.SectionName));
        services.AddScoped<PageChecks>();
        services.AddScoped<ApprovalService>();
        services.AddScoped<VersionHistory>();
        services.AddBackOfficeSection(new("approvals", "Approvals", "Pages waiting for an editor, and what happened to the pages you sent.", BackOfficePermission.ContentSubmit, 15));
        return services;
    }
}
