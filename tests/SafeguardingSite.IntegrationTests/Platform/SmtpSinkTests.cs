using System.Net.Sockets;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MimeKit.Text;
using SafeguardingSite.Testing.Smtp;

namespace SafeguardingSite.IntegrationTests.Platform;

/// <summary>The test SMTP server itself: MailKit must be able to talk to it, and its faults must look like a real server's.</summary>
public class SmtpSinkTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task MailKit_delivers_a_message_that_the_sink_parses_with_its_envelope()
    {
        await using var sink = SmtpSink.Start();
        using var client = await ConnectAsync(sink);
        var message = Message("Strategy day", "board@northdale-scp.example", "Lines below start with dots:\n.single\n..double\nCost £5 – café");
        message.Bcc.Add(MailboxAddress.Parse("hidden@northdale-scp.example"));

        await client.SendAsync(message);
        var received = await sink.WaitForMessageAsync(m => m.Subject == "Strategy day", Wait);

        Assert.Equal("sender@northdale-scp.example", received.EnvelopeFrom);
        Assert.Equal(["board@northdale-scp.example", "hidden@northdale-scp.example"], received.EnvelopeTo);
        Assert.Equal(["board@northdale-scp.example"], received.Message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("Lines below start with dots:\n.single\n..double\nCost £5 – café", received.TextBody.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n'));
        Assert.Equal(1, received.ConnectionNumber);
    }

    [Fact]
    public async Task It_speaks_the_smtp_state_machine_with_pipelining()
    {
        await using var sink = SmtpSink.Start();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(sink.Host, sink.Port);
        await using var stream = tcp.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);

        Assert.StartsWith("220 ", await reader.ReadLineAsync());
        Assert.StartsWith("503 ", await CommandAsync(stream, reader, "MAIL FROM:<a@example.org>")); // no EHLO yet
        var capabilities = await EhloAsync(stream, reader);
        Assert.Contains("PIPELINING", capabilities);
        Assert.Contains("8BITMIME", capabilities);
        Assert.StartsWith("503 ", await CommandAsync(stream, reader, "RCPT TO:<b@example.org>")); // no MAIL yet
        Assert.StartsWith("501 ", await CommandAsync(stream, reader, "MAIL FROM:a@example.org")); // no angle brackets
        Assert.StartsWith("500 ", await CommandAsync(stream, reader, "VRFY someone"));
        Assert.StartsWith("250 ", await CommandAsync(stream, reader, "NOOP"));

        Assert.StartsWith("250 ", await CommandAsync(stream, reader, "MAIL FROM:<a@example.org>"));
        Assert.StartsWith("250 ", await CommandAsync(stream, reader, "RSET"));
        Assert.StartsWith("503 ", await CommandAsync(stream, reader, "RCPT TO:<b@example.org>")); // RSET ended the transaction

        // Pipelined: the whole envelope and body in one write, then the replies in order.
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.org>\r\nRCPT TO:<c@example.org>\r\nDATA\r\n" +
            "Subject: Pipelined\r\n\r\n..leading dot\r\n.\r\n"));
        Assert.StartsWith("250 ", await reader.ReadLineAsync());
        Assert.StartsWith("250 ", await reader.ReadLineAsync());
        Assert.StartsWith("250 ", await reader.ReadLineAsync());
        Assert.StartsWith("354 ", await reader.ReadLineAsync());
        Assert.StartsWith("250 ", await reader.ReadLineAsync());
        Assert.StartsWith("221 ", await CommandAsync(stream, reader, "QUIT"));
        Assert.Null(await reader.ReadLineAsync());

        var received = await sink.WaitForMessageAsync(m => m.Subject == "Pipelined", Wait);
        Assert.Equal(["b@example.org", "c@example.org"], received.EnvelopeTo);
        Assert.Equal(".leading dot", received.Message.GetTextBody(TextFormat.Plain)?.TrimEnd());
    }

    [Theory]
    [InlineData(451)]
    [InlineData(550)]
    public async Task An_injected_error_reply_reaches_MailKit_and_the_connection_stays_usable(int code)
    {
        await using var sink = SmtpSink.Start();
        using var client = await ConnectAsync(sink);
        sink.FailNext(SmtpVerb.MailFrom, code);

        var error = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(Message("First", "a@example.org")));
        await client.SendAsync(Message("Second", "a@example.org"));

        Assert.Equal(code, (int)error.StatusCode);
        Assert.Equal(["Second"], sink.Messages.Select(m => m.Subject));
        Assert.Equal(1, sink.ConnectionCount);
    }

    [Fact]
    public async Task Failures_count_down_over_the_next_commands()
    {
        await using var sink = SmtpSink.Start();
        using var client = await ConnectAsync(sink);
        sink.FailNext(SmtpVerb.EndOfData, 451, count: 2);

        await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(Message("One", "a@example.org")));
        await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(Message("Two", "a@example.org")));
        await client.SendAsync(Message("Three", "a@example.org"));

        Assert.Equal(["Three"], sink.Messages.Select(m => m.Subject));
    }

    [Fact]
    public async Task A_421_reply_closes_the_connection()
    {
        await using var sink = SmtpSink.Start();
        using var client = await ConnectAsync(sink);
        sink.FailNext(SmtpVerb.Any, 421);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.SendAsync(Message("Closing", "a@example.org")));

        Assert.True(error is SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable } or SmtpProtocolException, error.ToString());
        Assert.Empty(sink.Messages);
        await AssertClosedAsync(client);
    }

    [Fact]
    public async Task A_dropped_connection_fails_the_send_in_progress()
    {
        await using var sink = SmtpSink.Start();
        using var client = await ConnectAsync(sink);
        sink.DropOnNext(SmtpVerb.Data);

        await Assert.ThrowsAnyAsync<Exception>(() => client.SendAsync(Message("Lost", "a@example.org")));

        Assert.Empty(sink.Messages);
        await AssertClosedAsync(client);
    }

    [Fact]
    public async Task Dropping_all_connections_cuts_idle_clients_off()
    {
        await using var sink = SmtpSink.Start();
        using var client = await ConnectAsync(sink);
        await client.SendAsync(Message("Before", "a@example.org"));

        sink.DropAllConnections();

        await Assert.ThrowsAnyAsync<Exception>(() => client.SendAsync(Message("After", "a@example.org")));
        Assert.Equal(["Before"], sink.Messages.Select(m => m.Subject));
    }

    [Fact]
    public async Task Waiting_for_a_message_that_never_comes_times_out()
    {
        await using var sink = SmtpSink.Start();
        using var client = await ConnectAsync(sink);
        await client.SendAsync(Message("Something else", "a@example.org"));

        await Assert.ThrowsAsync<TimeoutException>(() => sink.WaitForMessageAsync(m => m.Subject == "Never sent", TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task A_waiter_is_released_by_a_message_that_arrives_later()
    {
        await using var sink = SmtpSink.Start();
        var waiting = sink.WaitForMessageAsync(m => m.Subject == "Later", Wait);
        using var client = await ConnectAsync(sink);

        await client.SendAsync(Message("Sooner", "a@example.org"));
        Assert.False(waiting.IsCompleted);
        await client.SendAsync(Message("Later", "a@example.org"));

        Assert.Equal("Later", (await waiting).Subject);
    }

    private static async Task<SmtpClient> ConnectAsync(SmtpSink sink)
    {
        var client = new SmtpClient();
        await client.ConnectAsync(sink.Host, sink.Port, SecureSocketOptions.None);
        return client;
    }

    /// <summary>MailKit notices a closed socket only on its next read, so probe with NOOP.</summary>
    private static async Task AssertClosedAsync(SmtpClient client)
    {
        if (client.IsConnected)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => client.NoOpAsync());
        }

        Assert.False(client.IsConnected);
    }

    private static MimeMessage Message(string subject, string to, string body = "Hello")
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("sender@northdale-scp.example"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart(TextFormat.Plain) { Text = body };
        return message;
    }

    private static async Task<string> CommandAsync(NetworkStream stream, StreamReader reader, string command)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
        return await reader.ReadLineAsync() ?? string.Empty;
    }

    private static async Task<List<string>> EhloAsync(NetworkStream stream, StreamReader reader)
    {
        var lines = new List<string> { await CommandAsync(stream, reader, "EHLO tests.example") };
        while (lines[^1].StartsWith("250-", StringComparison.Ordinal))
        {
            lines.Add(await reader.ReadLineAsync() ?? string.Empty);
        }

        Assert.StartsWith("250 ", lines[^1]);
        return lines.Select(l => l[4..]).ToList();
    }
}
