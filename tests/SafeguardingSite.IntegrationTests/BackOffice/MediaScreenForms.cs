using System.Net;
using System.Text.RegularExpressions;

namespace SafeguardingSite.IntegrationTests.BackOffice;

/// <summary>Multipart forms as a browser sends them from the media screens: the page's antiforgery token, the fields, one file.</summary>
internal static partial class MediaScreenForms
{
    public static async Task<HttpResponseMessage> UploadAsync(
        this BrowserClient client, string formPage, string action, Dictionary<string, string> fields, byte[] file, string fileName)
    {
        var token = BrowserClient.TokenIn(await client.GetPageAsync(formPage));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(file), "file", fileName },
        };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return await client.Http.PostAsync(action, form);
    }

    /// <summary>The id in a redirect to /umbraco/media/{id}.</summary>
    public static Guid ItemIdFrom(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var match = ItemPath().Match(response.Headers.Location!.OriginalString);
        Assert.True(match.Success, $"Not a media item address: {response.Headers.Location}");
        return Guid.Parse(match.Groups[1].Value);
    }

    [GeneratedRegex("/umbraco/media/([0-9a-f-]{36})$")]
    private static partial Regex ItemPath();
}
