using System.Net;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;
using SafeguardingSite.Web.Toolkit;
using UglyToad.PdfPig;

namespace SafeguardingSite.IntegrationTests.Toolkit;

/// <summary>The toolkit's modules: read in full or a section at a time, and downloaded as PDFs, singly or as a chosen set.</summary>
public class ToolkitPageTests(ToolkitSites sites) : IClassFixture<ToolkitSites>
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_module_reads_in_full_with_contents_or_one_section_at_a_time(DatabaseProvider provider)
    {
        var toolkit = await sites.ForAsync(provider);
        var module = toolkit.Module("Talking to families");
        var sections = ToolkitModules.Sections(module);
        Assert.True(sections.Count >= 3);

        var full = WebUtility.HtmlDecode(await toolkit.Client.GetStringAsync(module.Url));
        Assert.Contains("<h1>Talking to families</h1>", full, StringComparison.Ordinal);
        Assert.Contains("<nav class=\"toolkit-contents\" aria-label=\"Sections in this module\">", full, StringComparison.Ordinal);
        Assert.All(sections, s =>
        {
            Assert.Contains($"<a href=\"#{s.Slug}\">{s.Heading}</a>", full, StringComparison.Ordinal);
            Assert.Contains($"<h2 id=\"{s.Slug}\">{s.Heading}</h2>", full, StringComparison.Ordinal);
        });
        Assert.Contains($"href=\"/toolkit/pdf?module={module.Key:D}\"", full, StringComparison.Ordinal);

        var second = sections[1];
        var one = WebUtility.HtmlDecode(await toolkit.Client.GetStringAsync(module.Url + "?section=" + second.Slug));
        Assert.Contains($"<h2 id=\"{second.Slug}\">{second.Heading}</h2>", one, StringComparison.Ordinal);
        Assert.DoesNotContain($"<h2 id=\"{sections[0].Slug}\">", one, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"?section={sections[0].Slug}\" rel=\"prev\">Previous: {sections[0].Heading}</a>", one, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"?section={sections[2].Slug}\" rel=\"next\">Next: {sections[2].Heading}</a>", one, StringComparison.Ordinal);
        Assert.Contains($"Section 2 of {sections.Count}", one, StringComparison.Ordinal);

        var first = WebUtility.HtmlDecode(await toolkit.Client.GetStringAsync(module.Url + "?section=" + sections[0].Slug));
        Assert.DoesNotContain("rel=\"prev\"", first, StringComparison.Ordinal);

        // An unknown or hostile section falls back to the whole module, with the value never echoed back.
        var hostile = await toolkit.Client.GetAsync(module.Url + "?section=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        var hostileHtml = await hostile.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, hostile.StatusCode);
        Assert.DoesNotContain("<script>alert", hostileHtml, StringComparison.Ordinal);
        Assert.Contains($"<h2 id=\"{sections[^1].Slug}\">", hostileHtml, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_landing_page_lists_the_modules_the_chooser_and_the_assessment_and_the_topic_links_to_it(DatabaseProvider provider)
    {
        var toolkit = await sites.ForAsync(provider);
        var modules = ToolkitModules.ModulesOf(toolkit.Toolkit);
        Assert.True(modules.Count >= 5);

        var html = WebUtility.HtmlDecode(await toolkit.Client.GetStringAsync(toolkit.Toolkit.Url));
        Assert.Contains("<form class=\"toolkit-download\" method=\"get\" action=\"/toolkit/pdf\"", html, StringComparison.Ordinal);
        Assert.All(modules, m => Assert.Contains($"name=\"module\" value=\"{m.Key:D}\"", html, StringComparison.Ordinal));
        Assert.Contains($"href=\"{toolkit.Assessment.Url}\"", html, StringComparison.Ordinal);

        var topic = await toolkit.Client.GetStringAsync("/resources/neglect/");
        Assert.Contains($"href=\"{toolkit.Toolkit.Url}\"", topic, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_module_downloads_as_a_PDF_with_its_title_sections_date_and_address(DatabaseProvider provider)
    {
        var toolkit = await sites.ForAsync(provider);
        var module = toolkit.Module("Recognising neglect");

        var response = await toolkit.Client.GetAsync($"/toolkit/pdf?module={module.Key:D}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("recognising-neglect.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = Text(pdf);
        Assert.Contains("Northdale Safeguarding Children Partnership", text, StringComparison.Ordinal);
        Assert.Contains("Recognising neglect", text, StringComparison.Ordinal);
        Assert.All(ToolkitModules.Sections(module), s => Assert.Contains(s.Heading, text, StringComparison.Ordinal));
        Assert.Contains("Generated on 22 November 2026", text, StringComparison.Ordinal);
        Assert.Contains("http://localhost" + module.Url, text, StringComparison.Ordinal);
        Assert.Contains("persistent failure to meet a child's basic physical or emotional needs", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_chosen_set_of_modules_downloads_as_one_PDF_in_the_toolkit_order_each_on_a_new_page(DatabaseProvider provider)
    {
        var toolkit = await sites.ForAsync(provider);
        var referral = toolkit.Module("Making a referral");
        var recognising = toolkit.Module("Recognising neglect");

        var response = await toolkit.Client.GetAsync($"/toolkit/pdf?module={referral.Key:D}&module={recognising.Key:D}&module={referral.Key:D}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = Text(pdf);
        var first = text.IndexOf("Why neglect is missed", StringComparison.Ordinal);
        var second = text.IndexOf("What to include", StringComparison.Ordinal);
        Assert.True(first >= 0 && second > first, "modules are not in the toolkit's order");
        Assert.DoesNotContain("Having the conversation", text, StringComparison.Ordinal);
        var referralStarts = pdf.GetPages().First(p => p.Text.Contains("When to refer", StringComparison.Ordinal));
        Assert.DoesNotContain("Signs in older children", referralStarts.Text, StringComparison.Ordinal);
        Assert.Single(pdf.GetPages(), p => p.Text.Contains("When to refer", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bad_module_downloads_are_refused_with_a_problem_that_says_why(DatabaseProvider provider)
    {
        var toolkit = await sites.ForAsync(provider);
        var many = string.Join('&', Enumerable.Range(0, ToolkitController.MaxModulesPerDownload + 1).Select(_ => $"module={Guid.NewGuid():D}"));

        foreach (var (query, status, says) in new[]
        {
            ("", HttpStatusCode.BadRequest, "Choose at least one module"),
            ("?module=not-a-key", HttpStatusCode.BadRequest, "must be the key of a toolkit module"),
            ("?module=1%27%20OR%201%3D1--", HttpStatusCode.BadRequest, "must be the key of a toolkit module"),
            ("?" + many, HttpStatusCode.BadRequest, "at most"),
            ($"?module={Guid.NewGuid():D}", HttpStatusCode.NotFound, "not published"),
            ($"?module={toolkit.Assessment.Key:D}", HttpStatusCode.NotFound, "not published"),
        })
        {
            var response = await toolkit.Client.GetAsync("/toolkit/pdf" + query);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(says, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private static string Text(PdfDocument pdf) =>
        string.Join(' ', pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
}
