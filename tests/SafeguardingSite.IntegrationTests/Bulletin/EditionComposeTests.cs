using System.Net;
using System.Text.RegularExpressions;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Bulletin.Model;
using SafeguardingSite.Content.ManagementApi;
using SafeguardingSite.IntegrationTests.BackOffice;
using SafeguardingSite.Platform.Contracts;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;

namespace SafeguardingSite.IntegrationTests.Bulletin;

/// <summary>One site per database for the compose, preview and test-send screens; each test uses its own editions.</summary>
public sealed class EditionComposeSites() : SitesPerProvider<EditionTestSite>(provider => EditionTestSite.StartAsync(provider));

/// <summary>Composing editions from blocks in the back office, the email preview, test sends and who may do it.</summary>
public sealed partial class EditionComposeTests(EditionComposeSites sites) : IClassFixture<EditionComposeSites>
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_edition_composed_from_every_block_type_previews_the_same_articles_in_html_and_text(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        var news = site.PublishedPage("newsArticle");
        var startsAt = site.Site.Clock.GetUtcNow().AddDays(9);
        site.Training.Items.Add(new UpcomingTrainingItem("Working Together refresher", "/training/working-together/", startsAt, "Online", null, 12));
        const string Title = "Compose every block";

        // Adding a block re-shows the form with what was typed, and nothing is saved yet.
        var added = await site.ComposeAsync(null, "add:article", ("Kind", "special"), ("Title", Title), ("Intro", "Kept intro"));
        var page = await added.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains($"value=\"{Title}\"", page, StringComparison.Ordinal);
        Assert.Contains("Kept intro</textarea>", page, StringComparison.Ordinal);
        Assert.Contains("Block 1 of 1: Article", page, StringComparison.Ordinal);
        Assert.Matches("id=\"kind-special\"[^>]*checked", page);

        // Searching lists published pages to pick from, keeping the other blocks as typed.
        var word = news.Name.Split(' ').First(w => w.Length > 3);
        var searched = await (await site.ComposeAsync(null, "search:1", ("Kind", "special"), ("Title", Title),
            ("Blocks[0].Kind", "article"), ("Blocks[0].Heading", "Typed heading"), ("Blocks[0].Body", "Typed body"),
            ("Blocks[1].Kind", "siteContent"), ("Blocks[1].Search", word))).Content.ReadAsStringAsync();
        Assert.Contains($"value=\"{news.Key}\"", searched, StringComparison.Ordinal);
        Assert.Contains("Typed body</textarea>", searched, StringComparison.Ordinal);

        (string, string)[] blocks =
        [
            ("Kind", "special"), ("Title", Title), ("Intro", "Four kinds of block."),
            ("Blocks[0].Kind", "safetyMessage"), ("Blocks[0].Heading", "Sling recall"), ("Blocks[0].Body", "Stop using **Model X** slings.\n\nSee [the recall notice](https://www.gov.uk/recall)."),
            ("Blocks[1].Kind", "article"), ("Blocks[1].Heading", "Neglect strategy launched"), ("Blocks[1].Body", "Read the [new strategy](/about/neglect/).\n\n- One\n- Two"),
            ("Blocks[2].Kind", "siteContent"), ("Blocks[2].ContentKey", news.Key.ToString()),
            ("Blocks[3].Kind", "upcomingTraining"), ("Blocks[3].Heading", "Book your place"), ("Blocks[3].TrainingCount", "3"),
        ];

        // Moving a block keeps everything and changes only the order.
        var moved = await (await site.ComposeAsync(null, "up:1", blocks)).Content.ReadAsStringAsync();
        Assert.True(moved.IndexOf("Neglect strategy launched", StringComparison.Ordinal) < moved.IndexOf("Sling recall", StringComparison.Ordinal));

        var id = await site.SaveNewAsync(blocks);
        var edit = await site.Editor.GetPageAsync($"/umbraco/bulletin/editions/{id}");
        Assert.Contains("Block 4 of 4: Upcoming training", edit, StringComparison.Ordinal);

        var preview = await site.Editor.GetAsync($"/umbraco/bulletin/editions/{id}/preview");
        var previewPage = await preview.Content.ReadAsStringAsync();
        Assert.Contains("script-src 'self'", preview.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains($"<iframe src=\"/umbraco/bulletin/editions/{id}/preview/email\" sandbox=\"allow-same-origin\"", previewPage, StringComparison.Ordinal);
        var phone = await site.Editor.GetPageAsync($"/umbraco/bulletin/editions/{id}/preview?width=phone");
        Assert.Contains("preview-frame--phone", phone, StringComparison.Ordinal);

        var email = await site.Editor.GetAsync($"/umbraco/bulletin/editions/{id}/preview/email");
        var policy = email.Headers.GetValues("Content-Security-Policy").Single();
        Assert.EndsWith("; sandbox allow-same-origin", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("style-src 'unsafe-inline'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        var html = await email.Content.ReadAsStringAsync();
        var text = WebUtility.HtmlDecode(PlainText().Match(previewPage).Groups[1].Value);

        Assert.Contains("<table role=\"presentation\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=", html, StringComparison.Ordinal);
        var headings = Heading().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(["Sling recall", "Neglect strategy launched", news.Name, "Book your place"], headings);
        foreach (var heading in headings)
        {
            Assert.Contains(heading, text, StringComparison.Ordinal);
        }

        Assert.Contains("<strong>Model X</strong>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://www.northdale-scp.example/about/neglect/\"", html, StringComparison.Ordinal);
        Assert.Contains("new strategy (https://www.northdale-scp.example/about/neglect/)", text, StringComparison.Ordinal);
        Assert.Contains($"https://www.northdale-scp.example{news.Url}", html, StringComparison.Ordinal);
        Assert.Contains($"https://www.northdale-scp.example{news.Url}", text, StringComparison.Ordinal);
        Assert.Contains("Working Together refresher", html, StringComparison.Ordinal);
        Assert.Contains("Working Together refresher", text, StringComparison.Ordinal);
        Assert.Contains("*** SAFETY MESSAGE ***", text, StringComparison.Ordinal);
        Assert.Contains("border:4px solid #a4000f", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Hostile_input_is_refused_beside_its_field_or_made_harmless_and_nothing_typed_is_lost(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        var longTitle = new string('t', 201);

        var refused = await site.ComposeAsync(null, "save",
            ("Kind", "42"), ("Title", longTitle), ("Intro", new string('i', 4001)),
            ("Blocks[0].Kind", "article"), ("Blocks[0].Heading", "Links"), ("Blocks[0].Body", "[click](javascript:alert(1))"),
            ("Blocks[1].Kind", "nonsense"),
            ("Blocks[2].Kind", "upcomingTraining"), ("Blocks[2].Heading", "Training"), ("Blocks[2].TrainingCount", "abc"),
            ("Blocks[3].Kind", "siteContent"), ("Blocks[3].ContentKey", "'; DROP TABLE bulletin_editions; --"),
            ("Blocks[4].Kind", "article"), ("Blocks[4].Heading", "Picture"), ("Blocks[4].Body", "![a](https://x.example/a.png)"),
            ("Blocks[5].Kind", "safetyMessage"), ("Blocks[5].Heading", "Huge"), ("Blocks[5].Body", new string('b', 4001)));
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        foreach (var field in new[] { "kind", "title", "intro", "blocks[0].body", "blocks[1].kind", "blocks[2].trainingcount", "blocks[3].contentkey", "blocks[4].body", "blocks[5].body" })
        {
            Assert.Contains($"id=\"field-{field}-error\"", page, StringComparison.Ordinal);
            Assert.Contains($"href=\"#field-{field}\"", page, StringComparison.Ordinal);
        }

        Assert.Contains($"value=\"{longTitle}\"", page, StringComparison.Ordinal);
        Assert.Contains("[click](javascript:alert(1))</textarea>", page, StringComparison.Ordinal);

        // Script and markup in what is accepted are shown as text wherever the edition appears.
        const string Sql = "'; DROP TABLE bulletin_editions; --";
        var id = await site.SaveNewAsync(("Kind", "monthly"), ("Title", "<script>alert('t')</script>" + Sql),
            ("Blocks[0].Kind", "article"), ("Blocks[0].Heading", "<img src=x onerror=alert(1)>"), ("Blocks[0].Body", "<script>alert(1)</script>\n\n<b onclick=\"x()\">bold</b> [ok](https://ok.example)"));
        var html = await (await site.Editor.GetAsync($"/umbraco/bulletin/editions/{id}/preview/email")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b onclick", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://ok.example\"", html, StringComparison.Ordinal);
        var list = await site.Editor.GetPageAsync("/umbraco/bulletin?status=draft&kind=monthly");
        Assert.Contains("&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt;&#x27;; DROP TABLE bulletin_editions; --", list, StringComparison.Ordinal);

        // Filters and paging that make no sense show the whole list rather than failing.
        foreach (var query in new[] { "?status=1'%20or%20'1'='1", "?status=3", "?kind=<script>", "?page=-5", "?page=99999999999", "?page=abc" })
        {
            Assert.Equal(HttpStatusCode.OK, (await site.Editor.GetAsync("/umbraco/bulletin" + query)).StatusCode);
        }

        // Without the form's antiforgery token nothing is saved.
        var forged = await site.Editor.PostWithoutTokenAsync("/umbraco/bulletin/editions/new", new() { ["Kind"] = "monthly", ["Title"] = "Forged", ["command"] = "save" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain(">Forged<", await site.Editor.GetPageAsync("/umbraco/bulletin"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Editor.GetAsync($"/umbraco/bulletin/editions/{Guid.NewGuid()}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_test_reaches_only_the_addresses_given_and_bad_address_lists_are_refused(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        await site.Bulletin.AddSubscribersAsync(2, prefix: $"test-send-{provider}-");
        var id = await site.SaveArticleAsync($"Test send {provider}");
        var preview = $"/umbraco/bulletin/editions/{id}/preview";

        var sent = await site.Editor.SubmitAsync(preview, $"/umbraco/bulletin/editions/{id}/test",
            new() { ["Addresses"] = "Designer@northdale-scp.example,\n manager@northdale-scp.example; designer@northdale-scp.example" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var received = site.Bulletin.Sink.Messages.Where(m => m.Subject == $"[Test] Test send {provider}").ToList();
        Assert.Equal(["designer@northdale-scp.example", "manager@northdale-scp.example"], received.SelectMany(m => m.EnvelopeTo).Order());
        Assert.Contains("Safer sleep week", received[0].Message.TextBody, StringComparison.Ordinal);
        Assert.Equal(EditionStatus.Draft, await site.StatusAsync(id));

        var tooMany = string.Join(",", Enumerable.Range(1, 11).Select(i => $"p{i}@northdale-scp.example"));
        foreach (var addresses in new[] { tooMany, "not-an-address", "<script>@x", string.Empty })
        {
            var refused = await site.Editor.SubmitAsync(preview, $"/umbraco/bulletin/editions/{id}/test", new() { ["Addresses"] = addresses });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("id=\"field-addresses-error\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(2, site.Bulletin.Sink.Messages.Count(m => m.Subject.StartsWith($"[Test] Test send {provider}", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Only_users_with_bulletin_edit_see_the_section_and_a_writer_gets_403(DatabaseProvider provider)
    {
        var site = await sites.ForAsync(provider);
        var id = await site.SaveArticleAsync($"Permission check {provider}");
        var writerEmail = $"writer-{provider}@northdale-scp.example".ToLowerInvariant();
        await site.CreateUserAsync(writerEmail, UserGroups.Writer);
        using var writer = await site.SignInAsync(writerEmail);

        Assert.DoesNotContain("href=\"/umbraco/bulletin\"", await writer.GetPageAsync("/umbraco"), StringComparison.Ordinal);
        Assert.Contains("href=\"/umbraco/bulletin\"", await site.Editor.GetPageAsync("/umbraco"), StringComparison.Ordinal);
        foreach (var path in new[] { "/umbraco/bulletin", "/umbraco/bulletin/editions/new", $"/umbraco/bulletin/editions/{id}/preview", $"/umbraco/bulletin/editions/{id}/progress.json" })
        {
            var refused = await writer.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            var deniedPage = new Uri(new Uri("https://localhost"), refused.Headers.Location!);
            Assert.Equal("/umbraco/access-denied", deniedPage.AbsolutePath);
            Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync(deniedPage.PathAndQuery)).StatusCode);
        }

        var token = BrowserClient.TokenIn(await writer.GetPageAsync("/umbraco/account/two-factor"));
        var send = await writer.Http.PostAsync($"/umbraco/bulletin/editions/{id}/send", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("When", "now")]));
        Assert.NotEqual(HttpStatusCode.OK, send.StatusCode);
        Assert.Equal("/umbraco/access-denied", new Uri(new Uri("https://localhost"), send.Headers.Location!).AbsolutePath);
        Assert.Equal(EditionStatus.Draft, await site.StatusAsync(id));

        using var anonymous = site.Site.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        Assert.StartsWith("https://localhost/umbraco/login", (await anonymous.GetAsync(new Uri("/umbraco/bulletin", UriKind.Relative))).Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex("<h2 style=\"[^\"]*\">([^<]*)</h2>")]
    private static partial Regex Heading();

    [GeneratedRegex("<pre class=\"preview-text\"[^>]*>([\\s\\S]*?)</pre>")]
    private static partial Regex PlainText();
}
