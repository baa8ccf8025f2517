using Microsoft.Extensions.Primitives;
using SafeguardingSite.Content.DeliveryApi;

namespace SafeguardingSite.UnitTests.DeliveryApi;

public class DeliveryQueryParserTests
{
    private static DeliveryQuery Parse(string queryString, DeliveryTree tree = DeliveryTree.Content)
    {
        var errors = new QueryErrors();
        var query = DeliveryQueryParser.ParseQuery(tree, QueryOf(queryString), 1000, errors);
        Assert.False(errors.Any, errors.ToString());
        return query!;
    }

    private static QueryErrors Errors(string queryString, DeliveryTree tree = DeliveryTree.Content)
    {
        var errors = new QueryErrors();
        Assert.Null(DeliveryQueryParser.ParseQuery(tree, QueryOf(queryString), 1000, errors));
        return errors;
    }

    private static Dictionary<string, StringValues> QueryOf(string queryString) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(queryString)
            .ToDictionary(q => q.Key, q => q.Value, StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void Defaults_are_no_fetch_no_filters_skip_0_take_10()
    {
        var query = Parse("");

        Assert.Null(query.Fetch);
        Assert.Empty(query.Filters);
        Assert.Empty(query.Sorts);
        Assert.Equal(0, query.Skip);
        Assert.Equal(10, query.Take);
        Assert.False(query.Shape.Expand.All);
        Assert.Null(query.Shape.Fields);
    }

    [Theory]
    [InlineData("fetch=children:/parents-and-carers/", "Children", null, "/parents-and-carers/")]
    [InlineData("fetch=descendants:%2Fabout%2F", "Descendants", null, "/about/")]
    [InlineData("fetch=ANCESTORS:3fa85f64-5717-4562-b3fc-2c963f66afa6", "Ancestors", "3fa85f64-5717-4562-b3fc-2c963f66afa6", null)]
    public void Fetch_takes_an_axis_and_an_id_or_path(string queryString, string axis, string? key, string? path)
    {
        var fetch = Parse(queryString).Fetch!;

        Assert.Equal(Enum.Parse<FetchAxis>(axis), fetch.Axis);
        Assert.Equal(key is null ? null : Guid.Parse(key), fetch.Target.Key);
        Assert.Equal(path, fetch.Target.Path);
    }

    [Fact]
    public void Filters_repeat_and_keep_their_operators()
    {
        var filters = Parse("filter=contentType:!home&filter=name:Safer%20sleep&filter=createDate>:2026-01-01&filter=updateDate<2026-02-01T10:00:00Z").Filters;

        Assert.Equal((FilterField.ContentType, FilterOperator.IsNot, "home"), (filters[0].Field, filters[0].Operator, filters[0].Value));
        Assert.Equal((FilterField.Name, FilterOperator.Is), (filters[1].Field, filters[1].Operator));
        Assert.Equal(["Safer", "sleep"], filters[1].Terms);
        Assert.Equal((FilterOperator.AfterOrOn, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)), (filters[2].Operator, filters[2].Date));
        Assert.Equal((FilterOperator.Before, new DateTime(2026, 2, 1, 10, 0, 0, DateTimeKind.Utc)), (filters[3].Operator, filters[3].Date));
    }

    [Fact]
    public void Sorts_keep_their_order_and_direction()
    {
        var sorts = Parse("sort=level:desc&sort=name:ASC").Sorts;

        Assert.Equal([new SortSpec(SortField.Level, true), new SortSpec(SortField.Name, false)], sorts);
    }

    [Theory]
    [InlineData("fetch=siblings:/", "fetch")]
    [InlineData("fetch=children:/&fetch=children:/", "fetch")]
    [InlineData("filter=colour:red", "filter")]
    [InlineData("filter=name:<b>", "filter")]
    [InlineData("filter=contentType:<script>", "filter")]
    [InlineData("sort=name", "sort")]
    [InlineData("sort=popularity:desc", "sort")]
    [InlineData("skip=-1", "skip")]
    [InlineData("take=1001", "take")]
    [InlineData("take=abc", "take")]
    [InlineData("expand=properties[a", "expand")]
    [InlineData("fields=properties[a]]", "fields")]
    public void Malformed_parameters_are_reported_by_name(string queryString, string parameter)
    {
        var errors = Errors(queryString).ToDictionary();

        Assert.Equal([parameter], errors.Keys);
        Assert.NotEmpty(errors[parameter][0]);
    }

