using System.Globalization;
using ClaimMl.Training;

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
        foreach (var (line, fields) in CsvRecords.Read(bodiesFile, BodyHeader))
        {
            int id = ParseBodyId(bodiesFile, line, fields[0]);
            if (!bodyIndex.TryAdd(id, bodies.Count))
            {
                throw new ClaimMlDataException(bodiesFile, line, "Body ID", $"body id {id} appears twice.");
            }
            bodies.Add(fields[1]);
        }

        var pairs = new List<LabeledPair>();
        foreach (var (line, fields) in CsvRecords.Read(stancesFile, StanceHeader))
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

}
