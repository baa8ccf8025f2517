namespace SafeguardingSite.Content.Published;

/// <summary>The current published snapshot. Reading it never touches the database.</summary>
public interface IPublishedSnapshotAccessor
{
    PublishedSnapshot Current { get; }
}
