using System.Globalization;
using System.Text;
using ClaimMl.Training;
using CsvHelper;
using CsvHelper.Configuration;

namespace ClaimMl.DataFormats;

/// <summary>The two splits of FNC-1.</summary>
internal enum FncSplit
{
    /// <summary><c>train_bodies.csv</c> and <c>train_stances.csv</c>.</summary>
    Train,

    /// <summary><c>competition_test_bodies.csv</c> and <c>competition_test_stances.csv</c>.</summary>
    Competition,
}

/// <summary>
/// Reads FNC-1 (bodies and stances CSV files, RFC 4180 quoting, multi-line bodies) into a
/// <see cref="LabeledPairSet"/>. The whole split is read and checked before anything is returned:
/// a malformed file raises <see cref="ClaimMlDataException"/> with its file, line and field.
/// </summary>
internal static class FncDataset
{
    private static readonly string[] BodyHeader = ["Body ID", "articleBody"];
    private static readonly string[] StanceHeader = ["Headline", "Body ID", "Stance"];

    public static (string Bodies, string Stances) Files(string folder, FncSplit split) => split switch
    {
        FncSplit.Train => (Path.Combine(folder, "train_bodies.csv"), Path.Combine(folder, "train_stances.csv")),
        _ => (Path.Combine(folder, "competition_test_bodies.csv"), Path.Combine(folder, "competition_test_stances.csv")),
    };

    public static LabeledPairSet Load(string folder, FncSplit split)
    {
        var (bodiesFile, stancesFile) = Files(folder, split);
        return Load(bodiesFile, stancesFile, $"fnc-1 {split.ToString().ToLowerInvariant()}");
    }

    public static LabeledPairSet Load(string bodiesFile, string stancesFile, string name)
    {
        var bodyIndex = new Dictionary<int, int>();
        var bodies = new List<string>();
        foreach (var (line, fields) in ReadRecords(bodiesFile, BodyHeader))
        {
            int id = ParseBodyId(bodiesFile, line, fields[0]);
            if (!bodyIndex.TryAdd(id, bodies.Count))
            {
                throw new ClaimMlDataException(bodiesFile, line, "Body ID", $"body id {id} appears twice.");
            }
            bodies.Add(fields[1]);
        }

        var pairs = new List<LabeledPair>();
        foreach (var (line, fields) in ReadRecords(stancesFile, StanceHeader))
        {
            if (string.IsNullOrWhiteSpace(fields[0]))
            {
                throw new ClaimMlDataException(stancesFile, line, "Headline", "the headline is empty.");
            }
            int id = ParseBodyId(stancesFile, line, fields[1]);
            if (!bodyIndex.TryGetValue(id, out int source))
            {
                throw new ClaimMlDataException(stancesFile, line, "Body ID", $"body id {id} is not in {Path.GetFileName(bodiesFile)}.");
            }
            Stance stance = ParseStance(fields[2]) ?? throw new ClaimMlDataException(stancesFile, line, "Stance",
                $"'{fields[2]}' is not a stance; expected agree, disagree, discuss or unrelated.");
            pairs.Add(new LabeledPair(fields[0], source, stance));
        }
        if (pairs.Count == 0)
        {
            throw new ClaimMlDataException(stancesFile, 0, null, "the file has no stance rows.");
        }
        return new LabeledPairSet(name, bodies, pairs);
    }

    /// <summary>Maps an FNC-1 label (agree, disagree, discuss, unrelated) to a stance.</summary>
    public static Stance? ParseStance(string label) => label.Trim().ToLowerInvariant() switch
    {
        "agree" => Stance.Supports,
        "disagree" => Stance.Refutes,
        "discuss" => Stance.Discusses,
        "unrelated" => Stance.Unrelated,
        _ => null,
    };

    private static int ParseBodyId(string file, int line, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int id) && id >= 0
            ? id
            : throw new ClaimMlDataException(file, line, "Body ID", $"'{value}' is not a body id (a whole number).");

    /// <summary>Reads every record of a CSV file, checking the header and the field count; yields the 1-based starting line of each record.</summary>
    internal static List<(int Line, string[] Fields)> ReadRecords(string file, string[] expectedHeader)
    {
        var records = new List<(int, string[])>();
        using StreamReader reader = StrictText.OpenReader(file);
        int recordStart = 1;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
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
                }
                records.Add((recordStart, fields));
                (previousRawRow, previousRow) = (csv.Parser.RawRow, csv.Parser.Row);
                recordStart = previousRawRow + 1;
            }
        }
        catch (DecoderFallbackException e)
        {
            throw new ClaimMlDataException(file, StrictText.LineOfInvalidBytes(file), null, "the file is not valid UTF-8 text.", e);
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
