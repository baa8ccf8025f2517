using Npgsql;
using Xunit;
using SafeguardingSite.Platform.Data;

namespace SafeguardingSite.Testing;

/// <summary>
/// A throwaway database for one test host: a temporary SQLite file, or a freshly created PostgreSQL database on the
/// server named by SAFEGUARDING_TEST_POSTGRES (scripts/test.sh and .ci/run start one on loopback).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "SAFEGUARDING_TEST_POSTGRES";

    private readonly string? sqliteFolder;
    private readonly string? postgresName;
    private readonly string? postgresAdmin;

    private TestDatabase(DatabaseOptions options, string? sqliteFolder, string? postgresName, string? postgresAdmin)
    {
        Options = options;
        this.sqliteFolder = sqliteFolder;
        this.postgresName = postgresName;
        this.postgresAdmin = postgresAdmin;
    }

    public DatabaseOptions Options { get; }

    public DatabaseProvider Provider => Options.Provider;

    /// <summary>The providers every data test runs on.</summary>
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql };

    private int hosts;

    /// <summary>True for the first site host to use this database only: later hosts find what the first one made.</summary>
    internal bool TakeFirstUse() => Interlocked.Increment(ref hosts) == 1;

    /// <summary>
    /// Replaces this (still unused) database with a copy of <paramref name="template"/>: a file copy on SQLite, and on
    /// PostgreSQL a database recreated from the template, which copies files rather than replaying migrations.
    /// </summary>
    internal void CopyFrom(TestDatabase template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (sqliteFolder is not null)
        {
            File.Copy(SqliteFile(template.Options), SqliteFile(Options), overwrite: true);
            return;
        }

        using var connection = new NpgsqlConnection(postgresAdmin);
        connection.Open();
        foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {postgresName} WITH (FORCE)", $"CREATE DATABASE {postgresName} TEMPLATE {template.postgresName}" })
        {
            using var command = new NpgsqlCommand(sql, connection);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Writes everything in the write-ahead log into the main file, so a copy of the file alone is complete.</summary>
    internal void Checkpoint()
    {
        if (sqliteFolder is null)
        {
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(Options.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        command.ExecuteNonQuery();
    }

    private static string SqliteFile(DatabaseOptions options) => new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.ConnectionString).DataSource;

    public static Task<TestDatabase> CreateAsync(DatabaseProvider provider) => CreateAsync(provider, pooling: true);

    /// <summary>A template is made without connection pooling: PostgreSQL copies a database only when nobody is connected to it.</summary>
    internal static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool pooling)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "sg-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            return new TestDatabase(
                new DatabaseOptions { Provider = provider, ConnectionString = $"Data Source={Path.Combine(folder, "site.db")};Default Timeout=60" },
                folder, null, null);
        }

        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException(
                $"PostgreSQL tests need {PostgresVariable} (a connection string to a server where databases can be created). " +
                "Run the suite with scripts/test.sh, which starts a throwaway server.");
        }

        var name = "sg_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = pooling };
        return new TestDatabase(new DatabaseOptions { Provider = provider, ConnectionString = builder.ToString() }, null, name, admin);
    }

    public async ValueTask DisposeAsync()
    {
        if (sqliteFolder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(sqliteFolder, recursive: true);
            }
            catch (IOException)
            {
                // a file still open by a background thread: the temp folder is cleaned up by the OS
            }
        }

        if (postgresName is not null && postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(postgresAdmin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {postgresName} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
