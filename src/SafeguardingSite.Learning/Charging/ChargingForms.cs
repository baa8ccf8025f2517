using System.Globalization;
using SafeguardingSite.Learning.Model;

namespace SafeguardingSite.Learning.Charging;

/// <summary>The policy form as posted: plain strings, so nothing typed is lost whatever is wrong with it.</summary>
public sealed class PolicyForm
{
    public string? NoticeWorkingDays { get; set; }
    public string? HalfDayMaxHours { get; set; }
    public string? HalfDayLateCancellation { get; set; }
    public string? HalfDayNoShow { get; set; }
    public string? FullDayLateCancellation { get; set; }
    public string? FullDayNoShow { get; set; }
    public string? PerDayLateCancellation { get; set; }
    public string? PerDayNoShow { get; set; }
    public List<string> ExemptOrganisations { get; set; } = [];
    public List<string> ExemptSectors { get; set; } = [];
    public string? InvoiceGrouping { get; set; }

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static PolicyForm From(ChargingTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        static string Money(decimal amount) => amount.ToString("0.00", Invariant);
        return new PolicyForm
        {
            NoticeWorkingDays = terms.NoticeWorkingDays.ToString(Invariant),
            HalfDayMaxHours = (terms.HalfDayMaxMinutes / 60m).ToString("0.##", Invariant),
            HalfDayLateCancellation = Money(terms.HalfDay.LateCancellation),
            HalfDayNoShow = Money(terms.HalfDay.NoShow),
            FullDayLateCancellation = Money(terms.FullDay.LateCancellation),
            FullDayNoShow = Money(terms.FullDay.NoShow),
            PerDayLateCancellation = Money(terms.PerDay.LateCancellation),
            PerDayNoShow = Money(terms.PerDay.NoShow),
            ExemptOrganisations = [.. terms.ExemptOrganisationIds.Select(id => id.ToString(Invariant))],
            ExemptSectors = [.. terms.ExemptSectors.Select(s => s.ToString())],
            InvoiceGrouping = terms.InvoiceGrouping.ToString(),
        };
    }

    /// <summary>Checks every field; the errors are keyed by field name in the order the form shows them.</summary>
    public (ChargingTerms? Terms, Dictionary<string, string> Errors) Validate(IReadOnlySet<int> organisationIds)
    {
        ArgumentNullException.ThrowIfNull(organisationIds);
        var errors = new Dictionary<string, string>();
        var notice = WholeNumber(NoticeWorkingDays, nameof(NoticeWorkingDays), "the notice in working days", 0, ChargingLimits.MaxNoticeWorkingDays, errors);
        var halfDayMinutes = 0;
        if (!TryDecimal(HalfDayMaxHours, out var hours) || hours <= 0 || hours * 60 > ChargingLimits.MaxHalfDayMinutes || hours * 60 != decimal.Truncate(hours * 60))
        {
            errors[nameof(HalfDayMaxHours)] = $"Enter the longest half day in hours, a number more than 0 and up to {ChargingLimits.MaxHalfDayMinutes / 60}, like 4 or 3.5";
        }
        else
        {
            halfDayMinutes = (int)(hours * 60);
        }

        var rates = new Dictionary<string, decimal>();
        foreach (var (field, label, text) in new[]
                 {
                     (nameof(HalfDayLateCancellation), "the half-day late-cancellation charge", HalfDayLateCancellation),
                     (nameof(HalfDayNoShow), "the half-day no-show charge", HalfDayNoShow),
                     (nameof(FullDayLateCancellation), "the full-day late-cancellation charge", FullDayLateCancellation),
                     (nameof(FullDayNoShow), "the full-day no-show charge", FullDayNoShow),
                     (nameof(PerDayLateCancellation), "the per-day late-cancellation charge", PerDayLateCancellation),
                     (nameof(PerDayNoShow), "the per-day no-show charge", PerDayNoShow),
                 })
        {
            if (TryMoney(text, out var amount))
            {
                rates[field] = amount;
            }
            else
            {
                errors[field] = $"Enter {label} in pounds, from 0 to {ChargingLimits.MaxRate:0}, like 50 or 37.50";
            }
        }

        var exemptOrganisations = new List<int>();
        foreach (var value in ExemptOrganisations.Distinct(StringComparer.Ordinal))
        {
            if (int.TryParse(value, NumberStyles.None, Invariant, out var id) && organisationIds.Contains(id))
            {
                exemptOrganisations.Add(id);
            }
            else
            {
                errors[nameof(ExemptOrganisations)] = "Choose exempt organisations from the list";
            }
        }

        var exemptSectors = new List<OrganisationSector>();
        foreach (var value in ExemptSectors.Distinct(StringComparer.Ordinal))
        {
            if (IsName(value) && Enum.TryParse<OrganisationSector>(value, out var sector) && Enum.IsDefined(sector))
            {
                exemptSectors.Add(sector);
            }
            else
            {
                errors[nameof(ExemptSectors)] = "Choose exempt sectors from the list";
            }
        }

        if (!IsName(InvoiceGrouping) || !Enum.TryParse<InvoiceGrouping>(InvoiceGrouping, out var grouping) || !Enum.IsDefined(grouping))
        {
            errors[nameof(InvoiceGrouping)] = "Choose whether invoices are monthly or per session";
            grouping = Charging.InvoiceGrouping.Monthly;
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new ChargingTerms(notice, halfDayMinutes,
            new BandRates(rates[nameof(HalfDayLateCancellation)], rates[nameof(HalfDayNoShow)]),
            new BandRates(rates[nameof(FullDayLateCancellation)], rates[nameof(FullDayNoShow)]),
            new BandRates(rates[nameof(PerDayLateCancellation)], rates[nameof(PerDayNoShow)]),
            [.. exemptOrganisations.Order()], [.. exemptSectors.Order()], grouping), errors);
    }

    /// <summary>Pounds with at most two decimal places; a leading £ and thousands commas are allowed.</summary>
    public static bool TryMoney(string? text, out decimal amount)
    {
        amount = 0;
        var trimmed = text?.Trim().TrimStart('£').Replace(",", string.Empty, StringComparison.Ordinal) ?? string.Empty;
        return trimmed.Length is > 0 and <= 12
            && decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint, Invariant, out amount)
            && amount <= ChargingLimits.MaxRate && decimal.Round(amount, 2) == amount;
    }

    private static bool TryDecimal(string? text, out decimal value)
    {
        value = 0;
        var trimmed = text?.Trim() ?? string.Empty;
        return trimmed.Length is > 0 and <= 8 && decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint, Invariant, out value);
    }

    private static int WholeNumber(string? text, string field, string label, int min, int max, Dictionary<string, string> errors)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length is > 0 and <= 4 && int.TryParse(trimmed, NumberStyles.None, Invariant, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[field] = $"Enter {label} as a whole number from {min} to {max}";
        return 0;
    }

    /// <summary>Enum names only: Enum.TryParse would also take "3" or "1,2", which no form option posts.</summary>
    private static bool IsName(string? value) => value is { Length: > 0 and <= 40 } && value.All(char.IsAsciiLetter);
}
