namespace SafeguardingSite.Web.Rendering;

/// <summary>
/// The knowledge hub's resource types. Each has its own structure on the page, drawn by the partial named here from
/// the fields of the resource's Structure tab; the names are the values editors choose in <c>resourceType</c>.
/// </summary>
public static class ResourceTypes
{
    private static readonly Dictionary<string, string> Partials = new(StringComparer.OrdinalIgnoreCase)
    {
        ["One-minute guide"] = "OneMinuteGuide",
        ["7-minute briefing"] = "SevenMinuteBriefing",
        ["Learning briefing"] = "LearningBriefing",
        ["Safeguarding practice review"] = "PracticeReview",
        ["Policy or procedure"] = "Policy",
        ["Template document"] = "TemplateDocument",
        ["Leaflet"] = "Leaflet",
        ["Video or podcast"] = "VideoOrPodcast",
    };

    /// <summary>The view that draws this type's structure, or null for a type the site does not know.</summary>
    public static string? PartialFor(string? resourceType) =>
        resourceType is not null && Partials.TryGetValue(resourceType, out var name) ? $"~/Views/Templates/Resources/{name}.cshtml" : null;
}
