using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace SafeguardingSite.Testing;

/// <summary>
/// Counts the database commands run while serving HTTP requests, and only those: background work on the same database
/// (the change-feed poll, jobs) runs outside any request and is not counted.
/// </summary>
public sealed class DatabaseCommandCounter : DbCommandInterceptor, IStartupFilter
{
    private static readonly AsyncLocal<DatabaseCommandCounter?> Counting = new();
    private int count;

    public int Count => Volatile.Read(ref count);

    public void Reset() => Interlocked.Exchange(ref count, 0);

    public static void Register(IServiceCollection services)
    {
        var counter = new DatabaseCommandCounter();
        services.AddSingleton(counter);
        services.AddSingleton<IInterceptor>(counter);
        services.AddSingleton<IStartupFilter>(counter);
    }

    /// <summary>Counts the commands <paramref name="work"/> runs, to show the counter sees what it should.</summary>
    public async Task CountDuringAsync(Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Counting.Value = this;
        try
        {
            await work();
        }
        finally
        {
            Counting.Value = null;
        }
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            Counting.Value = this;
            try
            {
                await nextMiddleware(context);
            }
            finally
            {
                Counting.Value = null;
            }
        });
        next(app);
    };

    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        if (Counting.Value == this)
        {
            Interlocked.Increment(ref count);
        }

        return base.CommandInitialized(eventData, result);
    }
}
