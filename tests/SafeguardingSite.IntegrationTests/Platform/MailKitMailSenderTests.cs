using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Platform.Mail;
using SafeguardingSite.Testing;
using SafeguardingSite.Testing.Smtp;

namespace SafeguardingSite.IntegrationTests.Platform;

/// <summary>The site's SMTP sender against a real SMTP conversation with the test sink.</summary>
public class MailKitMailSenderTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Several_messages_go_over_one_connection()
    {
        await using var sink = SmtpSink.Start();
        using var sender = Sender(sink);

        for (var i = 1; i <= 5; i++)
        {
            await sender.SendAsync(Message($"Bulletin {i}"));
        }

        Assert.Equal(5, sink.Messages.Count);
        Assert.Equal(1, sink.ConnectionCount);
        Assert.All(sink.Messages, m => Assert.Equal(1, m.ConnectionNumber));
        Assert.All(sink.Messages, m => Assert.Equal("noreply@northdale-scp.example", m.EnvelopeFrom));
    }

    [Fact]
    public async Task A_451_is_retried_after_the_backoff_and_then_delivered()
    {
        await using var sink = SmtpSink.Start();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var sender = Sender(sink, clock, o => o.RetryDelay = TimeSpan.FromSeconds(30));
        sink.FailNext(SmtpVerb.MailFrom, 451, count: 2);

        var sending = sender.SendAsync(Message("Deferred"));
        await Task.Delay(500);
        Assert.False(sending.IsCompleted, "the retry must wait for the backoff");
        Assert.Empty(sink.Messages);

        await AdvanceUntilDoneAsync(clock, sending);

        Assert.Equal("Deferred", (await sink.WaitForMessageAsync(m => m.Subject == "Deferred", Wait)).Subject);
        Assert.Single(sink.Messages);
        Assert.Equal(1, sink.ConnectionCount);
    }

    [Fact]
    public async Task A_server_that_keeps_deferring_gives_up_with_a_transient_delivery_failure()
    {
        await using var sink = SmtpSink.Start();
        using var sender = Sender(sink, configure: o => o.MaxSendAttempts = 3);
        sink.FailNext(SmtpVerb.RcptTo, 452, count: 3);

        var error = await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendAsync(Message("Never")));

        Assert.False(error.IsPermanent);
        Assert.Equal(452, error.StatusCode);
        Assert.Empty(sink.Messages);
        await sender.SendAsync(Message("Later"));
        Assert.Equal(["Later"], sink.Messages.Select(m => m.Subject));
    }

    [Fact]
    public async Task A_550_fails_at_once_as_a_permanent_delivery_failure()
    {
        await using var sink = SmtpSink.Start();
        using var sender = Sender(sink);
        sink.FailNext(SmtpVerb.RcptTo, 550);

        var error = await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendAsync(Message("Refused", "nobody@example.org")));

        Assert.True(error.IsPermanent);
        Assert.Equal(550, error.StatusCode);
        Assert.Equal("nobody@example.org", error.Mailbox);
        Assert.Empty(sink.Messages); // a retry would have got through, since only one 550 was injected

        await sender.SendAsync(Message("Next"));
        Assert.Equal(["Next"], sink.Messages.Select(m => m.Subject));
        Assert.Equal(1, sink.ConnectionCount);
    }

    [Fact]
    public async Task A_connection_the_server_dropped_while_idle_is_reopened()
    {
        await using var sink = SmtpSink.Start();
        using var sender = Sender(sink);
        await sender.SendAsync(Message("Before"));

        sink.DropAllConnections();
        await sender.SendAsync(Message("After"));

        Assert.Equal(["Before", "After"], sink.Messages.Select(m => m.Subject));
        Assert.Equal([1, 2], sink.Messages.Select(m => m.ConnectionNumber));
    }

    [Theory]
    [InlineData(SmtpVerb.Data)]
    [InlineData(SmtpVerb.EndOfData)]
    public async Task A_connection_dropped_mid_message_is_reopened_and_the_message_sent(SmtpVerb at)
    {
        await using var sink = SmtpSink.Start();
        using var sender = Sender(sink);
        sink.DropOnNext(at);

        await sender.SendAsync(Message("Resent"));

        Assert.Equal(["Resent"], sink.Messages.Select(m => m.Subject));
        Assert.Equal(2, sink.ConnectionCount);
    }

    [Fact]
    public async Task A_421_closing_the_connection_is_retried_on_a_new_one()
    {
        await using var sink = SmtpSink.Start();
        using var sender = Sender(sink);
        await sender.SendAsync(Message("First"));
        sink.FailNext(SmtpVerb.MailFrom, 421);

        await sender.SendAsync(Message("Second"));

        Assert.Equal(["First", "Second"], sink.Messages.Select(m => m.Subject));
        Assert.Equal(2, sink.ConnectionCount);
    }

    [Fact]
    public async Task An_unreachable_server_is_a_transient_delivery_failure()
    {
        var sink = SmtpSink.Start();
        var port = sink.Port;
        await sink.DisposeAsync();
        using var sender = new MailKitMailSender(
            Options.Create(new MailOptions { Host = sink.Host, Port = port, MaxSendAttempts = 2, RetryDelay = TimeSpan.FromMilliseconds(10) }),
            TimeProvider.System, NullLogger<MailKitMailSender>.Instance);

        var error = await Assert.ThrowsAsync<MailDeliveryException>(() => sender.SendAsync(Message("Nowhere")));

        Assert.False(error.IsPermanent);
        Assert.Null(error.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_site_sends_through_the_sink_it_is_pointed_at(DatabaseProvider provider)
    {
        await using var sink = SmtpSink.Start();
        await using var database = await TestDatabase.CreateAsync(provider);
        using var site = new SiteHost(database, importDemoContent: false).WithMailSink(sink);
        _ = site.Server;
        var sender = site.Services.GetRequiredService<IMailSender>();

        await sender.SendAsync(Message("From the site"));
        await sender.SendAsync(Message("Again"));

        var received = await sink.WaitForMessageAsync(m => m.Subject == "From the site", Wait);
        Assert.Equal("Northdale Safeguarding Children Partnership", received.Message.From.Mailboxes.Single().Name);
        Assert.Equal(1, sink.ConnectionCount);
    }

    private static MailKitMailSender Sender(SmtpSink sink, TimeProvider? clock = null, Action<MailOptions>? configure = null)
    {
        var options = new MailOptions
        {
            Host = sink.Host,
            Port = sink.Port,
            RetryDelay = TimeSpan.FromMilliseconds(20),
            IdleTimeout = TimeSpan.FromHours(1),
        };
        configure?.Invoke(options);
        return new MailKitMailSender(Options.Create(options), clock ?? TimeProvider.System, NullLogger<MailKitMailSender>.Instance);
    }

    /// <summary>Moves the fake clock on until the send finishes; the backoff timer only exists once the 451 came back.</summary>
    private static async Task AdvanceUntilDoneAsync(FakeTimeProvider clock, Task sending)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!sending.IsCompleted && DateTime.UtcNow < deadline)
        {
            clock.Advance(TimeSpan.FromSeconds(30));
            await Task.Delay(50);
        }

        await sending;
    }

    private static MimeMessage Message(string subject, string to = "member@northdale-scp.example")
    {
        var message = new MimeMessage();
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = "Partnership news" };
        return message;
    }
}
