namespace SafeguardingSite.Content.PropertyEditors;

/// <summary>Umbraco's property editor aliases, kept so uSync files and headless front ends recognise them.</summary>
public static class EditorAliases
{
    public const string TextBox = "Umbraco.TextBox";
    public const string TextArea = "Umbraco.TextArea";
    public const string RichText = "Umbraco.RichText";
    public const string Integer = "Umbraco.Integer";
    public const string Decimal = "Umbraco.Decimal";
    public const string TrueFalse = "Umbraco.TrueFalse";
    public const string DateTime = "Umbraco.DateTime";
    public const string ContentPicker = "Umbraco.ContentPicker";
    public const string MediaPicker = "Umbraco.MediaPicker3";
    public const string MultiUrlPicker = "Umbraco.MultiUrlPicker";
    public const string Tags = "Umbraco.Tags";
    public const string BlockList = "Umbraco.BlockList";
}
