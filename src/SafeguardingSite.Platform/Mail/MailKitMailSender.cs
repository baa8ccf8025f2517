using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Polly;
using Polly.Retry;

namespace SafeguardingSite.Platform.Mail;

/// <summary>
/// Sends over SMTP with MailKit, keeping one authenticated connection open between messages: opening a TLS session
/// per message costs more than the message itself when a bulletin goes to a thousand people. A connection the server
/// dropped is reopened; 4xx replies and connection failures are retried with exponential backoff; 5xx replies and
/// exhausted retries surface as <see cref="MailDeliveryException"/>.
/// </summary>
/// <param name="clock">
/// Times the backoff and the idle timeout. Both are wall-clock waits on the network, so the registration passes
/// <see cref="TimeProvider.System"/> even where the site's clock is a test's fake.
/// </param>
public sealed class MailKitMailSender : IMailSender, IDisposable
{
    private readonly IOptions<MailOptions> options;
    private readonly TimeProvider clock;
    private readonly ILogger<MailKitMailSender> logger;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly SmtpClient client = new();
    private readonly ResiliencePipeline retry;
    private DateTimeOffset lastUsed;

    public MailKitMailSender(IOptions<MailOptions> options, TimeProvider clock, ILogger<MailKitMailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.clock = clock;
        this.logger = logger;
        var settings = options.Value;
        retry = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsRetryable),
                MaxRetryAttempts = Math.Max(1, settings.MaxSendAttempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                Delay = settings.RetryDelay,
                UseJitter = true,
                // A connection that died while idle is the normal case, not a sick server: reopen it at once.
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    args.AttemptNumber == 0 && IsConnectionLoss(args.Outcome.Exception) ? TimeSpan.Zero : null),
                OnRetry = args =>
                {
                    logger.LogWarning(args.Outcome.Exception, "Sending mail failed (attempt {Attempt}); retrying in {Delay}",
                        args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        if (message.From.Count == 0)
        {
            message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            await retry.ExecuteAsync(async token => await SendOnceAsync(message, settings, token), cancellationToken);
        }
        catch (SmtpCommandException ex)
        {
            var code = (int)ex.StatusCode;
            throw new MailDeliveryException(
                IsTransient(ex)
                    ? $"The mail server kept deferring the message ({code}: {ex.Message}) after {settings.MaxSendAttempts} attempts."
                    : $"The mail server refused the message ({code}: {ex.Message}).",
                code, isPermanent: !IsTransient(ex), ex.Mailbox?.Address, ex);
        }
        catch (Exception ex) when (IsConnectionLoss(ex))
        {
            throw new MailDeliveryException(
                $"Could not reach the mail server at {settings.Host}:{settings.Port} after {settings.MaxSendAttempts} attempts: {ex.Message}",
                statusCode: null, isPermanent: false, mailbox: null, ex);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task SendOnceAsync(MimeMessage message, MailOptions settings, CancellationToken cancellationToken)
    {
        try
        {
            await EnsureConnectedAsync(settings, cancellationToken);
            await client.SendAsync(message, cancellationToken);
            lastUsed = clock.GetUtcNow();
        }
        catch (Exception ex) when (IsConnectionLoss(ex) || ex is SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable })
        {
            // The connection is unusable (closed under us, or the server said 421 and hung up): start the next try afresh.
            await DisconnectQuietlyAsync();
            throw;
        }
    }

    private async Task EnsureConnectedAsync(MailOptions settings, CancellationToken cancellationToken)
    {
        if (client.IsConnected && clock.GetUtcNow() - lastUsed > settings.IdleTimeout)
        {
            await DisconnectQuietlyAsync(sayGoodbye: true);
        }

        if (client.IsConnected)
        {
            return;
        }

        await client.ConnectAsync(await OpenSocketAsync(settings, cancellationToken), settings.Host, settings.Port,
            settings.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken);
        }

        lastUsed = clock.GetUtcNow();
        logger.LogDebug("Connected to the mail server at {Host}:{Port}", settings.Host, settings.Port);
    }

    /// <summary>
    /// Opens the TCP connection with Nagle's algorithm off, which MailKit leaves on: the short line that ends each message
    /// would otherwise wait for the server to acknowledge the body, and a server that delays its ACKs (Linux does, by
    /// about 40 ms) would hold every message that long. The connect keeps MailKit's own time limit.
    /// </summary>
    private async Task<Socket> OpenSocketAsync(MailOptions settings, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(client.Timeout);
            await socket.ConnectAsync(settings.Host, settings.Port, timeout.Token);
            return socket;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"Connecting to the mail server at {settings.Host}:{settings.Port} took longer than {client.Timeout} ms.");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task DisconnectQuietlyAsync(bool sayGoodbye = false)
    {
        try
        {
            await client.DisconnectAsync(sayGoodbye, CancellationToken.None);
        }
        catch (Exception ex) when (IsConnectionLoss(ex))
        {
            // already gone; the next send reconnects
        }
    }

    private static bool IsRetryable(Exception ex) => IsConnectionLoss(ex) || (ex is SmtpCommandException command && IsTransient(command));

    private static bool IsTransient(SmtpCommandException ex) => (int)ex.StatusCode is >= 400 and < 500;

    private static bool IsConnectionLoss(Exception? ex) =>
        ex is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException;

    public void Dispose()
    {
        client.Dispose();
        gate.Dispose();
    }
}
