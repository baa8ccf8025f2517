using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace SafeguardingSite.Testing.Smtp;

/// <summary>
/// One client connection: the RFC 5321 command loop. Replies are written one per command in order, which is all a
/// server needs for PIPELINING: the client may send several commands before reading, and they wait in the buffer.
/// </summary>
internal sealed class SmtpSession(SmtpSink sink, TcpClient client, int connectionNumber) : IDisposable
{
    private const int MaxCommandLine = 2048;
    private const int MaxDataLine = 64 * 1024;
    private const string ServerName = "smtp-sink.test";
    private const int IpProtocolTcp = 6;
    private const int TcpQuickAck = 12;
    private static readonly byte[] QuickAckOn = BitConverter.GetBytes(1);

    private readonly NetworkStream stream = client.GetStream();
    private readonly byte[] buffer = new byte[16 * 1024];
    private readonly List<string> recipients = [];
    private int bufferStart;
    private int bufferEnd;
    private bool greeted;
    private string? sender;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ReplyAsync($"220 {ServerName} ESMTP ready", cancellationToken);
            while (await ReadLineAsync(MaxCommandLine, cancellationToken) is { } line)
            {
                var text = Encoding.UTF8.GetString(line);
                if (!await HandleAsync(text, cancellationToken))
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // the client went away, or the test dropped the connection on purpose
        }
    }

    /// <summary>Closes the socket under the client without a goodbye.</summary>
    public void Abort() => client.Dispose();

    public void Dispose() => client.Dispose();

    /// <returns>False when the connection is to be closed.</returns>
    private async Task<bool> HandleAsync(string line, CancellationToken cancellationToken)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var word = (space < 0 ? line : line[..space]).ToUpperInvariant();
        var argument = space < 0 ? string.Empty : line[(space + 1)..].Trim();
        var verb = word switch
        {
            "EHLO" or "HELO" => SmtpVerb.Hello,
            "MAIL" => SmtpVerb.MailFrom,
            "RCPT" => SmtpVerb.RcptTo,
            "DATA" => SmtpVerb.Data,
            "RSET" => SmtpVerb.Reset,
            "NOOP" => SmtpVerb.Noop,
            "QUIT" => SmtpVerb.Quit,
            _ => SmtpVerb.Any,
        };
        if (verb == SmtpVerb.Any)
        {
            await ReplyAsync("500 5.5.2 Command not recognised", cancellationToken);
            return true;
        }

        if (sink.TakeFault(verb) is { } fault)
        {
            return await ApplyAsync(fault, cancellationToken);
        }

        switch (verb)
        {
            case SmtpVerb.Hello:
                ResetTransaction();
                greeted = true;
                await ReplyAsync(word == "EHLO"
                    ? $"250-{ServerName} greets {argument}\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 10485760"
                    : $"250 {ServerName}", cancellationToken);
                return true;
            case SmtpVerb.MailFrom:
                return await MailFromAsync(argument, cancellationToken);
            case SmtpVerb.RcptTo:
                return await RcptToAsync(argument, cancellationToken);
            case SmtpVerb.Data:
                return await DataAsync(cancellationToken);
            case SmtpVerb.Reset:
                ResetTransaction();
                await ReplyAsync("250 2.0.0 Reset", cancellationToken);
                return true;
            case SmtpVerb.Noop:
                await ReplyAsync("250 2.0.0 OK", cancellationToken);
                return true;
            default:
                await ReplyAsync("221 2.0.0 Bye", cancellationToken);
                return false;
        }
    }

    private async Task<bool> MailFromAsync(string argument, CancellationToken cancellationToken)
    {
        if (!greeted)
        {
            await ReplyAsync("503 5.5.1 Say EHLO first", cancellationToken);
        }
        else if (sender is not null)
        {
            await ReplyAsync("503 5.5.1 Sender already given", cancellationToken);
        }
        else if (PathAfter("FROM:", argument) is not { } path)
        {
            await ReplyAsync("501 5.5.4 Syntax: MAIL FROM:<address>", cancellationToken);
        }
        else
        {
            sender = path;
            await ReplyAsync("250 2.1.0 Sender OK", cancellationToken);
        }

        return true;
    }

    private async Task<bool> RcptToAsync(string argument, CancellationToken cancellationToken)
    {
        if (sender is null)
        {
            await ReplyAsync("503 5.5.1 Need MAIL first", cancellationToken);
        }
        else if (PathAfter("TO:", argument) is not { Length: > 0 } path)
        {
            await ReplyAsync("501 5.5.4 Syntax: RCPT TO:<address>", cancellationToken);
        }
        else if (sink.RecipientRefusal(path) is { } code)
        {
            await ReplyAsync(code >= 500 ? $"{code} 5.1.1 Recipient refused by the test" : $"{code} 4.2.0 Recipient deferred by the test", cancellationToken);
        }
        else
        {
            recipients.Add(path);
            await ReplyAsync("250 2.1.5 Recipient OK", cancellationToken);
        }

        return true;
    }

    private async Task<bool> DataAsync(CancellationToken cancellationToken)
    {
        if (sender is null || recipients.Count == 0)
        {
            await ReplyAsync("503 5.5.1 Need MAIL and RCPT first", cancellationToken);
            return true;
        }

        await ReplyAsync("354 End data with <CR><LF>.<CR><LF>", cancellationToken);
        using var body = new MemoryStream();
        while (true)
        {
            var line = await ReadLineAsync(MaxDataLine, cancellationToken);
            if (line is null)
            {
                return false;
            }

            if (line is [(byte)'.'])
            {
                break;
            }

            // Dot-unstuffing: the client doubled every leading dot so that a lone "." could end the message.
            var content = line is [(byte)'.', ..] ? line.AsSpan(1) : line;
            body.Write(content);
            body.Write("\r\n"u8);
        }

        if (sink.TakeFault(SmtpVerb.EndOfData) is { } fault)
        {
            ResetTransaction();
            return await ApplyAsync(fault, cancellationToken);
        }

        body.Position = 0;
        var message = await MimeMessage.LoadAsync(body, cancellationToken);
        sink.Deliver(new ReceivedMail(sender, [.. recipients], message, connectionNumber));
        ResetTransaction();
        await ReplyAsync($"250 2.0.0 Queued as {Guid.NewGuid():N}", cancellationToken);
        return true;
    }

    private async Task<bool> ApplyAsync(SmtpFault fault, CancellationToken cancellationToken)
    {
        if (fault.ReplyCode is not { } code)
        {
            Abort();
            return false;
        }

        var enhanced = code >= 500 ? "5.0.0" : "4.0.0";
        await ReplyAsync($"{code} {enhanced} Failure injected by the test", cancellationToken);
        return code != 421;
    }

    private void ResetTransaction()
    {
        sender = null;
        recipients.Clear();
    }

    /// <summary>The address inside the angle brackets after e.g. "FROM:", ignoring any ESMTP parameters after it.</summary>
    private static string? PathAfter(string prefix, string argument)
    {
        if (!argument.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = argument[prefix.Length..].TrimStart();
        var close = rest.IndexOf('>', StringComparison.Ordinal);
        return rest.StartsWith('<') && close > 0 ? rest[1..close] : null;
    }

    private async Task ReplyAsync(string reply, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n"), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// MailKit leaves Nagle on, so the short ".\r\n" after a message body waits until the body is acknowledged, and Linux
    /// delays that ACK by about 40 ms: every message would cost 40 ms of nothing. Quick-ack mode (which Linux drops
    /// again after a while, hence after every read) acknowledges at once, so the sink never sets the pace of a send.
    /// </summary>
    private void AcknowledgeAtOnce()
    {
        if (OperatingSystem.IsLinux())
        {
            client.Client.SetRawSocketOption(IpProtocolTcp, TcpQuickAck, QuickAckOn);
        }
    }

    /// <summary>One line without its CRLF, as raw bytes so 8-bit message bodies survive; null at end of stream.</summary>
    private async Task<byte[]?> ReadLineAsync(int maxLength, CancellationToken cancellationToken)
    {
        using var line = new MemoryStream();
        while (true)
        {
            var newline = Array.IndexOf(buffer, (byte)'\n', bufferStart, bufferEnd - bufferStart);
            if (newline >= 0)
            {
                line.Write(buffer, bufferStart, newline - bufferStart);
                bufferStart = newline + 1;
                var bytes = line.ToArray();
                return bytes is [.., (byte)'\r'] ? bytes[..^1] : bytes;
            }

            line.Write(buffer, bufferStart, bufferEnd - bufferStart);
            bufferStart = bufferEnd = 0;
            if (line.Length > maxLength)
            {
                await ReplyAsync("500 5.5.6 Line too long", cancellationToken);
                return null;
            }

            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return null;
            }

            AcknowledgeAtOnce();

            bufferEnd = read;
        }
    }
}
