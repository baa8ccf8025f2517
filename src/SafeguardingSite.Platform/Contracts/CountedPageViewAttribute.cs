namespace SafeguardingSite.Platform.Contracts;

/// <summary>
/// Marks an action as a public page that the site's analytics counts as a page view. Pages from the content tree are
/// counted already; this is for public pages a module serves itself, such as the training catalogue.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, Inherited = false)]
public sealed class CountedPageViewAttribute : Attribute;
