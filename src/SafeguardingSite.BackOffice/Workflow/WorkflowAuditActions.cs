namespace SafeguardingSite.BackOffice.Workflow;

/// <summary>The publishing and approval actions written to the back-office audit trail.</summary>
public static class WorkflowAuditActions
{
    public const string Published = "page published";
    public const string Unpublished = "page unpublished";
    public const string Scheduled = "page scheduled";
    public const string RolledBack = "page rolled back";
    public const string ApprovalRequested = "approval requested";
    public const string Approved = "approval approved";
    public const string Returned = "approval returned";
}
