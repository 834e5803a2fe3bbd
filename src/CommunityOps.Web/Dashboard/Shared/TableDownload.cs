namespace CommunityOps.Web.Dashboard.Shared;

/// <summary>
/// A table to download, written cell by cell the same way whatever the file format, so that the CSV
/// and the Excel file of a list always have the same columns and the same defences.
/// </summary>
public interface ITableDownload
{
    /// <summary>Text from anywhere, chat exports included: never turned into a formula.</summary>
    ITableDownload Text(string? value);

    ITableDownload Number(long value);

    ITableDownload Line();

    IResult ToResult(string fileNameWithoutExtension);
}

public static class TableDownload
{
    public const string CsvExtension = "csv";
    public const string XlsxExtension = "xlsx";

    /// <summary>The writer for a download's extension; <paramref name="sheetName"/> names the Excel sheet.</summary>
    public static ITableDownload For(string extension, string sheetName) =>
        extension == XlsxExtension ? new Xlsx(sheetName) : new Csv();

    /// <summary>
    /// Whether a spreadsheet would read the text as a formula (or, for '-' and '+', as arithmetic):
    /// OWASP's list for CSV injection, shared by both formats.
    /// </summary>
    public static bool LooksLikeFormula(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
}
