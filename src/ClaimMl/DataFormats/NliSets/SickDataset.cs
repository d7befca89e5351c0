using ClaimMl.Entailment;

namespace ClaimMl.DataFormats.NliSets;

/// <summary>
/// SICK (Marelli et al., 2014), <c>sick/SICK.txt</c>: tab-separated pairs of everyday sentences with the
/// SemEval-2014 split in <c>SemEval_set</c>. The premise is <c>sentence_A</c> (the passage), the hypothesis
/// <c>sentence_B</c> (the claim), the label <c>entailment_label</c> (A→B): ENTAILMENT, CONTRADICTION and
/// NEUTRAL are read as <see cref="EntailmentLabel.Entails"/>, <see cref="EntailmentLabel.Contradicts"/> and
/// <see cref="EntailmentLabel.Neither"/>. <c>TRAIN</c> and <c>TRIAL</c> are training sides; <c>TEST</c> is a
/// test side: its rows are skipped unread (only their side is checked), and asking for it is refused.
/// </summary>
internal static class SickDataset
{
    /// <summary>The file of the set, in its folder.</summary>
    public const string FileName = "SICK.txt";

    /// <summary>The sides a judge may be trained on.</summary>
    public static readonly string[] TrainingSides = ["TRAIN", "TRIAL"];

    /// <summary>The side kept for testing, never returned.</summary>
    public const string TestSide = "TEST";

    private static readonly string[] Header =
    [
        "pair_ID", "sentence_A", "sentence_B", "entailment_label", "relatedness_score", "entailment_AB", "entailment_BA",
        "sentence_A_original", "sentence_B_original", "sentence_A_dataset", "sentence_B_dataset", "SemEval_set",
    ];

    private const int SentenceA = 1, SentenceB = 2, Label = 3, Set = 11;

    public static bool IsPresent(string folder) => File.Exists(Path.Combine(folder, FileName));

    /// <summary>The pairs of the given training sides (by default TRAIN and TRIAL), in file order.</summary>
    /// <param name="folder">The sick folder.</param>
    /// <param name="sides">Training sides to return; <c>TEST</c> or an unknown side is refused.</param>
    /// <exception cref="ArgumentException">A side is <c>TEST</c> or not a side of SICK.</exception>
    /// <exception cref="ClaimMlDataException">The file is malformed: wrong header, a row without 12 fields, an unknown side or label.</exception>
    public static List<NliPair> Load(string folder, IReadOnlyCollection<string>? sides = null)
    {
        sides ??= TrainingSides;
        foreach (string side in sides)
        {
            if (side == TestSide)
            {
                throw new ArgumentException($"SICK's {TestSide} side is a test side; a judge is trained on {string.Join(" and ", TrainingSides)} only.", nameof(sides));
            }
            if (Array.IndexOf(TrainingSides, side) < 0)
            {
                throw new ArgumentException($"'{side}' is not a training side of SICK; use {string.Join(" or ", TrainingSides)}.", nameof(sides));
            }
        }
        string file = Path.Combine(folder, FileName);
        var pairs = new List<NliPair>();
        foreach (var (line, f) in CsvRecords.Read(file, Header, '\t', quoted: false))
        {
            string side = f[Set].Trim();
            if (side != TestSide && Array.IndexOf(TrainingSides, side) < 0)
            {
                throw new ClaimMlDataException(file, line, "SemEval_set", $"'{side}' is not TRAIN, TRIAL or TEST.");
            }
            if (!sides.Contains(side))
            {
                continue; // a test row (or a side not asked for) is not looked at further
            }
            EntailmentLabel label = f[Label] switch
            {
                "ENTAILMENT" => EntailmentLabel.Entails,
                "CONTRADICTION" => EntailmentLabel.Contradicts,
                "NEUTRAL" => EntailmentLabel.Neither,
                _ => throw new ClaimMlDataException(file, line, "entailment_label", $"'{f[Label]}' is not ENTAILMENT, CONTRADICTION or NEUTRAL."),
            };
            pairs.Add(new NliPair(f[SentenceB], f[SentenceA], label, side, line));
        }
        return pairs;
    }
}
