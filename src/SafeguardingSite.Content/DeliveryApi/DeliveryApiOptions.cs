namespace SafeguardingSite.Content.DeliveryApi;

public sealed class DeliveryApiOptions
{
    public const string SectionName = "DeliveryApi";

    /// <summary>The secret a headless front end sends in the Api-Key header to read drafts; empty disables preview.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The largest page a query may ask for, so one request cannot serialise the whole site.</summary>
    public int MaxTake { get; set; } = 1000;
}
