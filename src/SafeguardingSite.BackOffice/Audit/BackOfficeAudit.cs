using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using SafeguardingSite.BackOffice.Data;

namespace SafeguardingSite.BackOffice.Audit;

public sealed record AuditPage(IReadOnlyList<AuditRecord> Records, int Page, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>Writes and reads the back-office audit trail. Text is clipped, never refused: the trail must not lose an event.</summary>
public sealed class BackOfficeAudit(IDbContextFactory<BackOfficeDbContext> contexts, TimeProvider clock, IHttpContextAccessor http)
{
    public const int PageSize = 50;

    public async Task RecordAsync(string action, string? actor, string? subject = null, string? detail = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Audit.Add(new AuditRecord
        {
            At = clock.GetUtcNow().UtcDateTime,
            Action = action,
            Actor = Clip(actor, AuditRecord.MaxTextLength),
            Subject = Clip(subject, AuditRecord.MaxTextLength),
            Detail = Clip(detail, AuditRecord.MaxDetailLength),
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<AuditPage> ListAsync(int page, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var total = await db.Audit.CountAsync(cancellationToken);
        var current = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var records = await db.Audit.AsNoTracking()
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((current - 1) * PageSize).Take(PageSize)
            .ToListAsync(cancellationToken);
        return new AuditPage(records, current, PageSize, total);
    }

    private static string? Clip(string? text, int length) =>
        text is null ? null : text.Length <= length ? text : text[..(length - 1)] + "…";
}
