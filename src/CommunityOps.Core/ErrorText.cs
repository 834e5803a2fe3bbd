using System.Globalization;
using System.Resources;

namespace CommunityOps;

/// <summary>
/// A user-facing message kept as a resource key and its values, so that it is put into words only when
/// someone reads it: in English for logs and <see cref="Exception.Message"/>, in the reader's language for
/// the CLI and the web. A value that is itself an <see cref="ErrorText"/> (or a list of them) is read in
/// the same language; any other value (a path, a line, what the user typed, another library's message)
/// is data and is shown as it is.
/// </summary>
public sealed partial class ErrorText
{
    private readonly ResourceManager _resources;
    private readonly object?[] _values;

    public ErrorText(ResourceManager resources, string key, params object?[] values)
    {
        _resources = resources;
        Key = key;
        _values = values;
    }

    /// <summary>The language of <see cref="Exception.Message"/>, logs and the stored English copies.</summary>
    public static CultureInfo English { get; } = CultureInfo.GetCultureInfo("en");

    public string Key { get; }

    public IReadOnlyList<object?> Values => _values;

    /// <summary>The resources this key is looked up in (Core's errors, or a host's own strings).</summary>
    public string ResourceBaseName => _resources.BaseName;

    public string Format(CultureInfo culture)
    {
        // A missing key is a bug the resource specs catch; the key itself still says more than an exception would.
        var template = _resources.GetString(Key, culture) ?? Key;
        var values = new object?[_values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _values[i] switch
            {
                ErrorText text => text.Format(culture),
                IEnumerable<ErrorText> list => string.Join(Resources.Errors.ListSeparator().Format(culture), list.Select(t => t.Format(culture))),
                var value => value,
            };
        }
        return string.Format(culture, template, values);
    }

    public override string ToString() => Format(English);
}
