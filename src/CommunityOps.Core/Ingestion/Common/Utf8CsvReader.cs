using System.Text;
using CommunityOps.Resources;

namespace CommunityOps.Ingestion.Common;

/// <summary>
/// RFC 4180 records (comma, double quotes, "" inside quotes, line breaks inside quoted fields) read line
/// by line from UTF-8, as Python's csv module writes them. Memory stays at the longest record.
/// </summary>
internal sealed class Utf8CsvReader(Stream stream, string display)
{
    private readonly Utf8LineReader _lines = new(stream);
    private readonly List<string> _fields = [];
    private readonly StringBuilder _field = new();

    /// <summary>The line the last record started on.</summary>
    public long LineNumber { get; private set; }

    public IReadOnlyList<string> Fields => _fields;

    /// <summary>Whether the last record is a blank line.</summary>
    public bool IsBlank => _fields.Count == 1 && _fields[0].Length == 0;

    public bool TryRead()
    {
        _fields.Clear();
        _field.Clear();
        if (!_lines.TryReadLine(out var bytes))
        {
            return false;
        }
        LineNumber = _lines.LineNumber;
        var inQuotes = false;
        var line = Encoding.UTF8.GetString(bytes);
        while (true)
        {
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (inQuotes)
                {
                    if (c != '"')
                    {
                        _field.Append(c);
                    }
                    else if (i + 1 < line.Length && line[i + 1] == '"')
                    {
                        _field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else if (c == ',')
                {
                    _fields.Add(_field.ToString());
                    _field.Clear();
                }
                else if (c == '"' && _field.Length == 0)
                {
                    inQuotes = true;
                }
                else
                {
                    _field.Append(c);
                }
            }
            if (!inQuotes)
            {
                break;
            }
            if (!_lines.TryReadLine(out bytes))
            {
                throw ImportException.At(display, LineNumber, Errors.QuotedFieldNotClosed());
            }
            _field.Append('\n');
            line = Encoding.UTF8.GetString(bytes);
        }
        _fields.Add(_field.ToString());
        return true;
    }
}
