using Microsoft.EntityFrameworkCore;
using SafeguardingSite.Learning.Cancellation;
using SafeguardingSite.Learning.Registers;
using SafeguardingSite.Platform.Data;

namespace SafeguardingSite.Learning.Charging;

/// <summary>The tables of charging, registers and cancellation, added to the learning context by one call.</summary>
public static class ChargingModelConfiguration
{
    public static void ApplyChargingModel(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<BankHoliday>(e =>
        {
            e.ToTable("learning_bank_holidays");
            e.HasKey(x => x.Date);
            e.Property(x => x.Name).HasMaxLength(ChargingLimits.HolidayName);
            e.Property(x => x.ChangedBy).HasMaxLength(ChargingLimits.Actor);
        });

        modelBuilder.Entity<ChargingPolicyVersion>(e =>
        {
            e.ToTable("learning_charging_policies");
            e.HasIndex(x => x.Version).IsUnique();
            e.HasIndex(x => x.EffectiveFrom);
            e.Property(x => x.CreatedBy).HasMaxLength(ChargingLimits.Actor);
            foreach (var money in new[]
                     {
                         nameof(ChargingPolicyVersion.HalfDayLateCancellation), nameof(ChargingPolicyVersion.HalfDayNoShow),
                         nameof(ChargingPolicyVersion.FullDayLateCancellation), nameof(ChargingPolicyVersion.FullDayNoShow),
                         nameof(ChargingPolicyVersion.PerDayLateCancellation), nameof(ChargingPolicyVersion.PerDayNoShow),
                     })
            {
                e.Property(money).HasPrecision(10, 2);
            }

            e.Property(x => x.ExemptOrganisationIds).StoredAsJson();
            e.Property(x => x.ExemptSectors).StoredAsJson();
            e.Property(x => x.InvoiceGrouping).HasConversion<string>().HasMaxLength(20);
            e.Ignore(x => x.Terms);
        });

        modelBuilder.Entity<Charge>(e =>
        {
            e.ToTable("learning_charges");
            e.HasIndex(x => x.BookingId).IsUnique();
            e.HasIndex(x => new { x.Status, x.SessionStartsAt });
            e.HasIndex(x => new { x.OrganisationId, x.SessionStartsAt });
            e.HasIndex(x => x.NotifiedAt);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(x => x.Band).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.InvoiceGrouping).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Amount).HasPrecision(10, 2);
            e.Property(x => x.PolicySnapshot).HasMaxLength(ChargingLimits.Snapshot);
            e.Property(x => x.InvoiceReference).HasMaxLength(ChargingLimits.InvoiceReference);
            e.Property(x => x.RaisedBy).HasMaxLength(ChargingLimits.Actor);
            e.Property(x => x.WaivedBy).HasMaxLength(ChargingLimits.Actor);
            e.Property(x => x.WaiverReason).HasMaxLength(ChargingLimits.Reason);
        });

        modelBuilder.Entity<SessionRegister>(e =>
        {
            e.ToTable("learning_registers");
            e.HasKey(x => x.SessionId);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.UpdatedBy).HasMaxLength(ChargingLimits.Actor);
            e.Property(x => x.ClosedBy).HasMaxLength(ChargingLimits.Actor);
        });

        modelBuilder.Entity<RegisterMark>(e =>
        {
            e.ToTable("learning_register_marks");
            e.HasIndex(x => x.BookingId).IsUnique();
            e.HasIndex(x => x.SessionId);
            e.Property(x => x.Attendance).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.MarkedBy).HasMaxLength(ChargingLimits.Actor);
        });

        modelBuilder.Entity<SelfCancellation>(e =>
        {
            e.ToTable("learning_self_cancellations");
            e.HasIndex(x => x.BookingId).IsUnique();
            e.Property(x => x.QuotedAmount).HasPrecision(10, 2);
            e.Property(x => x.Band).HasConversion<string>().HasMaxLength(20);
        });

        modelBuilder.Entity<Substitution>(e =>
        {
            e.ToTable("learning_substitutions");
            e.HasIndex(x => x.BookingId);
        });
    }
}
