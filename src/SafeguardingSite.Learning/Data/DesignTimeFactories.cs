using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SafeguardingSite.Learning.Data;

/// <summary>Lets `dotnet ef migrations add` build each provider's context without starting the web host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLearningDbContext>
{
    public SqliteLearningDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteLearningDbContext>()
            .UseSqlite("Data Source=design.db", o => o.MigrationsHistoryTable(LearningDbContext.MigrationsHistoryTable))
            .Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresLearningDbContext>
{
    public PostgresLearningDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresLearningDbContext>()
            .UseNpgsql("Host=localhost;Database=design", o => o.MigrationsHistoryTable(LearningDbContext.MigrationsHistoryTable))
            .Options);
}
