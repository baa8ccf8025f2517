namespace SafeguardingSite.Content.Model;

/// <summary>An old public path that now answers 301 with the node's current URL, or with a fixed address.</summary>
public sealed class RedirectUrl
{
    public const int MaxPathLength = 1000;
    public const int MaxTargetUrlLength = 2000;

    public long Id { get; set; }
    public required string OldPath { get; set; }

    /// <summary>The page the path leads to; <see cref="Guid.Empty"/> when the redirect goes to <see cref="TargetUrl"/>.</summary>
    public Guid NodeKey { get; set; }

    /// <summary>A manual redirect's fixed destination: a path on this site or an https address elsewhere.</summary>
    public string? TargetUrl { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Manual redirects are added by editors; automatic ones come from renames and moves.</summary>
    public bool IsManual { get; set; }

    /// <summary>Who added a manual redirect; null for automatic ones.</summary>
    public string? CreatedBy { get; set; }
}
