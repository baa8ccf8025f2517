using SafeguardingSite.BackOffice.Identity;

namespace SafeguardingSite.BackOffice.Extensibility;

/// <summary>
/// One authorization policy per back-office permission, for module screens signed in by the back-office cookie:
/// <c>[Authorize(Policy = BackOfficePolicies.BulletinEdit)]</c>.
/// </summary>
public static class BackOfficePolicies
{
    public const string Prefix = "backoffice:";

    public const string ContentBrowse = Prefix + BackOfficePermission.ContentBrowse;
    public const string Media = Prefix + BackOfficePermission.Media;
    public const string TrainingManage = Prefix + BackOfficePermission.TrainingManage;
    public const string TrainingDeliver = Prefix + BackOfficePermission.TrainingDeliver;
    public const string BulletinEdit = Prefix + BackOfficePermission.BulletinEdit;
    public const string AnalyticsRead = Prefix + BackOfficePermission.AnalyticsRead;
    public const string Settings = Prefix + BackOfficePermission.Settings;

    public static string For(string permission) => Prefix + permission;
}
