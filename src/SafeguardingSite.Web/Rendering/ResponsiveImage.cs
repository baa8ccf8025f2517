using SafeguardingSite.Content.Media;
using SafeguardingSite.Content.Published;

namespace SafeguardingSite.Web.Rendering;

/// <summary>
/// An image from the library as an &lt;img&gt; with srcset and sizes, so a phone downloads a 640-pixel copy rather
/// than the 3,000-pixel original. <paramref name="Sizes"/> says how wide the image is drawn at each screen width.
/// </summary>
public sealed record ResponsiveImage(PublishedMedia Image, string Sizes, bool Lazy = true)
{
    /// <summary>An image in the reading column (article images, image blocks, campaign banners).</summary>
    public const string ColumnSizes = "(min-width: 48rem) 46rem, 100vw";

    /// <summary>An image on a card in a grid of cards.</summary>
    public const string CardSizes = "(min-width: 64rem) 22rem, (min-width: 40rem) 45vw, 100vw";

    public string? SrcSet => ImageVariants.SrcSet(Image);
}
