using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SafeguardingSite.Bulletin.Data;

/// <summary>Lets `dotnet ef migrations add` build each provider's context without starting the web host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteBulletinDbContext>
{
    public SqliteBulletinDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteBulletinDbContext>()
            .UseSqlite("Data Source=design.db", o => o.MigrationsHistoryTable(BulletinDbContext.MigrationsHistoryTable))
            .Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresBulletinDbContext>
{
    public PostgresBulletinDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresBulletinDbContext>()
            .UseNpgsql("Host=localhost;Database=design", o => o.MigrationsHistoryTable(BulletinDbContext.MigrationsHistoryTable))
            .Options);
}
