using SafeguardingSite.BackOffice;
using SafeguardingSite.Bulletin;
using SafeguardingSite.Analytics;
using SafeguardingSite.Learning;
using SafeguardingSite.Content.DeliveryApi;
using SafeguardingSite.Content.Hosting;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.Content.USync;
using SafeguardingSite.Search;
using SafeguardingSite.Web.Commands;
using SafeguardingSite.Web.Configuration;
using SafeguardingSite.Web.Health;
using SafeguardingSite.Web.Jobs;
using SafeguardingSite.Web.Rendering;

var builder = WebApplication.CreateBuilder(args);
var database = builder.AddSiteConfiguration();

builder.Services.AddPlatformServices(builder.Configuration);
builder.Services.AddContentEngine(builder.Configuration, database);
builder.Services.AddUSync(builder.Configuration);
builder.Services.AddDeliveryApi(builder.Configuration);
builder.Services.AddManagementApi(builder.Configuration);
builder.Services.AddBackOffice(builder.Configuration, database);
builder.Services.AddSiteSearch(builder.Configuration);
builder.Services.AddBulletin(builder.Configuration, database);
builder.Services.AddSiteJobs(database, builder.Environment);
builder.Services.AddSiteRendering(builder.Configuration);
builder.Services.AddAnalytics(builder.Configuration, database);
builder.Services.AddLearning(builder.Configuration, database);

var app = builder.Build();

if (SiteCommandRunner.IsCommand(app, args))
{
    return await SiteCommandRunner.RunAsync(app, args);
}

app.UseSiteRendering();
app.MapSiteHealth();
app.MapDeliveryApi();
app.MapManagementApi();
app.MapBackOffice();
app.MapSiteSearch();
app.MapSiteJobs();
app.MapBulletin();
app.MapAnalytics();
app.MapLearning();
app.MapPublishedContent();

await app.RunAsync();
return 0;

/// <summary>Visible to the test host (WebApplicationFactory&lt;Program&gt;).</summary>
public partial class Program;
