using SafeguardingSite.Learning.Charging;
using SafeguardingSite.Learning.Model;
using SafeguardingSite.Platform.Export;

namespace SafeguardingSite.UnitTests.Learning;

/// <summary>The policy form and the finance CSV against hostile and malformed input.</summary>
public class ChargingFormTests
{
    private static readonly IReadOnlySet<int> Organisations = new HashSet<int> { 1, 2 };

    [Fact]
    public void A_valid_form_becomes_terms()
    {
        var form = PolicyForm.From(ChargingTerms.Default);
        form.NoticeWorkingDays = "5";
        form.HalfDayMaxHours = "3.5";
        form.FullDayNoShow = "£1,250.50";
        form.ExemptOrganisations = ["2", "1", "2"];
        form.ExemptSectors = ["Health"];
        form.InvoiceGrouping = "PerSession";

        var (terms, errors) = form.Validate(Organisations);

        Assert.Empty(errors);
        Assert.Equal(5, terms!.NoticeWorkingDays);
        Assert.Equal(210, terms.HalfDayMaxMinutes);
        Assert.Equal(1250.50m, terms.FullDay.NoShow);
        Assert.Equal([1, 2], terms.ExemptOrganisationIds);
        Assert.Equal([OrganisationSector.Health], terms.ExemptSectors);
        Assert.Equal(InvoiceGrouping.PerSession, terms.InvoiceGrouping);
    }

    [Theory]
    [InlineData(nameof(PolicyForm.NoticeWorkingDays), "<script>alert(1)</script>")]
    [InlineData(nameof(PolicyForm.NoticeWorkingDays), "3; DROP TABLE learning_charges;--")]
    [InlineData(nameof(PolicyForm.NoticeWorkingDays), "-1")]
    [InlineData(nameof(PolicyForm.NoticeWorkingDays), "999999999999")]
    [InlineData(nameof(PolicyForm.HalfDayMaxHours), "0")]
    [InlineData(nameof(PolicyForm.HalfDayMaxHours), "four")]
    [InlineData(nameof(PolicyForm.HalfDayNoShow), "-5")]
    [InlineData(nameof(PolicyForm.HalfDayNoShow), "12.345")]
    [InlineData(nameof(PolicyForm.FullDayNoShow), "1e3")]
    [InlineData(nameof(PolicyForm.PerDayLateCancellation), "99999999")]
    [InlineData(nameof(PolicyForm.PerDayLateCancellation), "")]
    [InlineData(nameof(PolicyForm.InvoiceGrouping), "1")]
    [InlineData(nameof(PolicyForm.InvoiceGrouping), "Monthly,PerSession")]
    public void Each_bad_value_is_named_and_nothing_is_saved(string field, string value)
    {
        var form = PolicyForm.From(ChargingTerms.Default);
        typeof(PolicyForm).GetProperty(field)!.SetValue(form, value);

        var (terms, errors) = form.Validate(Organisations);

        Assert.Null(terms);
        Assert.Equal([field], errors.Keys);
    }

    [Theory]
    [InlineData("99")]
    [InlineData("1 OR 1=1")]
    [InlineData("<b>1</b>")]
    public void Exempt_organisations_must_come_from_the_list(string value)
    {
        var form = PolicyForm.From(ChargingTerms.Default);
        form.ExemptOrganisations = [value];
        Assert.Equal([nameof(PolicyForm.ExemptOrganisations)], form.Validate(Organisations).Errors.Keys);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("Health,Police")]
    [InlineData("Nowhere")]
    public void Exempt_sectors_must_be_sector_names(string value)
    {
        var form = PolicyForm.From(ChargingTerms.Default);
        form.ExemptSectors = [value];
        Assert.Equal([nameof(PolicyForm.ExemptSectors)], form.Validate(Organisations).Errors.Keys);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\")", "\"'=HYPERLINK(\"\"http://evil.example\"\")\"")]
    [InlineData("+44 1234", "'+44 1234")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("Smith, Jo", "\"Smith, Jo\"")]
    [InlineData("Plain", "Plain")]
    public void Csv_cells_cannot_run_as_formulas(string value, string expected)
    {
        Assert.Equal(expected, CsvText.Cell(value));
    }
}
