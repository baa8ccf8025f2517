using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.IntegrationTests.Content;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing.Smtp;

namespace SafeguardingSite.IntegrationTests.BackOffice;

/// <summary>The content test site with an SMTP sink, and browser-like clients: cookies, no automatic redirects, HTTPS.</summary>
public sealed partial class BackOfficeTestSite : IAsyncDisposable
{
    public const string GoodPassword = "river-kettle-lantern-93";

    private BackOfficeTestSite(ContentTestContext content, SmtpSink mail)
    {
        Content = content;
        Mail = mail;
    }

    public ContentTestContext Content { get; }
    public SmtpSink Mail { get; }

    public static async Task<BackOfficeTestSite> StartAsync(DatabaseProvider provider, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var mail = SmtpSink.Start();
        var configuration = new Dictionary<string, string?>
        {
            ["Mail:Host"] = mail.Host,
            ["Mail:Port"] = mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:UseStartTls"] = "false",
            ["Mail:UserName"] = string.Empty,
            ["BackOffice:PublicBaseUrl"] = "https://localhost",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var content = await ContentTestContext.StartAsync(provider, configuration);
        return new BackOfficeTestSite(content, mail);
    }

    public T Service<T>()
        where T : notnull => Content.Site.Services.GetRequiredService<T>();

    public BrowserClient NewClient() => new(Content.Site.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    }));

    /// <summary>A user with a password, made directly so tests about other things need not go through the invitation.</summary>
    public async Task<BackOfficeUser> CreateUserAsync(string email, string group, IReadOnlyCollection<Guid>? startNodes = null)
    {
        await using var scope = Content.Site.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<BackOfficeUsers>();
        var (user, result) = await accounts.CreateAsync(email, email.Split('@')[0], [group], startNodes ?? [], "test");
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>();
        Assert.True((await users.AddPasswordAsync(user!, GoodPassword)).Succeeded);
        return user!;
    }

    public async Task<BrowserClient> SignInAsync(string email, string password = GoodPassword)
    {
        var client = NewClient();
        var response = await client.SubmitAsync("/umbraco/login", "/umbraco/login", new() { ["Email"] = email, ["Password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    /// <summary>The 6-digit TOTP code (RFC 6238: HMAC-SHA1, 30-second steps) for a base32 key at a moment.</summary>
    public static string TotpCode(string base32Key, DateTimeOffset at)
    {
        var key = Base32Decode(base32Key.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant());
        var counter = BitConverter.GetBytes(at.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

#pragma warning disable CA5350 // RFC 6238 authenticator apps use HMAC-SHA1; the test must compute what they compute.
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32Decode(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | Alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
            }
        }

        return [.. bytes];
    }

    public static string LinkIn(string text) => LinkPattern().Match(text) is { Success: true } m ? m.Value : throw new InvalidOperationException("No link in: " + text);

    [GeneratedRegex(@"https?://\S+/umbraco/set-password\?\S+")]
    private static partial Regex LinkPattern();

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync();
        await Mail.DisposeAsync();
    }
}

/// <summary>An HTTP client that behaves like a browser with forms: it keeps cookies and reads each form's antiforgery token.</summary>
public sealed partial class BrowserClient(HttpClient http) : IDisposable
{
    public HttpClient Http { get; } = http;

    public Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(path);

    public async Task<string> GetPageAsync(string path)
    {
        var response = await Http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {html}");
        return html;
    }

    /// <summary>Opens the page with the form, then posts the fields with that page's antiforgery token, as a browser would.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string formPage, string action, Dictionary<string, string> fields, IEnumerable<KeyValuePair<string, string>>? repeated = null)
    {
        var html = await GetPageAsync(formPage);
        AssertFormCarriesToken(html, formPage, action);
        var values = fields.ToList();
        values.Add(new("__RequestVerificationToken", TokenIn(html)));
        values.AddRange(repeated ?? []);
        return await Http.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>
    /// A form on the page that posts to <paramref name="action"/> must carry its own token: a browser sends only the
    /// fields inside the form, so a token elsewhere on the page (the sign-out form's) would not save it from a 400.
    /// </summary>
    private static void AssertFormCarriesToken(string html, string formPage, string action)
    {
        foreach (Match form in PostForm().Matches(html))
        {
            var target = ActionAttribute().Match(form.Groups[1].Value) is { Success: true } a ? System.Net.WebUtility.HtmlDecode(a.Groups[1].Value) : formPage;
            if (target == action && !FormToken().IsMatch(form.Groups[2].Value))
            {
                Assert.Fail($"The form on {formPage} that posts to {action} has no antiforgery token of its own; a browser would be refused.");
            }
        }
    }

    public Task<HttpResponseMessage> PostWithoutTokenAsync(string action, Dictionary<string, string> fields) =>
        Http.PostAsync(action, new FormUrlEncodedContent(fields));

    public static string TokenIn(string html) =>
        FormToken().Match(html) is { Success: true } m ? System.Net.WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token in the page.");

    /// <summary>The token the back office's pages give scripts for the Management API.</summary>
    public static string MetaTokenIn(string html) =>
        MetaToken().Match(html) is { Success: true } m ? System.Net.WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("No token meta tag in the page.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    [GeneratedRegex("<form\\b([^>]*\\bmethod=\"post\"[^>]*)>(.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex PostForm();

    [GeneratedRegex("\\baction=\"([^\"]*)\"")]
    private static partial Regex ActionAttribute();

    [GeneratedRegex("<meta name=\"request-verification-token\" content=\"([^\"]+)\"")]
    private static partial Regex MetaToken();

    public void Dispose() => Http.Dispose();
}
