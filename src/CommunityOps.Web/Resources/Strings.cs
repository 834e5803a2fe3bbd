namespace CommunityOps.Web.Resources;

/// <summary>Marker for the dashboard's strings: Strings.resx (English) and Strings.zh-Hans.resx (简体中文).</summary>
public sealed class Strings;
