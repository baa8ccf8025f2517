using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SafeguardingSite.Platform.Data;
using SafeguardingSite.Testing;
using SafeguardingSite.Web.Toolkit;
using UglyToad.PdfPig;

namespace SafeguardingSite.IntegrationTests.Toolkit;

/// <summary>The neglect assessment: the level and next steps from a plain form post, live JSON and a PDF, with nothing stored or logged.</summary>
public class AssessmentTests(ToolkitSites sites) : IClassFixture<ToolkitSites>
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_page_shows_every_area_with_four_choices_and_the_note_not_to_enter_names(DatabaseProvider provider)
    {
        var toolkit = await sites.ForAsync(provider);
        var definition = toolkit.Definition;
        Assert.Equal(["Nutrition", "Health", "Safety and supervision", "Home conditions", "Emotional care", "Education"], definition.Areas.Select(a => a.Name));
        Assert.Equal(["Universal", "Early help", "Targeted", "Statutory or child protection"], definition.Levels.Select(l => l.Name));

        var html = WebUtility.HtmlDecode(await toolkit.Client.GetStringAsync(toolkit.Assessment.Url));

        Assert.Contains("Do not enter names", html, StringComparison.Ordinal);
        Assert.Contains($"action=\"/toolkit/assessment/{toolkit.Assessment.Key:D}\"", html, StringComparison.Ordinal);
        Assert.All(definition.Areas, a => Assert.Equal(4, html.Split($"name=\"{a.FieldName}\"").Length - 1));
        Assert.DoesNotContain("<textarea", html, StringComparison.Ordinal);
        Assert.DoesNotContain("type=\"text\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Posting_the_form_gives_the_level_and_next_steps_live_and_as_a_PDF_without_a_database_command_or_a_log_line(DatabaseProvider provider)
    {
        var toolkit = await sites.ForAsync(provider);
        var assess = $"/toolkit/assessment/{toolkit.Assessment.Key:D}";
        var earlyHelp = await toolkit.AnswersAsync(2, 2, 2, 2, 1, 1);
        var raised = await toolkit.AnswersAsync(1, 1, 4, 1, 1, 1);
        toolkit.Counter.Reset();
        var logged = toolkit.Logs.Messages.Count;

        var page = await toolkit.Client.PostAsync(assess, new FormUrlEncodedContent(earlyHelp));
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.True(page.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains("no-store", page.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Contains("<h2>Suggested level of need: Early help</h2>", html, StringComparison.Ordinal);
        Assert.Contains("Total score 10 out of 24.", html, StringComparison.Ordinal);
        Assert.Contains("early help hub", html, StringComparison.Ordinal);
        Assert.Contains($"id=\"{toolkit.Definition.Areas[0].FieldName}-2\" name=\"{toolkit.Definition.Areas[0].FieldName}\" value=\"2\" checked=\"checked\"", html, StringComparison.Ordinal);

        using var live = new HttpRequestMessage(HttpMethod.Post, assess) { Content = new FormUrlEncodedContent(raised) };
        live.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var json = await toolkit.Client.SendAsync(live);
        using var result = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.True(result.RootElement.GetProperty("complete").GetBoolean());
        Assert.Equal("Statutory or child protection", result.RootElement.GetProperty("level").GetString());
        Assert.Equal("Safety and supervision", result.RootElement.GetProperty("raisedBy").GetString());
        Assert.Contains("front door", result.RootElement.GetProperty("nextSteps").GetString(), StringComparison.Ordinal);

        using var partial = new HttpRequestMessage(HttpMethod.Post, assess) { Content = new FormUrlEncodedContent(raised.Skip(2)) };
        partial.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var incomplete = JsonDocument.Parse(await (await toolkit.Client.SendAsync(partial)).Content.ReadAsStringAsync());
        Assert.False(incomplete.RootElement.GetProperty("complete").GetBoolean());
        Assert.Equal(2, incomplete.RootElement.GetProperty("remaining").GetInt32());

        var download = await toolkit.Client.PostAsync(assess + "/pdf", new FormUrlEncodedContent(raised));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", download.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        using (var pdf = PdfDocument.Open(await download.Content.ReadAsByteArrayAsync()))
        {
            var text = string.Join(' ', pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            Assert.Contains("Neglect assessment: summary", text, StringComparison.Ordinal);
            Assert.Contains("Suggested level of need: Statutory or child protection", text, StringComparison.Ordinal);
            Assert.Contains("Safety and supervision: 4 of 4", text, StringComparison.Ordinal);
            Assert.Contains("Nutrition: 1 of 4", text, StringComparison.Ordinal);
            Assert.Contains("Northdale children's services front door", text, StringComparison.Ordinal);
            Assert.Contains("Generated on 22 November 2026", text, StringComparison.Ordinal);
        }

        Assert.Equal(0, toolkit.Counter.Count);
        var fieldNames = toolkit.Definition.Areas.Select(a => a.FieldName).ToList();
        Assert.DoesNotContain(toolkit.Logs.Messages.Skip(logged), m => fieldNames.Any(f => m.Contains(f, StringComparison.Ordinal)) || m.Contains("Statutory", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_form_with_areas_left_out_comes_back_with_errors_beside_them_and_the_choices_kept(DatabaseProvider provider)
    {
        var toolkit = await sites.ForAsync(provider);
        var areas = toolkit.Definition.Areas;
        var answers = (await toolkit.AnswersAsync(3, 3, 3, 3, 3, 3)).Where(f => f.Key != areas[1].FieldName && f.Key != areas[4].FieldName).ToList();

        foreach (var path in new[] { "", "/pdf" })
        {
            var response = await toolkit.Client.PostAsync($"/toolkit/assessment/{toolkit.Assessment.Key:D}{path}", new FormUrlEncodedContent(answers));
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.StartsWith("text/html", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
            Assert.Contains("There is a problem", html, StringComparison.Ordinal);
            Assert.Contains($"<a href=\"#{areas[1].FieldName}-1\">Choose the description that best fits health</a>", html, StringComparison.Ordinal);
            Assert.Contains($"id=\"{areas[4].FieldName}-error\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain($"id=\"{areas[0].FieldName}-error\"", html, StringComparison.Ordinal);
            Assert.Contains($"id=\"{areas[0].FieldName}-3\" name=\"{areas[0].FieldName}\" value=\"3\" checked=\"checked\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Suggested level of need", html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Hostile_posts_get_a_clear_400_and_never_a_500(DatabaseProvider provider)
    {
        var toolkit = await sites.ForAsync(provider);
        var assess = $"/toolkit/assessment/{toolkit.Assessment.Key:D}";
        var field = toolkit.Definition.Areas[0].FieldName;
        var good = await toolkit.AnswersAsync(1, 1, 1, 1, 1, 1);
        List<KeyValuePair<string, string>> With(string value) => good.Select(f => f.Key == field ? KeyValuePair.Create(f.Key, value) : f).ToList();

        foreach (var value in new[] { "5", "0", "-1", "2.5", "two", "<script>alert(1)</script>", "1' OR '1'='1", "99999999999999999999" })
        {
            var response = await toolkit.Client.PostAsync(assess, new FormUrlEncodedContent(With(value)));
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("must be one of the four descriptions (1 to 4)", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        }

        var doubled = good.Append(KeyValuePair.Create(field, "4")).ToList();
        Assert.Equal(HttpStatusCode.BadRequest, (await toolkit.Client.PostAsync(assess, new FormUrlEncodedContent(doubled))).StatusCode);

        await AssertProblemAsync(toolkit, assess, new FormUrlEncodedContent(good.Where(f => f.Key != "__RequestVerificationToken")), HttpStatusCode.BadRequest, "security token");
        await AssertProblemAsync(toolkit, assess + "/pdf", new FormUrlEncodedContent(good.Select(f => f.Key == "__RequestVerificationToken" ? KeyValuePair.Create(f.Key, "forged") : f)), HttpStatusCode.BadRequest, "security token");
        await AssertProblemAsync(toolkit, assess, new StringContent(new string('a', 20_000) + "=1", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"), HttpStatusCode.BadRequest, "under 16 KB");
        var manyFields = string.Join('&', Enumerable.Range(0, 200).Select(i => $"f{i}=1"));
        await AssertProblemAsync(toolkit, assess, new StringContent(manyFields, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"), HttpStatusCode.BadRequest, "Form too large");
        await AssertProblemAsync(toolkit, assess, new StringContent("{\"score\":1}", System.Text.Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest, "Send the assessment as a form");
        await AssertProblemAsync(toolkit, $"/toolkit/assessment/{Guid.NewGuid():D}", new FormUrlEncodedContent(good), HttpStatusCode.NotFound, "no published assessment");
        await AssertProblemAsync(toolkit, $"/toolkit/assessment/{toolkit.Module("Making a referral").Key:D}/pdf", new FormUrlEncodedContent(good), HttpStatusCode.NotFound, "no published assessment");

        using var invalidLive = new HttpRequestMessage(HttpMethod.Post, assess) { Content = new FormUrlEncodedContent(With("7")) };
        invalidLive.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var live = await toolkit.Client.SendAsync(invalidLive);
        Assert.Equal(HttpStatusCode.BadRequest, live.StatusCode);
        Assert.Equal("application/problem+json", live.Content.Headers.ContentType?.MediaType);

        // A good post still works after all that: the same token is accepted again (double submit is harmless).
        Assert.Equal(HttpStatusCode.OK, (await toolkit.Client.PostAsync(assess, new FormUrlEncodedContent(good))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await toolkit.Client.PostAsync(assess, new FormUrlEncodedContent(good))).StatusCode);
    }

    private static async Task AssertProblemAsync(ToolkitSite toolkit, string path, HttpContent content, HttpStatusCode status, string says)
    {
        using (content)
        {
            var response = await toolkit.Client.PostAsync(path, content);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(says, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        }
    }
}
