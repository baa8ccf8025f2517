using System.Collections.Frozen;

namespace SafeguardingSite.Content.DeliveryApi;

/// <summary>
/// Which properties an <c>expand</c> or <c>fields</c> parameter names, as a tree: <c>properties[a,b[properties[c]]]</c>
/// selects a and b, and inside b's expanded value selects c.
/// </summary>
internal sealed class PropertySelection
{
    private readonly FrozenDictionary<string, PropertySelection?> named;
    private readonly PropertySelection? nestedForAll;

    public PropertySelection(bool all, IReadOnlyDictionary<string, PropertySelection?> named, PropertySelection? nestedForAll = null)
    {
        All = all;
        this.named = named.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        this.nestedForAll = nestedForAll;
    }

    public static PropertySelection None { get; } = new(false, new Dictionary<string, PropertySelection?>());

    public static PropertySelection Everything { get; } = new(true, new Dictionary<string, PropertySelection?>());

    public bool All { get; }

    public IEnumerable<string> Aliases => named.Keys;

    public bool Includes(string alias) => All || named.ContainsKey(alias);

    /// <summary>The selection that applies inside the value of <paramref name="alias"/>, or null when none was given.</summary>
    public PropertySelection? Inside(string alias) =>
        named.TryGetValue(alias, out var nested) ? nested ?? (All ? nestedForAll : null) : All ? nestedForAll : null;
}
