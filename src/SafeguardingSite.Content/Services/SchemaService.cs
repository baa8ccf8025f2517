using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Content.Data;
using SafeguardingSite.Content.Model;
using SafeguardingSite.Content.PropertyEditors;
using SafeguardingSite.Content.Published;

namespace SafeguardingSite.Content.Services;

/// <summary>
/// Creates and updates document types and data types (by key, so uSync imports are repeatable), checking that aliases
/// are well formed, editors exist, regexes compile and compositions and child types refer to real types.
/// </summary>
public sealed partial class SchemaService(
    IDbContextFactory<ContentDbContext> contexts,
    PublishedSnapshotService snapshots,
    TimeProvider clock)
{
    private static readonly HashSet<string> KnownEditors = typeof(EditorAliases)
        .GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet(StringComparer.Ordinal);

    public async Task<ContentSchema> GetSchemaAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return new ContentSchema(
            await db.DocumentTypes.AsNoTracking().ToListAsync(cancellationToken),
            await db.DataTypes.AsNoTracking().ToListAsync(cancellationToken));
    }

    public async Task SaveDataTypeAsync(DataType dataType, string user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataType);
        ThrowIfAny(CheckDataType(dataType));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.DataTypes.FirstOrDefaultAsync(d => d.Key == dataType.Key, cancellationToken);
        if (await db.DataTypes.AnyAsync(d => d.Alias == dataType.Alias && d.Key != dataType.Key, cancellationToken))
        {
            throw new ContentException(ContentErrorKind.Conflict, $"Another data type already uses the alias '{dataType.Alias}'.");
        }

        if (existing is null)
        {
            db.DataTypes.Add(dataType);
        }
        else
        {
            existing.Alias = dataType.Alias;
            existing.Name = dataType.Name;
            existing.EditorAlias = dataType.EditorAlias;
            existing.ConfigurationJson = string.IsNullOrWhiteSpace(dataType.ConfigurationJson) ? "{}" : dataType.ConfigurationJson;
        }

        Record(db, user, "dataType", dataType.Key, existing is null ? "Created" : "Saved", dataType.Alias);
        await db.SaveChangesAsync(cancellationToken);
        await snapshots.RefreshAsync(db.Changes.Local.Max(c => c.Sequence), cancellationToken);
    }

    /// <summary>Saves a document type. Compositions and allowed children may name types saved later in the same import.</summary>
    public async Task SaveDocumentTypeAsync(DocumentType type, string user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var dataTypes = await db.DataTypes.AsNoTracking().Select(d => d.Alias).ToListAsync(cancellationToken);
        ThrowIfAny(CheckDocumentType(type, dataTypes));
        var existing = await db.DocumentTypes.FirstOrDefaultAsync(d => d.Key == type.Key, cancellationToken);
        if (await db.DocumentTypes.AnyAsync(d => d.Alias == type.Alias && d.Key != type.Key, cancellationToken))
        {
            throw new ContentException(ContentErrorKind.Conflict, $"Another document type already uses the alias '{type.Alias}'.");
        }

        if (existing is null)
        {
            db.DocumentTypes.Add(type);
        }
        else
        {
            db.Entry(existing).CurrentValues.SetValues(type);
            existing.AllowedChildTypes = [.. type.AllowedChildTypes];
            existing.Compositions = [.. type.Compositions];
            existing.Properties = [.. type.Properties];
        }

        Record(db, user, "documentType", type.Key, existing is null ? "Created" : "Saved", type.Alias);
        await db.SaveChangesAsync(cancellationToken);
        await snapshots.RefreshAsync(db.Changes.Local.Max(c => c.Sequence), cancellationToken);
    }

    /// <summary>The rules a data type must meet before it is saved, keyed by field; empty when it is valid.</summary>
    public static Dictionary<string, string[]> CheckDataType(DataType dataType)
    {
        ArgumentNullException.ThrowIfNull(dataType);
        var errors = new Dictionary<string, string[]>();
        CheckAlias(dataType.Alias, "alias", errors);
        if (!KnownEditors.Contains(dataType.EditorAlias))
        {
            errors["editorAlias"] = [$"'{dataType.EditorAlias}' is not a property editor this site has."];
        }

        try
        {
            if (JsonNode.Parse(string.IsNullOrWhiteSpace(dataType.ConfigurationJson) ? "{}" : dataType.ConfigurationJson) is not JsonObject)
            {
                errors["configuration"] = ["The configuration must be a JSON object."];
            }
        }
        catch (JsonException)
        {
            errors["configuration"] = ["The configuration is not valid JSON."];
        }

        return errors;
    }

    /// <summary>
    /// The rules a document type must meet before it is saved, given the data types that exist; empty when it is valid.
    /// Compositions and allowed children are not checked, because an import may save the types they name later.
    /// </summary>
    public static Dictionary<string, string[]> CheckDocumentType(DocumentType type, IReadOnlyCollection<string> dataTypeAliases)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(dataTypeAliases);
        var errors = new Dictionary<string, string[]>();
        CheckAlias(type.Alias, "alias", errors);
        if (string.IsNullOrWhiteSpace(type.Name))
        {
            errors["name"] = ["Enter a name."];
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in type.Properties)
        {
            var field = $"properties.{property.Alias}";
            CheckAlias(property.Alias, field, errors);
            if (!seen.Add(property.Alias))
            {
                errors[field] = [$"The property alias '{property.Alias}' is used twice."];
            }

            if (!dataTypeAliases.Contains(property.DataType, StringComparer.OrdinalIgnoreCase))
            {
                errors[field] = [$"Data type '{property.DataType}' does not exist."];
            }

            if (!string.IsNullOrEmpty(property.ValidationRegex) && !IsValidRegex(property.ValidationRegex))
            {
                errors[field] = [$"'{property.ValidationRegex}' is not a valid regular expression."];
            }
        }

        return errors;
    }

    private void Record(ContentDbContext db, string user, string entityType, Guid key, string action, string details)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Audit.Add(new AuditEntry { At = now, User = user, EntityType = entityType, EntityKey = key, Action = action, Details = details });
        db.Changes.Add(new ContentChange { At = now, Kind = "SchemaChanged", EntityKey = key });
    }

    private static void CheckAlias(string alias, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(alias) || !AliasPattern().IsMatch(alias))
        {
            errors[field] = [$"'{alias}' is not a valid alias: use letters and digits, starting with a letter (camelCase)."];
        }
    }

    private static bool IsValidRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void ThrowIfAny(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new ContentException(ContentErrorKind.Invalid, "The type definition needs correcting.", errors);
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,99}$")]
    private static partial Regex AliasPattern();
}
