using System.Net;
using System.Net.Sockets;

namespace SafeguardingSite.Testing.Smtp;

/// <summary>
/// A real SMTP server on a loopback port, in the test process. It accepts every message (unless told to fail), parses
/// it with MimeKit and keeps it, so tests can send through MailKit exactly as the site does and then look at what
/// arrived. Faults can be injected: error replies to upcoming commands, dropped connections.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private readonly List<ReceivedMail> messages = [];
    private readonly List<(Func<ReceivedMail, bool> Predicate, TaskCompletionSource<ReceivedMail> Waiter)> waiters = [];
    private readonly List<SmtpFault> faults = [];
    private readonly List<SmtpSession> sessions = [];
    private readonly Task acceptLoop;
    private int connectionCount;
    private Func<string, int?>? recipientRule;

    private SmtpSink()
    {
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var endpoint = (IPEndPoint)listener.LocalEndpoint;
        Host = endpoint.Address.ToString();
        Port = endpoint.Port;
        acceptLoop = AcceptAsync();
    }

    /// <summary>Starts listening on 127.0.0.1 on a free port.</summary>
    public static SmtpSink Start() => new();

    public string Host { get; }

    public int Port { get; }

    /// <summary>How many SMTP connections have been accepted since the sink started.</summary>
    public int ConnectionCount => Volatile.Read(ref connectionCount);

    public IReadOnlyList<ReceivedMail> Messages
    {
        get
        {
            lock (gate)
            {
                return [.. messages];
            }
        }
    }

    /// <summary>The first message (already received or still to come) that matches, or a TimeoutException.</summary>
    public async Task<ReceivedMail> WaitForMessageAsync(Func<ReceivedMail, bool> predicate, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var waiter = new TaskCompletionSource<ReceivedMail>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            var existing = messages.FirstOrDefault(predicate);
            if (existing is not null)
            {
                return existing;
            }

            waiters.Add((predicate, waiter));
        }

        try
        {
            return await waiter.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            lock (gate)
            {
                waiters.RemoveAll(w => w.Waiter == waiter);
            }

            throw new TimeoutException($"No matching message arrived within {timeout}; {Messages.Count} other message(s) did.");
        }
    }

    /// <summary>
    /// Replies <paramref name="replyCode"/> (421, 451, 550 …) to the next <paramref name="count"/> commands of the
    /// given kind instead of carrying them out. A 421 also closes the connection, as RFC 5321 says it must.
    /// </summary>
    public void FailNext(SmtpVerb verb, int replyCode, int count = 1)
    {
        if (replyCode is < 400 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(replyCode), replyCode, "A failure reply is a 4xx or 5xx code.");
        }

        AddFault(new SmtpFault(verb, replyCode, count));
    }

    /// <summary>
    /// Decides the reply to every RCPT TO from now on: the rule gets the address and returns a 4xx or 5xx code to refuse
    /// it (temporarily or for good), or null to accept it. A rule may keep state, e.g. refuse an address twice then accept.
    /// Null removes the rule.
    /// </summary>
    public void RefuseRecipients(Func<string, int?>? rule) => Volatile.Write(ref recipientRule, rule);

    internal int? RecipientRefusal(string address) => Volatile.Read(ref recipientRule)?.Invoke(address);

    /// <summary>Closes the connection, without a reply, when the next command of the given kind arrives.</summary>
    public void DropOnNext(SmtpVerb verb) => AddFault(new SmtpFault(verb, ReplyCode: null, Remaining: 1));

    /// <summary>Closes every open connection at once, as a server does when it times out idle clients.</summary>
    public void DropAllConnections()
    {
        List<SmtpSession> open;
        lock (gate)
        {
            open = [.. sessions];
        }

        foreach (var session in open)
        {
            session.Abort();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        DropAllConnections();
        try
        {
            await acceptLoop;
        }
        catch (OperationCanceledException)
        {
            // the listener was stopped on purpose
        }

        stopping.Dispose();
    }

    /// <summary>Takes the fault that applies to this command, if any, counting it down.</summary>
    internal SmtpFault? TakeFault(SmtpVerb verb)
    {
        lock (gate)
        {
            var index = faults.FindIndex(f => f.Verb == SmtpVerb.Any || f.Verb == verb);
            if (index < 0)
            {
                return null;
            }

            var fault = faults[index];
            if (fault.Remaining <= 1)
            {
                faults.RemoveAt(index);
            }
            else
            {
                faults[index] = fault with { Remaining = fault.Remaining - 1 };
            }

            return fault;
        }
    }

    internal void Deliver(ReceivedMail mail)
    {
        List<TaskCompletionSource<ReceivedMail>> matched;
        lock (gate)
        {
            messages.Add(mail);
            var hits = waiters.Where(w => w.Predicate(mail)).ToList();
            waiters.RemoveAll(hits.Contains);
            matched = hits.Select(h => h.Waiter).ToList();
        }

        foreach (var waiter in matched)
        {
            waiter.TrySetResult(mail);
        }
    }

    private void AddFault(SmtpFault fault)
    {
        lock (gate)
        {
            faults.Add(fault);
        }
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            // Replies are small writes, several per message; with Nagle on, each could wait for the client's delayed ACK.
            client.NoDelay = true;
            var session = new SmtpSession(this, client, Interlocked.Increment(ref connectionCount));
            lock (gate)
            {
                sessions.Add(session);
            }

            _ = RunSessionAsync(session);
        }
    }

    private async Task RunSessionAsync(SmtpSession session)
    {
        try
        {
            await session.RunAsync(stopping.Token);
        }
        finally
        {
            lock (gate)
            {
                sessions.Remove(session);
            }

            session.Dispose();
        }
    }
}

/// <summary>Which command a fault applies to. <see cref="EndOfData"/> is the reply after the message body's final dot.</summary>
public enum SmtpVerb
{
    Any,
    Hello,
    MailFrom,
    RcptTo,
    Data,
    EndOfData,
    Reset,
    Noop,
    Quit,
}

/// <summary>An injected failure: reply with <paramref name="ReplyCode"/>, or drop the connection when it is null.</summary>
internal sealed record SmtpFault(SmtpVerb Verb, int? ReplyCode, int Remaining);
