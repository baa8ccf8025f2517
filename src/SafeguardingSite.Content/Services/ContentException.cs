namespace SafeguardingSite.Content.Services;

public enum ContentErrorKind
{
    /// <summary>The request is wrong: a missing name, a type not allowed here, a value of the wrong type.</summary>
    Invalid,
    NotFound,

    /// <summary>The request is fine but the content's state forbids it, e.g. publishing below an unpublished parent.</summary>
    Conflict,
    Forbidden,
}

/// <summary>A rule of the content engine was broken. Carries field errors so forms and APIs can show each beside its field.</summary>
public sealed class ContentException : Exception
{
    public ContentException(ContentErrorKind kind, string message, IReadOnlyDictionary<string, string[]>? errors = null)
        : base(message)
    {
        Kind = kind;
        Errors = errors ?? new Dictionary<string, string[]>();
    }

    public ContentException()
        : this(ContentErrorKind.Invalid, "The content request is not valid.")
    {
    }

    public ContentException(string message)
        : this(ContentErrorKind.Invalid, message)
    {
    }

    public ContentException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = new Dictionary<string, string[]>();
    }

    public ContentErrorKind Kind { get; }
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public static ContentException NotFound(string what, Guid key) => new(ContentErrorKind.NotFound, $"{what} {key} was not found.");
}
