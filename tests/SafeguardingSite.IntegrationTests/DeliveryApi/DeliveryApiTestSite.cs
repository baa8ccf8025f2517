using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Content.Data;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Content.Services;
using SafeguardingSite.IntegrationTests.Content;
using SafeguardingSite.Platform.Data;

namespace SafeguardingSite.IntegrationTests.DeliveryApi;

/// <summary>
/// A started site with the test schema and a small published tree, plus helpers to call the Delivery API over HTTP:
/// <code>
/// Home /
///   Parents and carers /parents-and-carers/
///     Safer sleep, Water safety, Unsafe places
///   Professionals /professionals/
///     Training courses /professionals/training-courses/
/// </code>
/// </summary>
public sealed class DeliveryApiTestSite : IAsyncDisposable
{
    public const string BasePath = "/umbraco/delivery/api/v2";
    public const string PreviewKey = "preview-key-for-tests-0123456789";

    private DeliveryApiTestSite(ContentTestContext context, HttpClient client)
    {
        Context = context;
        Client = client;
    }

    public ContentTestContext Context { get; }
    public HttpClient Client { get; }
    public Guid Home => Context.HomeKey;
    public Guid Parents { get; private set; }
    public Guid SaferSleep { get; private set; }
    public Guid WaterSafety { get; private set; }
    public Guid UnsafePlaces { get; private set; }
    public Guid Professionals { get; private set; }
    public Guid TrainingCourses { get; private set; }

    public static async Task<DeliveryApiTestSite> StartAsync(DatabaseProvider provider, Action<IServiceCollection>? services = null)
    {
        var context = await ContentTestContext.StartAsync(
            provider, new Dictionary<string, string?> { ["DeliveryApi:ApiKey"] = PreviewKey }, services);
        var site = new DeliveryApiTestSite(context, context.Site.CreateClient());
        site.Parents = await context.CreatePageAsync("Parents and carers");
        site.SaferSleep = await site.CreateTimedPageAsync("Safer sleep", site.Parents);
        site.WaterSafety = await site.CreateTimedPageAsync("Water safety", site.Parents);
        site.UnsafePlaces = await site.CreateTimedPageAsync("Unsafe places", site.Parents);
        site.Professionals = await site.CreateTimedPageAsync("Professionals", null);
        site.TrainingCourses = await site.CreateTimedPageAsync("Training courses", site.Professionals);
        return site;
    }

    /// <summary>Moves the clock on a minute before each page, so create dates differ and date sorts are meaningful.</summary>
    public async Task<Guid> CreateTimedPageAsync(string name, Guid? parent, bool publish = true, JsonObject? values = null)
    {
        Context.Site.Clock.Advance(TimeSpan.FromMinutes(1));
        try
        {
            return await Context.CreatePageAsync(name, parent, publish, values);
        }
        catch (ContentException ex)
        {
            // Name the rejected values, so a test that sends a bad fixture says which.
            throw new InvalidOperationException($"{name}: {string.Join("; ", ex.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}", ex);
        }
    }

    /// <summary>The media library has no service here yet, so items go straight into the table and the snapshot is rebuilt.</summary>
    public async Task<Guid> AddMediaAsync(string name, string type, Guid? parent = null, string? fileUrl = null, int sortOrder = 0, string? altText = null)
    {
        var contexts = Context.Site.Services.GetRequiredService<IDbContextFactory<ContentDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var now = Context.Site.Clock.GetUtcNow().UtcDateTime;
        var item = new MediaItem
        {
            Name = name,
            MediaTypeAlias = type,
            UrlSegment = ContentRoutes.ToSegment(name),
            ParentKey = parent,
            SortOrder = sortOrder,
            FileUrl = fileUrl,
            MimeType = fileUrl is null ? null : fileUrl.EndsWith(".pdf", StringComparison.Ordinal) ? "application/pdf" : "image/png",
            Bytes = fileUrl is null ? 0 : 24_069,
            Width = type == MediaTypes.Image ? 1080 : null,
            Height = type == MediaTypes.Image ? 530 : null,
            AltText = altText,
            CreateDate = now,
            UpdateDate = now,
        };
        db.Media.Add(item);
        await db.SaveChangesAsync();
        await Context.Site.Services.GetRequiredService<PublishedSnapshotService>().RefreshAsync();
        return item.Key;
    }

    public async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> GetAsync(
        string relativeUrl, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, BasePath + relativeUrl);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    /// <summary>A 200 response's body; fails the test with the body when the status differs.</summary>
    public async Task<JsonNode> GetOkAsync(string relativeUrl, params (string Name, string Value)[] headers)
    {
        var (status, body, _) = await GetAsync(relativeUrl, headers);
        Assert.True(status == HttpStatusCode.OK, $"GET {relativeUrl} returned {(int)status}: {body?.ToJsonString()}");
        return body!;
    }

    /// <summary>The total and the names of the items of a paged query, in order.</summary>
    public async Task<(int Total, List<string> Names)> QueryNamesAsync(string query, params (string Name, string Value)[] headers)
    {
        var body = await GetOkAsync("/content" + query, headers);
        return ((int)body["total"]!, body["items"]!.AsArray().Select(i => (string)i!["name"]!).ToList());
    }

    public static void AssertPage(int total, string[] names, (int Total, List<string> Names) page)
    {
        Assert.Equal(total, page.Total);
        Assert.Equal(names, page.Names);
    }

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        return Context.DisposeAsync();
    }
}
