using System.Diagnostics;
using System.Globalization;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SafeguardingSite.Bulletin.Data;
using SafeguardingSite.Bulletin.Editions;
using SafeguardingSite.Bulletin.Model;
using SafeguardingSite.Bulletin.Sending;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;
using SafeguardingSite.Testing.Smtp;

// E-bulletin sending figures for docs/performance.md: one edition to 10,000 subscribers through the real sender
// (delivery rows, claims, Hangfire, MailKit) against a loopback SMTP server, and in the same run a bare MailKit loop
// sending the same 10,000 messages over one connection. The difference is what the bookkeeping costs.
Directory.SetCurrentDirectory(AppContext.BaseDirectory);
var recipients = args.FirstOrDefault(a => int.TryParse(a, out _)) is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 10_000;
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
Console.WriteLine($"Load average at start: {LoadAverage()}");
var providers = new List<DatabaseProvider> { DatabaseProvider.Sqlite };
if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable)))
{
    providers.Add(DatabaseProvider.PostgreSql);
}

// `dotnet run -- PostgreSql` measures one provider only; a number sets the recipient count.
foreach (var provider in providers.Where(p => !args.Any(a => Enum.TryParse<DatabaseProvider>(a, true, out _)) || args.Contains(p.ToString(), StringComparer.OrdinalIgnoreCase)))
{
    await using var sink = SmtpSink.Start();
    await using var database = await TestDatabase.CreateAsync(provider);
    await using var site = new SiteHost(database).WithMailSink(sink)
        .WithSetting("Bulletin:MessagesPerMinute", "100000000")
        .WithSetting("Bulletin:PublicBaseUrl", "https://www.northdale-scp.example");
    var subscribers = await AddSubscribersAsync(site, recipients);
    var editions = site.Services.CreateScope().ServiceProvider.GetRequiredService<EditionService>();
    var edition = await editions.CreateAsync(new EditionInput
    {
        Kind = "monthly", Title = "Bench bulletin", Intro = "Welcome to this month's bulletin.",
        Items = [.. Enumerable.Range(1, 6).Select(i => new EditionItemInput { Heading = $"Item {i}", Text = new string('x', 600), LinkUrl = $"https://www.northdale-scp.example/item-{i}/" })],
    }, CancellationToken.None);

    // The same messages the sender builds, made before the clock starts so the loop times only SMTP.
    var messages = site.Services.GetRequiredService<BulletinMessages>();
    var links = site.Services.GetRequiredService<BulletinLinks>();
    var prepared = subscribers.Select((s, i) => messages.Edition(edition, s, links.Archive(edition.Slug), i)).ToList();
    var bare = await BareLoopAsync(sink, prepared);
    Console.WriteLine($"{provider,-10} bare MailKit loop: {recipients:N0} messages in {bare.TotalSeconds:0.0} s = {recipients / bare.TotalSeconds:0} msg/s (load {LoadAverage()})");

    var before = sink.Messages.Count;
    var started = Stopwatch.GetTimestamp();
    await editions.SendAsync(edition.Id, null, CancellationToken.None);
    while ((await editions.ProgressAsync(edition.Id, CancellationToken.None))!.Status != nameof(EditionStatus.Sent))
    {
        await Task.Delay(100);
    }

    var real = Stopwatch.GetElapsedTime(started);
    var progress = (await editions.ProgressAsync(edition.Id, CancellationToken.None))!;
    Console.WriteLine($"{provider,-10} bulletin sender:   {progress.Sent:N0} messages in {real.TotalSeconds:0.0} s = {progress.Sent / real.TotalSeconds:0} msg/s " +
        $"({real / bare:0.00}× the bare loop; {sink.Messages.Count - before:N0} arrived, {progress.Failed} failed; load {LoadAverage()})");
}

// The machine is shared, so every figure is printed beside how busy it was.
static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static async Task<List<Subscriber>> AddSubscribersAsync(SiteHost site, int count)
{
    await using var db = await site.Services.GetRequiredService<IDbContextFactory<BulletinDbContext>>().CreateDbContextAsync();
    var now = site.Clock.GetUtcNow().UtcDateTime;
    var subscribers = Enumerable.Range(1, count).Select(i => new Subscriber
    {
        Id = Guid.NewGuid(), Email = $"reader{i}@schools.example", Name = $"Reader {i}", Status = SubscriberStatus.Subscribed,
        CreatedAt = now, ConfirmedAt = now, ConfirmationRequestedAt = now, ConsentWording = "bench", ConsentSourceUrl = "/bench",
    }).ToList();
    db.Subscribers.AddRange(subscribers);
    await db.SaveChangesAsync();
    return subscribers;
}

static async Task<TimeSpan> BareLoopAsync(SmtpSink sink, List<MimeMessage> messages)
{
    using var client = new SmtpClient();
    var started = Stopwatch.GetTimestamp();
    await client.ConnectAsync(sink.Host, sink.Port, SecureSocketOptions.None);
    foreach (var message in messages)
    {
        if (message.From.Count == 0)
        {
            message.From.Add(new MailboxAddress("Northdale Safeguarding Children Partnership", "noreply@northdale-scp.example"));
        }

        await client.SendAsync(message);
    }

    await client.DisconnectAsync(true);
    return Stopwatch.GetElapsedTime(started);
}
