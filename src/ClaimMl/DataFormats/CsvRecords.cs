using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace ClaimMl.DataFormats;

/// <summary>
/// Reads a whole delimited file (RFC 4180 quoting, multi-line fields) with CsvHelper, checking the
/// header and every record's field count; errors name the file, the record's first line and the field.
/// </summary>
internal static class CsvRecords
{
    /// <summary>Reads every record of a CSV file, checking the header and the field count; yields the 1-based starting line of each record.</summary>
    public static List<(int Line, string[] Fields)> Read(string file, string[] expectedHeader, char delimiter = ',', bool quoted = true)
    {
        var records = new List<(int, string[])>();
        using StreamReader reader = StrictText.OpenReader(file);
        int recordStart = 1;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter.ToString(),
            Mode = quoted ? CsvMode.RFC4180 : CsvMode.NoEscape,
            BadDataFound = args => throw new ClaimMlDataException(file, recordStart, null,
                $"malformed quoting near \"{Shorten(args.RawRecord)}\" (a quote inside an unquoted field, or a field not closed)."),
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
        };
        using var csv = new CsvReader(reader, config);
        try
        {
            if (!csv.Read())
            {
                throw new ClaimMlDataException(file, 1, null, $"the file is empty; expected the header {string.Join(",", expectedHeader)}.");
            }
            csv.ReadHeader();
            string[] header = csv.HeaderRecord ?? [];
            if (header.Any(h => h.Contains('\0', StringComparison.Ordinal)))
            {
                StrictText.RefuseNul(file, string.Join(",", header));
            }
            if (!header.AsSpan().SequenceEqual(expectedHeader))
            {
                throw new ClaimMlDataException(file, 1, null, $"the header is '{string.Join(",", header)}'; expected '{string.Join(",", expectedHeader)}'.");
            }
            // Blank lines between records are skipped by the parser but still counted by Row and
            // RawRow, so a record starts after the previous record's last line plus the rows skipped.
            int previousRawRow = csv.Parser.RawRow, previousRow = csv.Parser.Row;
            recordStart = previousRawRow + 1;
            while (csv.Read())
            {
                recordStart = previousRawRow + (csv.Parser.Row - previousRow);
                int count = csv.Parser.Count;
                if (count != expectedHeader.Length)
                {
                    string field = count < expectedHeader.Length ? expectedHeader[count] : $"column {count}";
                    string problem = count < expectedHeader.Length
                        ? $"the record has {count} fields; '{expectedHeader[count]}' is missing (an unclosed quote also causes this)."
                        : $"the record has {count} fields; expected {expectedHeader.Length}.";
                    throw new ClaimMlDataException(file, recordStart, field, problem);
                }
                var fields = new string[count];
                for (int i = 0; i < count; i++)
                {
                    fields[i] = csv.GetField(i) ?? string.Empty;
                    if (fields[i].Contains('\0', StringComparison.Ordinal))
                    {
                        throw new ClaimMlDataException(file, recordStart + StrictText.LineOf(fields[i], fields[i].IndexOf('\0', StringComparison.Ordinal)) - 1, expectedHeader[i],
                            "the field holds a NUL character; the file is not text (or is UTF-16 without a byte-order mark).");
                    }
                }
                records.Add((recordStart, fields));
                (previousRawRow, previousRow) = (csv.Parser.RawRow, csv.Parser.Row);
                recordStart = previousRawRow + 1;
            }
        }
        catch (DecoderFallbackException e)
        {
            throw StrictText.InvalidText(file, e);
        }
        catch (CsvHelperException e) when (e is not null)
        {
            throw new ClaimMlDataException(file, recordStart, null, $"not a readable CSV record: {e.GetType().Name}.", e);
        }
        return records;
    }

    private static string Shorten(string? text)
    {
        text ??= string.Empty;
        text = text.ReplaceLineEndings(" ");
        return text.Length <= 60 ? text : text[..57] + "...";
    }
}
