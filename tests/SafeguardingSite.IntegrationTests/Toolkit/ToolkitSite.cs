using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SafeguardingSite.Content.Published;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;
using SafeguardingSite.Web.Toolkit;

namespace SafeguardingSite.IntegrationTests.Toolkit;

/// <summary>One toolkit site per provider for a test class: the toolkit tests only read, and count commands and logs from a reset.</summary>
public sealed class ToolkitSites() : SitesPerProvider<ToolkitSite>(ToolkitSite.StartAsync);

/// <summary>The demo site with the toolkit, a database command counter and every log message kept for inspection.</summary>
public sealed partial class ToolkitSite : IAsyncDisposable
{
    private ToolkitSite(TestDatabase database, SiteHost site, LogCapture logs)
    {
        Database = database;
        Site = site;
        Logs = logs;
        Client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    public TestDatabase Database { get; }
    public SiteHost Site { get; }
    public LogCapture Logs { get; }
    public HttpClient Client { get; }

    public PublishedSnapshot Snapshot => Site.Services.GetRequiredService<IPublishedSnapshotAccessor>().Current;

    public DatabaseCommandCounter Counter => Site.Services.GetRequiredService<DatabaseCommandCounter>();

    public PublishedContent Toolkit => Snapshot.All.Single(p => p.ContentTypeAlias == ToolkitModules.ToolkitType);

    public PublishedContent Assessment => Snapshot.All.Single(p => p.ContentTypeAlias == ToolkitModules.AssessmentType);

    public AssessmentDefinition Definition => AssessmentDefinition.From(Assessment);

    public static async Task<ToolkitSite> StartAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var logs = new LogCapture();
        var site = new SiteHost(database).WithServices(services =>
        {
            DatabaseCommandCounter.Register(services);
            services.AddSingleton<ILoggerProvider>(logs);
        });
        return new ToolkitSite(database, site, logs);
    }

    public PublishedContent Module(string name) => Snapshot.All.Single(p => p.ContentTypeAlias == ToolkitModules.ModuleType && p.Name == name);

    /// <summary>Opens the assessment page as a browser would, so the antiforgery cookie is set and the token can be posted back.</summary>
    public async Task<string> AntiforgeryTokenAsync()
    {
        var html = await Client.GetStringAsync(Assessment.Url);
        return WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);
    }

    /// <summary>A complete form: one score per area in the editors' order.</summary>
    public async Task<List<KeyValuePair<string, string>>> AnswersAsync(params int[] scores)
    {
        var fields = Definition.Areas.Zip(scores).Select(p => KeyValuePair.Create(p.First.FieldName, p.Second.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        fields.Add(KeyValuePair.Create("__RequestVerificationToken", await AntiforgeryTokenAsync()));
        return fields;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Site.DisposeAsync();
        await Database.DisposeAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}

/// <summary>Keeps every log message the site writes, to show the assessment's answers never reach a log.</summary>
public sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Messages.Enqueue($"{category}: {formatter(state, exception)} {exception}");
    }
}
