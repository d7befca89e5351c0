using ClaimMl.Entailment;

namespace ClaimMl.DataFormats.NliSets;

/// <summary>
/// SciFact as sentence pairs (Wadden et al., 2020), <c>scifact-nli/train.tsv</c> and <c>dev.tsv</c>:
/// tab-separated, header <c>index sentence1 sentence2 entailment</c>, <c>sentence1</c> the evidence (the
/// passage), <c>sentence2</c> the claim, the last column (misnamed <c>entailment</c>) the label:
/// <c>entailment</c> (SUPPORT) or <c>not_entailment</c> (CONTRADICT), read as
/// <see cref="EntailmentLabel.Entails"/> and <see cref="EntailmentLabel.Contradicts"/>. Both files are
/// training sides; the set has no test side here.
/// </summary>
internal static class SciFactNliDataset
{
    /// <summary>The sides (files) of the set.</summary>
    public static readonly string[] Sides = ["train", "dev"];

    private static readonly string[] Header = ["index", "sentence1", "sentence2", "entailment"];

    public static bool IsPresent(string folder) => File.Exists(Path.Combine(folder, "train.tsv"));

    /// <summary>The pairs of one side, in file order.</summary>
    /// <param name="folder">The scifact-nli folder.</param>
    /// <param name="side">"train" or "dev".</param>
    /// <exception cref="ArgumentException"><paramref name="side"/> is not a side of the set.</exception>
    /// <exception cref="ClaimMlDataException">The file is malformed: wrong header, a row without 4 fields, an unknown label.</exception>
    public static List<NliPair> Load(string folder, string side)
    {
        if (Array.IndexOf(Sides, side) < 0)
        {
            throw new ArgumentException($"'{side}' is not a side of SciFact; use {string.Join(" or ", Sides)}.", nameof(side));
        }
        string file = Path.Combine(folder, side + ".tsv");
        var pairs = new List<NliPair>();
        foreach (var (line, f) in CsvRecords.Read(file, Header, '\t', quoted: false))
        {
            EntailmentLabel label = f[3] switch
            {
                "entailment" => EntailmentLabel.Entails,
                "not_entailment" => EntailmentLabel.Contradicts,
                _ => throw new ClaimMlDataException(file, line, "entailment", $"'{f[3]}' is not entailment or not_entailment."),
            };
            pairs.Add(new NliPair(f[2], f[1], label, side, line));
        }
        return pairs;
    }
}
