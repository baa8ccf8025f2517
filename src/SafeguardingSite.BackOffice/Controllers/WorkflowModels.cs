using SafeguardingSite.BackOffice.Checks;
using SafeguardingSite.BackOffice.History;
using SafeguardingSite.BackOffice.Workflow;
using SafeguardingSite.Content.Services;

namespace SafeguardingSite.BackOffice.Controllers;

public sealed class ScheduleForm
{
    /// <summary>UK time from a datetime-local field; empty for none.</summary>
    public string? PublishAt { get; set; }
    public string? ExpireAt { get; set; }
}

public sealed class SubmitForm
{
    public string? Note { get; set; }
}

public sealed class ReturnForm
{
    public string? Comment { get; set; }
}

public sealed record PublishPage(
    ContentDraft Draft,
    IReadOnlyList<PublishWarning> Warnings,
    string? LiveUrl,
    ScheduleForm Schedule,
    bool CanUnpublish,
    ApprovalRequest? Pending);

public sealed record UnpublishPage(ContentDraft Draft, string? LiveUrl);

public sealed record SubmitPage(ContentDraft Draft, IReadOnlyList<PublishWarning> Warnings, SubmitForm Form, ApprovalRequest? Pending);

public sealed record ApprovalsPage(IReadOnlyList<ApprovalRequest> Waiting, IReadOnlyList<ApprovalRequest> Mine, bool CanPublish);

public sealed record ReviewPage(ApprovalRequest Request, ContentDraft Draft, IReadOnlyList<PublishWarning> Warnings, IReadOnlyList<PropertyDiff> Changes, ReturnForm Form);

public sealed record HistoryPage(ContentDraft Draft, IReadOnlyList<VersionRow> Versions, int? From, int? To, IReadOnlyList<PropertyDiff>? Changes, bool CanRollBack);

public sealed record RollbackPage(ContentDraft Draft, VersionRow Version, IReadOnlyList<PropertyDiff> Changes);
