using Hangfire.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using MsLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace SafeguardingSite.Web.Jobs;

/// <summary>
/// Hangfire logs through one process-wide provider, while a test run or the bench starts many hosts in one process and
/// disposes them in any order. Hangfire's own provider would keep the logger factory of whichever host configured it
/// last and fail once that host is disposed; this one forwards to the newest host that is still running.
/// </summary>
internal sealed class HangfireLogging : ILogProvider
{
    public static HangfireLogging Instance { get; } = new();

    private readonly Lock gate = new();
    private readonly List<ILoggerFactory> running = [];

    private HangfireLogging()
    {
    }

    /// <summary>Routes Hangfire's logging to this host's factory until the host begins to stop.</summary>
    public void Attach(ILoggerFactory factory, IHostApplicationLifetime lifetime)
    {
        lock (gate)
        {
            running.Add(factory);
        }

        lifetime.ApplicationStopping.Register(() =>
        {
            lock (gate)
            {
                running.Remove(factory);
            }
        });
    }

    public ILog GetLogger(string name) => new ForwardingLog(this, name);

    private void Forget(ILoggerFactory factory)
    {
        lock (gate)
        {
            running.Remove(factory);
        }
    }

    private ILoggerFactory? Current
    {
        get
        {
            lock (gate)
            {
                return running.Count > 0 ? running[^1] : null;
            }
        }
    }

    private sealed class ForwardingLog(HangfireLogging owner, string name) : ILog
    {
        private (ILoggerFactory Factory, ILogger Logger)? cached;

        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (owner.Current is not { } factory)
            {
                return false;
            }

            try
            {
                return Forward(factory, logLevel, messageFunc, exception);
            }
            catch (ObjectDisposedException)
            {
                // A host can be disposed between reading Current and logging (Hangfire's in-memory dispatcher thread
                // logs as it winds down). Dropping that line beats an unhandled exception on Hangfire's own thread.
                owner.Forget(factory);
                return false;
            }
        }

        private bool Forward(ILoggerFactory factory, HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception)
        {
            if (cached is not { } entry || entry.Factory != factory)
            {
                entry = (factory, factory.CreateLogger(name));
                cached = entry;
            }

            var level = logLevel switch
            {
                HangfireLevel.Trace => MsLogLevel.Trace,
                HangfireLevel.Debug => MsLogLevel.Debug,
                HangfireLevel.Info => MsLogLevel.Information,
                HangfireLevel.Warn => MsLogLevel.Warning,
                HangfireLevel.Error => MsLogLevel.Error,
                _ => MsLogLevel.Critical,
            };
            if (messageFunc is null)
            {
                return entry.Logger.IsEnabled(level); // Hangfire asks this way whether a level is on
            }

            entry.Logger.Log(level, 0, messageFunc(), exception, static (message, _) => message);
            return true;
        }
    }
}
