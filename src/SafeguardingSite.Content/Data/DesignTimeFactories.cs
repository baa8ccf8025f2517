using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SafeguardingSite.Content.Data;

/// <summary>Lets `dotnet ef migrations add` build each provider's context without starting the web host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteContentDbContext>
{
    public SqliteContentDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteContentDbContext>()
            .UseSqlite("Data Source=design.db", o => o.MigrationsHistoryTable(ContentDbContext.MigrationsHistoryTable))
            .Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresContentDbContext>
{
    public PostgresContentDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresContentDbContext>()
            .UseNpgsql("Host=localhost;Database=design", o => o.MigrationsHistoryTable(ContentDbContext.MigrationsHistoryTable))
            .Options);
}