    [Fact]
    public void Media_queries_need_children_fetch_and_media_fields()
    {
        Assert.Equal(FetchAxis.Children, Parse("fetch=children:/", DeliveryTree.Media).Fetch!.Axis);
        Assert.Equal(FilterField.MediaType, Parse("fetch=children:/&filter=mediaType:Image", DeliveryTree.Media).Filters[0].Field);
        Assert.Contains("fetch", Errors("", DeliveryTree.Media).ToDictionary().Keys);
        Assert.Contains("fetch", Errors("fetch=descendants:/", DeliveryTree.Media).ToDictionary().Keys);
        Assert.Contains("filter", Errors("fetch=children:/&filter=contentType:home", DeliveryTree.Media).ToDictionary().Keys);
        Assert.Contains("sort", Errors("fetch=children:/&sort=level:asc", DeliveryTree.Media).ToDictionary().Keys);
    }

    [Fact]
    public void Expand_reads_nested_selections_and_the_legacy_forms()
    {
        var nested = Parse("expand=properties[author[properties[picture]],coverImage]").Shape.Expand;
        Assert.False(nested.All);
        Assert.True(nested.Includes("author"));
        Assert.True(nested.Includes("coverImage"));
        Assert.False(nested.Includes("body"));
        Assert.True(nested.Inside("author")!.Includes("picture"));
        Assert.Null(nested.Inside("coverImage"));

        var all = Parse("expand=properties[$all[properties[picture]]]").Shape.Expand;
        Assert.True(all.Includes("anything"));
        Assert.True(all.Inside("anything")!.Includes("picture"));

        Assert.True(Parse("expand=all").Shape.Expand.All);
        var legacy = Parse("expand=property:author,coverImage").Shape.Expand;
        Assert.Equal(["author", "coverImage"], legacy.Aliases.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Fields_limit_to_the_aliases_named()
    {
        var fields = Parse("fields=properties[ title , summary ]").Shape.Fields!;

        Assert.True(fields.Includes("title"));
        Assert.True(fields.Includes("SUMMARY"));
        Assert.False(fields.Includes("body"));
        Assert.Empty(Parse("fields=properties[]").Shape.Fields!.Aliases);
    }

    [Theory]
    [InlineData("saf", "Safer sleep", true)]
    [InlineData("saf", "Water safety", true)]
    [InlineData("saf", "Unsafe places", false)]
    [InlineData("SLEEP saf", "Safer sleep", true)]
    [InlineData("sleep water", "Safer sleep", false)]
    [InlineData("7-min", "7-minute briefing", true)]
    [InlineData("o'brien", "Ask O'Brien", true)]
    public void Names_match_whole_words_with_a_trailing_wildcard(string filter, string name, bool matches) =>
        Assert.Equal(matches, NameMatcher.Matches(name, NameMatcher.Terms(filter)));

    [Theory]
    [InlineData("3fa85f64-5717-4562-b3fc-2c963f66afa6", true)]
    [InlineData("/parents-and-carers/safer-sleep/", false)]
    [InlineData("%2Fparents-and-carers%2F", false)]
    public void References_are_ids_or_paths(string raw, bool isKey)
    {
        var reference = DeliveryQueryParser.ParseReference(raw, "idOrPath", new QueryErrors())!;

        Assert.Equal(isKey, reference.Key is not null);
        Assert.Equal(isKey, reference.Path is null);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("%3Cscript%3E")]
    [InlineData("a\"b")]
    public void Unsafe_paths_are_rejected(string raw)
    {
        var errors = new QueryErrors();

        Assert.Null(DeliveryQueryParser.ParseReference(raw, "idOrPath", errors));
        Assert.Contains("idOrPath", errors.ToDictionary().Keys);
    }

    [Fact]
    public void Api_keys_compare_whole_values_only()
    {
        Assert.True(DeliveryRequest.IsValidKey("secret-key", "secret-key"));
        Assert.False(DeliveryRequest.IsValidKey("secret-key", "secret-ke"));
        Assert.False(DeliveryRequest.IsValidKey("secret-key", "SECRET-KEY"));
        Assert.False(DeliveryRequest.IsValidKey("secret-key", StringValues.Empty));
        Assert.False(DeliveryRequest.IsValidKey(null, "anything"));
        Assert.False(DeliveryRequest.IsValidKey("", ""));
    }
}
