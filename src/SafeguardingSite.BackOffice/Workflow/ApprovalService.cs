using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using SafeguardingSite.BackOffice.Audit;
using SafeguardingSite.BackOffice.Data;
using SafeguardingSite.BackOffice.Identity;
using SafeguardingSite.Content.Services;
using SafeguardingSite.Platform.Mail;

namespace SafeguardingSite.BackOffice.Workflow;

public sealed record SubmitOutcome(ApprovalRequest Request, bool Created, int EditorsNotified);

public enum DecisionOutcome
{
    Done,
    NotFound,
    AlreadyDecided,
}

/// <summary>
/// Writers' requests for approval: recording them (one open request per page), emailing the editors whose branch
/// covers the page, and an editor's decision to publish or return the page with a comment.
/// </summary>
public sealed class ApprovalService(
    IDbContextFactory<BackOfficeDbContext> contexts,
    UserManager<BackOfficeUser> users,
    IUserClaimsPrincipalFactory<BackOfficeUser> principals,
    IBackOfficePermissions permissions,
    ContentService content,
    BackOfficeAudit audit,
    IMailSender mail,
    IOptions<MailOptions> mailOptions,
    IOptions<BackOfficeOptions> options,
    TimeProvider clock,
    ILogger<ApprovalService> logger)
{
    public const int MaxListed = 100;

    public async Task<SubmitOutcome> SubmitAsync(ClaimsPrincipal writer, ContentDraft draft, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(draft);
        var account = await users.GetUserAsync(writer) ?? throw new InvalidOperationException("The signed-in user no longer exists.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await PendingForPageAsync(db, draft.Node.Key, cancellationToken) is { } existing)
        {
            return new SubmitOutcome(existing, Created: false, EditorsNotified: 0);
        }

        var request = new ApprovalRequest
        {
            ContentKey = draft.Node.Key,
            ContentName = draft.Draft.Name,
            VersionNumber = draft.Draft.Number,
            Status = ApprovalStatus.Pending,
            RequestedById = account.Id,
            RequestedByEmail = account.Email ?? string.Empty,
            RequestedByName = account.DisplayName,
            RequestedAt = clock.GetUtcNow().UtcDateTime,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        };
        db.ApprovalRequests.Add(request);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another submit of the same page got in first (a double click, two tabs): that request stands.
            var raced = await PendingForPageAsync(draft.Node.Key, cancellationToken);
            return raced is null ? throw new InvalidOperationException("The approval request could not be saved.") : new SubmitOutcome(raced, Created: false, EditorsNotified: 0);
        }

        await audit.RecordAsync(WorkflowAuditActions.ApprovalRequested, account.Email, PageSubject(request), request.Note, cancellationToken);
        var notified = 0;
        foreach (var editor in await EditorsForAsync(draft.Node.Key, account.Id, cancellationToken))
        {
            var text = $"Hello {editor.DisplayName},\n\n{account.DisplayName} ({account.Email}) has asked for \"{request.ContentName}\" to be reviewed and published.\n" +
                (request.Note is null ? string.Empty : $"\nTheir note:\n{request.Note}\n") +
                $"\nReview it here:\n\n{Link($"/umbraco/approvals/{request.Id}")}\n";
            if (await TrySendAsync(editor, $"Please review: {request.ContentName}", text, cancellationToken))
            {
                notified++;
            }
        }

        return new SubmitOutcome(request, Created: true, notified);
    }

    public async Task<ApprovalRequest?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ApprovalRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
    }

    public async Task<ApprovalRequest?> PendingForPageAsync(Guid contentKey, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await PendingForPageAsync(db, contentKey, cancellationToken);
    }

    /// <summary>Open requests for pages this editor may publish, oldest first.</summary>
    public async Task<IReadOnlyList<ApprovalRequest>> PendingForAsync(ClaimsPrincipal editor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = await db.ApprovalRequests.AsNoTracking().Where(r => r.Status == ApprovalStatus.Pending)
            .OrderBy(r => r.RequestedAt).Take(MaxListed * 5).ToListAsync(cancellationToken);
        var visible = new List<ApprovalRequest>();
        foreach (var request in pending)
        {
            if (await permissions.CanAsync(editor, BackOfficePermission.ContentPublish, request.ContentKey, cancellationToken))
            {
                visible.Add(request);
            }
        }

        return visible.Take(MaxListed).ToList();
    }

    /// <summary>The user's own requests, newest first, so a writer can see what happened to each.</summary>
    public async Task<IReadOnlyList<ApprovalRequest>> RequestedByAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ApprovalRequests.AsNoTracking().Where(r => r.RequestedById == userId)
            .OrderByDescending(r => r.RequestedAt).Take(MaxListed).ToListAsync(cancellationToken);
    }

    /// <summary>Publishes the page and closes the request. The caller has checked the editor may publish it.</summary>
    public async Task<DecisionOutcome> ApproveAsync(ClaimsPrincipal editor, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(editor);
        var actor = editor.Identity?.Name ?? "unknown";
        var claimed = await DecideAsync(id, ApprovalStatus.Approved, actor, comment: null, cancellationToken);
        if (claimed is not DecisionOutcome.Done)
        {
            return claimed;
        }

        var request = (await GetAsync(id, cancellationToken))!;
        try
        {
            await content.PublishAsync(request.ContentKey, actor, cancellationToken: cancellationToken);
        }
        catch (ContentException)
        {
            await ReopenAsync(id, cancellationToken); // nothing was published, so the request is still open
            throw;
        }

        await audit.RecordAsync(WorkflowAuditActions.Approved, actor, PageSubject(request), $"Requested by {request.RequestedByEmail}", cancellationToken);
        await TellWriterAsync(request, $"Published: {request.ContentName}",
            $"Hello {request.RequestedByName},\n\n{actor} has approved \"{request.ContentName}\" and it is now live on the website.\n", cancellationToken);
        return DecisionOutcome.Done;
    }

    /// <summary>Sends the page back to its writer with the editor's comment; nothing is published.</summary>
    public async Task<DecisionOutcome> ReturnAsync(ClaimsPrincipal editor, Guid id, string comment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(editor);
        ArgumentException.ThrowIfNullOrWhiteSpace(comment);
        var actor = editor.Identity?.Name ?? "unknown";
        var outcome = await DecideAsync(id, ApprovalStatus.Returned, actor, comment.Trim(), cancellationToken);
        if (outcome is not DecisionOutcome.Done)
        {
            return outcome;
        }

        var request = (await GetAsync(id, cancellationToken))!;
        await audit.RecordAsync(WorkflowAuditActions.Returned, actor, PageSubject(request), request.DecisionComment, cancellationToken);
        await TellWriterAsync(request, $"Changes needed: {request.ContentName}",
            $"Hello {request.RequestedByName},\n\n{actor} has returned \"{request.ContentName}\" to you without publishing it.\n\n" +
            $"Their comment:\n{request.DecisionComment}\n\nOpen the page here, make the changes and submit it again:\n\n" +
            $"{Link($"/umbraco/content/{request.ContentKey}")}\n", cancellationToken);
        return DecisionOutcome.Done;
    }

    /// <summary>
    /// Closes an open request in one conditional update, so two editors deciding at once cannot both act on it.
    /// </summary>
    private async Task<DecisionOutcome> DecideAsync(Guid id, ApprovalStatus status, string actor, string? comment, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.ApprovalRequests.Where(r => r.Id == id && r.Status == ApprovalStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, status)
                .SetProperty(r => r.DecidedByEmail, actor)
                .SetProperty(r => r.DecidedAt, now)
                .SetProperty(r => r.DecisionComment, comment), cancellationToken);
        if (changed > 0)
        {
            return DecisionOutcome.Done;
        }

        return await db.ApprovalRequests.AnyAsync(r => r.Id == id, cancellationToken) ? DecisionOutcome.AlreadyDecided : DecisionOutcome.NotFound;
    }

    private async Task ReopenAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.ApprovalRequests.Where(r => r.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, ApprovalStatus.Pending)
            .SetProperty(r => r.DecidedByEmail, (string?)null)
            .SetProperty(r => r.DecidedAt, (DateTime?)null), cancellationToken);
    }

    /// <summary>Active users other than the writer who may publish this page: editors and administrators whose branches cover it.</summary>
    private async Task<IReadOnlyList<BackOfficeUser>> EditorsForAsync(Guid contentKey, Guid writerId, CancellationToken cancellationToken)
    {
        var result = new List<BackOfficeUser>();
        foreach (var user in await users.Users.Where(u => !u.IsDisabled && u.Id != writerId && u.Email != null).OrderBy(u => u.Email).ToListAsync(cancellationToken))
        {
            var principal = await principals.CreateAsync(user);
            if (await permissions.CanAsync(principal, BackOfficePermission.ContentPublish, contentKey, cancellationToken))
            {
                result.Add(user);
            }
        }

        return result;
    }

    private async Task TellWriterAsync(ApprovalRequest request, string subject, string text, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(request.RequestedById.ToString()) is { IsDisabled: false } writer)
        {
            await TrySendAsync(writer, subject, text, cancellationToken);
        }
    }

    /// <summary>
    /// Plain text only: a note or comment is never put into HTML, so markup typed into it arrives as the characters typed.
    /// A mail failure is logged rather than undoing the decision, which is already recorded and visible in the back office.
    /// </summary>
    private async Task<bool> TrySendAsync(BackOfficeUser to, string subject, string text, CancellationToken cancellationToken)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = text } };
        message.From.Add(new MailboxAddress(mailOptions.Value.FromName, mailOptions.Value.FromAddress));
        message.To.Add(new MailboxAddress(to.DisplayName, to.Email ?? throw new InvalidOperationException("The user has no email address.")));
        try
        {
            await mail.SendAsync(message, cancellationToken);
            return true;
        }
        catch (MailDeliveryException ex)
        {
            logger.LogError(ex, "The workflow email to {User} could not be sent.", to.Id);
            return false;
        }
    }

    private string Link(string path) => (options.Value.PublicBaseUrl?.TrimEnd('/') ?? string.Empty) + path;

    private static string PageSubject(ApprovalRequest request) => $"{request.ContentName} ({request.ContentKey})";

    private static Task<ApprovalRequest?> PendingForPageAsync(BackOfficeDbContext db, Guid contentKey, CancellationToken cancellationToken) =>
        db.ApprovalRequests.AsNoTracking().FirstOrDefaultAsync(r => r.ContentKey == contentKey && r.Status == ApprovalStatus.Pending, cancellationToken);
}
