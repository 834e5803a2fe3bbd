using System.Text;
using CommunityOps.Resources;

namespace CommunityOps.Ingestion.Common;

/// <summary>
/// RFC 4180 records from a UTF-8 stream, one at a time: a quoted field may hold the delimiter, doubled
/// quotes and line breaks (read as "\n"). Memory stays at the longest record. Knows the line each record
/// starts on for error messages. Given several candidate delimiters, the first one the first line uses
/// (outside quotes) is the file's.
/// </summary>
internal sealed class CsvRecordReader(Stream stream, string delimiters, string display)
{
    private readonly Utf8LineReader _lines = new(stream);
    private byte _delimiter = delimiters.Length == 1 ? (byte)delimiters[0] : (byte)0;
    private byte[] _field = new byte[256];
    private int _length;

    /// <summary>The delimiter in use; 0 until the first line has been read when there were several candidates.</summary>
    public byte Delimiter => _delimiter;

    /// <summary>1-based line where the record last read starts.</summary>
    public long Line { get; private set; }

    /// <summary>The next record's fields; false at the end. Throws <see cref="ImportException"/> for a quote that never closes.</summary>
    public bool TryRead(List<string> fields)
    {
        fields.Clear();
        if (!_lines.TryReadLine(out var line))
        {
            return false;
        }
        Line = _lines.LineNumber;
        if (_delimiter == 0)
        {
            _delimiter = Sniff(line);
        }
        _length = 0;
        var inQuotes = false;
        var atFieldStart = true;
        while (true)
        {
            for (var i = 0; i < line.Length; i++)
            {
                var b = line[i];
                if (inQuotes)
                {
                    if (b != '"')
                    {
                        Append(b);
                    }
                    else if (i + 1 < line.Length && line[i + 1] == '"')
                    {
                        Append(b);
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else if (b == _delimiter)
                {
                    fields.Add(Take());
                    atFieldStart = true;
                }
                else if (b == '"' && atFieldStart)
                {
                    inQuotes = true;
                    atFieldStart = false;
                }
                else
                {
                    Append(b);
                    atFieldStart = false;
                }
            }
            if (!inQuotes)
            {
                fields.Add(Take());
                return true;
            }
            Append((byte)'\n');
            if (!_lines.TryReadLine(out line))
            {
                throw ImportException.At(display, Line, Errors.QuotedFieldNeverClosed());
            }
        }
    }

    private byte Sniff(ReadOnlySpan<byte> line)
    {
        var inQuotes = false;
        foreach (var b in line)
        {
            if (b == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && delimiters.Contains((char)b, StringComparison.Ordinal))
            {
                return b;
            }
        }
        return (byte)delimiters[0];
    }

    private void Append(byte b)
    {
        if (_length == _field.Length)
        {
            Array.Resize(ref _field, _field.Length * 2);
        }
        _field[_length++] = b;
    }

    private string Take()
    {
        var s = _length == 0 ? "" : Encoding.UTF8.GetString(_field, 0, _length);
        _length = 0;
        return s;
    }
}
