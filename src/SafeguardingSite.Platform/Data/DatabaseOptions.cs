namespace SafeguardingSite.Platform.Data;

/// <summary>Which database the site runs on. SQLite is the embedded default so a fresh clone runs with no server.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>ADO.NET connection string. For SQLite a relative Data Source is resolved against the content root.</summary>
    public string ConnectionString { get; set; } = "Data Source=App_Data/safeguarding.db";
}
