using System.Globalization;
using System.Text;

namespace CommunityOps.Web.Dashboard.Shared;

/// <summary>
/// CSV for spreadsheets. Text cells that a spreadsheet would run as a formula (starting with = + - @,
/// tab or carriage return) get a leading apostrophe, so a member named "=HYPERLINK(...)" stays a name.
/// Numbers are written as numbers and never touched.
/// </summary>
public sealed class Csv : ITableDownload
{
    private readonly StringBuilder _text = new();
    private bool _lineStarted;

    public ITableDownload Text(string? value)
    {
        var v = value ?? "";
        if (TableDownload.LooksLikeFormula(v))
        {
            v = "'" + v;
        }
        return Cell(v.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v);
    }

    public ITableDownload Number(long value) => Cell(value.ToString(CultureInfo.InvariantCulture));

    public ITableDownload Line()
    {
        _text.Append("\r\n");
        _lineStarted = false;
        return this;
    }

    private Csv Cell(string raw)
    {
        if (_lineStarted)
        {
            _text.Append(',');
        }
        _text.Append(raw);
        _lineStarted = true;
        return this;
    }

    /// <summary>UTF-8 with a byte order mark: without it, Excel reads Chinese names as mojibake.</summary>
    public IResult ToResult(string fileNameWithoutExtension) =>
        Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(_text.ToString())).ToArray(), "text/csv; charset=utf-8",
            fileNameWithoutExtension + "." + TableDownload.CsvExtension);
}
