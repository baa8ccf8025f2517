using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.IntegrationTests.Content;
using SafeguardingSite.Platform.Data;

namespace SafeguardingSite.IntegrationTests.ManagementApi;

/// <summary>The content test site plus one API key (and HTTP client) per user group.</summary>
internal sealed class ManagementApiContext : IAsyncDisposable
{
    private ManagementApiContext(ContentTestContext content, HttpClient writer, HttpClient editor, HttpClient admin)
    {
        Content = content;
        Writer = writer;
        Editor = editor;
        Admin = admin;
    }

    public ContentTestContext Content { get; }
    public HttpClient Writer { get; }
    public HttpClient Editor { get; }
    public HttpClient Admin { get; }
    public ApiKeyService Keys => Content.Site.Services.GetRequiredService<ApiKeyService>();

    public static async Task<ManagementApiContext> StartAsync(DatabaseProvider provider)
    {
        var content = await ContentTestContext.StartAsync(provider);
        var keys = content.Site.Services.GetRequiredService<ApiKeyService>();
        HttpClient ClientFor(IssuedApiKey key) => CreateClient(content, key.Token);
        return new ManagementApiContext(
            content,
            ClientFor(await keys.CreateAsync("test writer", UserGroups.Writer, "test")),
            ClientFor(await keys.CreateAsync("test editor", UserGroups.Editor, "test")),
            ClientFor(await keys.CreateAsync("test admin", UserGroups.Administrator, "test")));
    }

    /// <summary>A client whose relative URLs are under the API's base path; absolute paths (/media/…) reach the site.</summary>
    public static HttpClient CreateClient(ContentTestContext content, string? token)
    {
        var client = content.Site.CreateClient();
        client.BaseAddress = new Uri("http://localhost" + ManagementApiRegistration.BasePath + "/");
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public HttpClient ClientWith(string? token) => CreateClient(Content, token);

    public async Task<JsonObject> CreatePageAsync(HttpClient client, string name, Guid? parentId = null, JsonObject? values = null)
    {
        var response = await client.PostAsJsonAsync("document", new { parentId = parentId ?? Content.HomeKey, documentType = "contentPage", name, values });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await BodyAsync(response);
    }

    public static async Task<JsonObject> BodyAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return await response.Content.ReadFromJsonAsync<JsonObject>() ?? throw new InvalidOperationException("The response had no JSON body.");
    }

    /// <summary>Asserts a problem-details response with the given status, naming each field when given.</summary>
    public static async Task<JsonObject> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, params string[] fields)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]), text);
        foreach (var field in fields)
        {
            var errors = problem["errors"]?.AsObject();
            Assert.True(errors?.ContainsKey(field) == true, $"Expected an error for '{field}': {text}");
            Assert.False(string.IsNullOrWhiteSpace((string?)errors![field]![0]), text);
        }

        return problem;
    }

    public static Guid IdOf(JsonObject item) => Guid.Parse((string)item["id"]!);

    public async ValueTask DisposeAsync()
    {
        Writer.Dispose();
        Editor.Dispose();
        Admin.Dispose();
        await Content.DisposeAsync();
    }
}
