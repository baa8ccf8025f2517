using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace SafeguardingSite.Platform.Data;

/// <summary>
/// Every module owns one DbContext with a provider-specific subclass per database, each holding its own migrations.
/// This registers the right subclass behind the module's base type, both scoped and as a factory for singletons.
/// </summary>
public static class ModuleDbContextRegistration
{
    public static IServiceCollection AddModuleDbContext<TContext, TSqlite, TPostgres>(
        this IServiceCollection services,
        DatabaseOptions database,
        string migrationsHistoryTable)
        where TContext : DbContext
        where TSqlite : TContext
        where TPostgres : TContext
    {
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            Register<TContext, TPostgres>(services, (sp, o) => o.UseNpgsql(database.ConnectionString,
                npgsql => npgsql.MigrationsHistoryTable(migrationsHistoryTable)));
        }
        else
        {
            Register<TContext, TSqlite>(services, (sp, o) => o.UseSqlite(database.ConnectionString,
                sqlite => sqlite.MigrationsHistoryTable(migrationsHistoryTable)));
        }

        return services;
    }

    private static void Register<TContext, TImplementation>(
        IServiceCollection services,
        Action<IServiceProvider, DbContextOptionsBuilder> configure)
        where TContext : DbContext
        where TImplementation : TContext
    {
        services.AddDbContextFactory<TImplementation>((sp, o) =>
        {
            configure(sp, o);
            o.AddInterceptors(sp.GetServices<IInterceptor>());
        });
        services.AddSingleton<IDbContextFactory<TContext>>(sp =>
            new UpcastingFactory<TContext, TImplementation>(sp.GetRequiredService<IDbContextFactory<TImplementation>>()));
        services.AddScoped<TContext>(sp => sp.GetRequiredService<IDbContextFactory<TImplementation>>().CreateDbContext());
    }

    private sealed class UpcastingFactory<TContext, TImplementation>(IDbContextFactory<TImplementation> inner)
        : IDbContextFactory<TContext>
        where TContext : DbContext
        where TImplementation : TContext
    {
        public TContext CreateDbContext() => inner.CreateDbContext();
    }

    /// <summary>Resolves a relative SQLite data source against the content root and makes sure its folder exists.</summary>
    public static DatabaseOptions ResolveSqlitePath(DatabaseOptions options, string contentRoot)
    {
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            return options;
        }

        var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        if (builder.DataSource != ":memory:" && !builder.DataSource.StartsWith("file:", StringComparison.Ordinal)
            && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }

        if (builder.DataSource != ":memory:" && Path.GetDirectoryName(builder.DataSource) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        builder.DefaultTimeout = builder.DefaultTimeout <= 30 ? 60 : builder.DefaultTimeout;
        return new DatabaseOptions { Provider = options.Provider, ConnectionString = builder.ToString() };
    }

    /// <summary>WAL lets readers carry on while a publish writes; without it SQLite readers block on every write.</summary>
    public static async Task EnableSqliteWriteAheadLogAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (connection is not SqliteConnection)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
