using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SafeguardingSite.BackOffice.Data;

/// <summary>Lets `dotnet ef migrations add` build each provider's context without starting the web host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteBackOfficeDbContext>
{
    public SqliteBackOfficeDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteBackOfficeDbContext>()
            .UseSqlite("Data Source=design.db", o => o.MigrationsHistoryTable(BackOfficeDbContext.MigrationsHistoryTable))
            .Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresBackOfficeDbContext>
{
    public PostgresBackOfficeDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresBackOfficeDbContext>()
            .UseNpgsql("Host=localhost;Database=design", o => o.MigrationsHistoryTable(BackOfficeDbContext.MigrationsHistoryTable))
            .Options);
}
