using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using SafeguardingSite.Platform.Data;

namespace SafeguardingSite.Testing;

/// <summary>
/// The real site in the test process: real database, real HTTP through the test server (or Kestrel on a loopback
/// port via <see cref="StartKestrel"/>), the repository's real uSync files unless a test asks for an empty site.
/// </summary>
public sealed class SiteHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;
    private readonly List<Action<IServiceCollection>> serviceOverrides = [];
    private readonly string workFolder;
    private readonly bool useDemoTemplate;

    /// <param name="useDemoTemplate">
    /// Start from a copy of the demo content imported once for the whole run (see <see cref="DemoContentTemplate"/>)
    /// rather than importing it again; false for a test that watches the first-boot import itself.
    /// </param>
    public SiteHost(TestDatabase database, bool importDemoContent = true, IDictionary<string, string?>? extraSettings = null, bool useDemoTemplate = true)
    {
        ArgumentNullException.ThrowIfNull(database);
        Database = database;
        this.useDemoTemplate = useDemoTemplate && importDemoContent;
        workFolder = Path.Combine(Path.GetTempPath(), "sg-hosts", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workFolder);
        var usync = importDemoContent ? RepositoryPaths.USync : Directory.CreateDirectory(Path.Combine(workFolder, "uSync-empty")).FullName;
        settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Options.Provider.ToString(),
            ["Database:ConnectionString"] = database.Options.ConnectionString,
            ["Search:IndexFolder"] = Path.Combine(workFolder, "search"),
            ["Content:USyncFolder"] = usync,
            ["Content:ChangeFeedPollInterval"] = "00:00:00.200",
            ["Media:Folder"] = Path.Combine(workFolder, "media"),
        };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
    }

    public TestDatabase Database { get; }

    /// <summary>The clock the site sees; tests move it forward to make schedules fall due.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));

    /// <summary>
    /// Starts the site on a real loopback port (Kestrel) rather than the in-memory test server, for browsers and other
    /// clients outside the process; returns the address it listens on.
    /// </summary>
    public Uri StartKestrel()
    {
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel did not report its address.");
        return new Uri(addresses.Addresses.First());
    }

    /// <summary>Sets one configuration value before the host starts, over the defaults and the constructor's settings.</summary>
    public SiteHost WithSetting(string key, string? value)
    {
        settings[key] = value;
        return this;
    }

    /// <summary>Replaces services before the host starts, e.g. to count database commands.</summary>
    public SiteHost WithServices(Action<IServiceCollection> configure)
    {
        serviceOverrides.Add(configure);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (Database.TakeFirstUse() && useDemoTemplate && StartsFromTheRepositoryDemoContent())
        {
            DemoContentTemplate.For(Database.Provider).CopyTo(Database, settings["Media:Folder"]!);
        }

        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.RemoveAll<DatabaseOptions>();
            services.AddSingleton(Database.Options);
            foreach (var configure in serviceOverrides)
            {
                configure(services);
            }
        });
    }

    private bool StartsFromTheRepositoryDemoContent() =>
        settings["Content:USyncFolder"] == RepositoryPaths.USync && !settings.ContainsKey("Content:ImportUSyncOnFirstBoot");

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(workFolder, recursive: true);
        }
        catch (IOException)
        {
            // index files still closing; the OS cleans temp
        }
    }
}
