using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CommunityOps.Web.Dashboard.Shared;

/// <summary>
/// An Excel workbook (.xlsx) with one sheet. Text is always an inline string cell, never a formula
/// cell, so nothing in it is ever calculated. Text that Excel would turn into a formula once someone
/// edits the cell (starting with = + - @, tab or carriage return) also gets Excel's quote prefix, the
/// stored form of typing a leading apostrophe: it stays text for good, and the value itself is kept
/// exactly as it came. Numbers are number cells.
/// </summary>
public sealed partial class Xlsx(string sheetName) : ITableDownload
{
    /// <summary>The most characters Excel keeps in one cell.</summary>
    public const int MaxCellLength = 32_767;

    private const uint PlainStyle = 0;
    private const uint QuotePrefixStyle = 1;

    private readonly List<List<object>> _rows = [[]];

    public ITableDownload Text(string? value)
    {
        _rows[^1].Add(value ?? "");
        return this;
    }

    public ITableDownload Number(long value)
    {
        _rows[^1].Add(value);
        return this;
    }

    public ITableDownload Line()
    {
        _rows.Add([]);
        return this;
    }

    public IResult ToResult(string fileNameWithoutExtension) =>
        Results.File(ToBytes(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileNameWithoutExtension + "." + TableDownload.XlsxExtension);

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            // Written as a stream of elements: a 100,000-row member list never exists as a DOM.
            using (var writer = OpenXmlWriter.Create(sheet))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                var rowIndex = 0u;
                foreach (var row in _rows.Where(r => r.Count > 0))
                {
                    rowIndex++;
                    writer.WriteStartElement(new Row { RowIndex = rowIndex });
                    for (var i = 0; i < row.Count; i++)
                    {
                        writer.WriteElement(CellFor(row[i], ColumnName(i) + rowIndex.ToString(CultureInfo.InvariantCulture)));
                    }
                    writer.WriteEndElement();
                }
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = SheetName(sheetName) }));
        }
        return stream.ToArray();
    }

    private static Cell CellFor(object value, string reference)
    {
        if (value is long number)
        {
            return new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(number.ToString(CultureInfo.InvariantCulture)) };
        }
        var text = (string)value;
        return new Cell
        {
            CellReference = reference,
            DataType = CellValues.InlineString,
            StyleIndex = TableDownload.LooksLikeFormula(text) ? QuotePrefixStyle : PlainStyle,
            InlineString = new InlineString(new Text(Escape(text)) { Space = SpaceProcessingModeValues.Preserve }),
        };
    }

    /// <summary>
    /// Chat text as the file format can carry it: characters XML cannot hold (most control
    /// characters, lone surrogates) become U+FFFD instead of failing the whole download; a carriage
    /// return, and any literal "_xHHHH_" (which Excel would decode as a character escape), are
    /// written in the format's own escape so the cell reads exactly as the text; and Excel's cell limit
    /// is kept without splitting a surrogate pair.
    /// </summary>
    internal static string Escape(string text)
    {
        // First, so that the escapes written below are not themselves escaped.
        text = LiteralEscape().Replace(text, "_x005F_$1");
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (c == '\r')
            {
                sb.Append("_x000D_");
            }
            else if (c is '\t' or '\n' || (c >= ' ' && !char.IsSurrogate(c) && c is not '\uFFFE' and not '\uFFFF'))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('\uFFFD');
            }
        }
        var escaped = sb.ToString();
        if (escaped.Length > MaxCellLength)
        {
            var cut = char.IsHighSurrogate(escaped[MaxCellLength - 1]) ? MaxCellLength - 1 : MaxCellLength;
            escaped = escaped[..cut];
        }
        return escaped;
    }

    // "_x" and four hex digits and "_": what Excel reads as an escaped character; "_x005F_" is the escaped "_".
    [GeneratedRegex("_(x[0-9A-Fa-f]{4}_)")]
    private static partial Regex LiteralEscape();

    /// <summary>A, B, ..., Z, AA, AB, ...</summary>
    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }
        return name;
    }

    /// <summary>Excel refuses sheet names over 31 characters or with any of : \ / ? * [ ].</summary>
    private static string SheetName(string name)
    {
        var cleaned = new string(name.Select(c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']' ? ' ' : c).ToArray()).Trim();
        return cleaned.Length == 0 ? "Sheet1" : cleaned[..Math.Min(cleaned.Length, 31)];
    }

    /// <summary>The least a stylesheet must hold for Excel to open the file, plus the quote-prefix format (index 1).</summary>
    private static Stylesheet Styles() => new(
        new Fonts(new Font()) { Count = 1 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, QuotePrefix = true, ApplyAlignment = false })
        { Count = 2 });
}
