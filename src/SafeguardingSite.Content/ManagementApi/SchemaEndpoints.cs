using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SafeguardingSite.Content.Services;

namespace SafeguardingSite.Content.ManagementApi;

/// <summary>Read-only views of document types and data types; they are changed through uSync files.</summary>
internal static class SchemaEndpoints
{
    public static void MapSchemaEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/document-type", async (SchemaService schema, CancellationToken cancellationToken) =>
            Results.Ok((await schema.GetSchemaAsync(cancellationToken)).DocumentTypes.OrderBy(t => t.Alias, StringComparer.Ordinal)
                .Select(t => DocumentTypeResponse.From(t)).ToList()));

        api.MapGet("/document-type/{alias}", async (string alias, SchemaService schema, CancellationToken cancellationToken) =>
        {
            var current = await schema.GetSchemaAsync(cancellationToken);
            var type = (Guid.TryParse(alias, out var key) ? current.FindDocumentType(key) : current.FindDocumentType(alias))
                ?? throw new ContentException(ContentErrorKind.NotFound, $"There is no document type '{alias}'.");
            return Results.Ok(DocumentTypeResponse.From(type, current));
        });

        api.MapGet("/data-type", async (SchemaService schema, CancellationToken cancellationToken) =>
            Results.Ok((await schema.GetSchemaAsync(cancellationToken)).DataTypes.OrderBy(t => t.Alias, StringComparer.Ordinal)
                .Select(DataTypeResponse.From).ToList()));

        api.MapGet("/data-type/{alias}", async (string alias, SchemaService schema, CancellationToken cancellationToken) =>
        {
            var current = await schema.GetSchemaAsync(cancellationToken);
            var type = (Guid.TryParse(alias, out var key) ? current.DataTypes.FirstOrDefault(d => d.Key == key) : current.FindDataType(alias))
                ?? throw new ContentException(ContentErrorKind.NotFound, $"There is no data type '{alias}'.");
            return Results.Ok(DataTypeResponse.From(type));
        });
    }
}
