namespace SafeguardingSite.BackOffice;

/// <summary>
/// The one rule for a form field's element id, from its field name or content path (<c>summary</c>,
/// <c>blocks[0].heading</c>). Fields, error summaries and the pre-publish checks all link with it, so a link to a
/// field always finds it.
/// </summary>
public static class FieldIds
{
    public static string For(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return "field-" + name.ToLowerInvariant();
    }

    /// <summary>The fragment that takes the reader to the field, e.g. <c>#field-mainimage</c>.</summary>
    public static string Fragment(string name) => "#" + For(name);
}
