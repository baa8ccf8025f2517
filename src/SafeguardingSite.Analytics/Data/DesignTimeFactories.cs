using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SafeguardingSite.Analytics.Data;

/// <summary>Lets `dotnet ef migrations add` build each provider's context without starting the web host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAnalyticsDbContext>
{
    public SqliteAnalyticsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAnalyticsDbContext>()
            .UseSqlite("Data Source=design.db", o => o.MigrationsHistoryTable(AnalyticsDbContext.MigrationsHistoryTable))
            .Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAnalyticsDbContext>
{
    public PostgresAnalyticsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAnalyticsDbContext>()
            .UseNpgsql("Host=localhost;Database=design", o => o.MigrationsHistoryTable(AnalyticsDbContext.MigrationsHistoryTable))
            .Options);
}
