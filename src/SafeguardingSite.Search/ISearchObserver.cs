namespace SafeguardingSite.Search;

/// <summary>Told about every search a reader runs on the site, e.g. by the analytics module to report popular or failing queries.</summary>
public interface ISearchObserver
{
    void Searched(string query, int resultCount);
}

/// <summary>The default until a module registers its own observer.</summary>
public sealed class NoSearchObserver : ISearchObserver
{
    public void Searched(string query, int resultCount)
    {
    }
}
