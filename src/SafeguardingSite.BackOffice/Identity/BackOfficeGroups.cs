using SafeguardingSite.Content.ManagementApi;
using P = SafeguardingSite.BackOffice.Identity.BackOfficePermission;

namespace SafeguardingSite.BackOffice.Identity;

public sealed record GroupDefinition(string Name, string Description, IReadOnlyList<string> Permissions);

/// <summary>
/// The groups every site starts with. The first three are also the Management API's roles, so a user signed in by
/// cookie meets the same policies as an API key of the same group.
/// </summary>
public static class BackOfficeGroups
{
    public const string TrainingAdministrator = "Training administrator";
    public const string Trainer = "Trainer";
    public const string BulletinEditor = "Bulletin editor";
    public const string AnalyticsReader = "Analytics reader";

    private static readonly string[] Writing = [P.ContentBrowse, P.ContentCreate, P.ContentEdit, P.ContentSubmit, P.Media];
    private static readonly string[] Publishing = [.. Writing, P.ContentPublish, P.ContentUnpublish, P.ContentDelete];

    public static IReadOnlyList<GroupDefinition> Seeded { get; } =
    [
        new(UserGroups.Administrator, "Manages users, groups and settings, and can do everything editors can.",
            [P.Users, P.Groups, P.Settings, .. Publishing, P.TrainingManage, P.TrainingDeliver, P.BulletinEdit, P.AnalyticsRead]),
        new(UserGroups.Editor, "Publishes, unpublishes and deletes content, and approves writers' work.", Publishing),
        new(UserGroups.Writer, "Creates and edits content and submits it for approval; cannot publish.", Writing),
        new(TrainingAdministrator, "Manages the training programme, courses and bookings.", [P.TrainingManage, P.TrainingDeliver]),
        new(Trainer, "Sees the courses they deliver and their attendees.", [P.TrainingDeliver]),
        new(BulletinEditor, "Writes and sends the bulletin.", [P.BulletinEdit]),
        new(AnalyticsReader, "Reads the site's usage reports.", [P.AnalyticsRead]),
    ];
}
