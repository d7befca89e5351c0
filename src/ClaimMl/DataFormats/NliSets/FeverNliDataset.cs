using ClaimMl.Entailment;

namespace ClaimMl.DataFormats.NliSets;

/// <summary>
/// FEVER as sentence pairs (<c>fever-nli/pairs.jsonl</c>): one <c>{"evidence", "claim", "label"}</c> object
/// per line, <c>entailment</c> (the evidence supports the claim) or <c>not_entailment</c> (in this set the
/// evidence refutes it: FEVER's "not enough info" claims have no evidence and are not in it), read as
/// <see cref="EntailmentLabel.Entails"/> and <see cref="EntailmentLabel.Contradicts"/>. FEVER's tokenised text
/// is turned back into plain text (<see cref="FeverText"/>). The set has one side, <c>all</c>, and no test side.
/// </summary>
internal static class FeverNliDataset
{
    /// <summary>The file of the set, in its folder.</summary>
    public const string FileName = "pairs.jsonl";

    /// <summary>The name of the set's only side.</summary>
    public const string Side = "all";

    public static bool IsPresent(string folder) => File.Exists(Path.Combine(folder, FileName));

    /// <summary>Every pair of the file; any malformed line throws <see cref="ClaimMlDataException"/> naming its line and field.</summary>
    public static List<NliPair> Load(string folder)
    {
        string file = Path.Combine(folder, FileName);
        var pairs = new List<NliPair>();
        foreach (var (line, obj) in JsonLines.Read(file))
        {
            string label = JsonLines.String(file, line, obj, "label");
            EntailmentLabel parsed = label switch
            {
                "entailment" => EntailmentLabel.Entails,
                "not_entailment" => EntailmentLabel.Contradicts,
                _ => throw new ClaimMlDataException(file, line, "label", $"'{label}' is not entailment or not_entailment."),
            };
            string evidence = FeverText.Detokenize(JsonLines.String(file, line, obj, "evidence"));
            string claim = FeverText.Detokenize(JsonLines.String(file, line, obj, "claim"));
            pairs.Add(new NliPair(claim, evidence, parsed, Side, line));
        }
        if (pairs.Count == 0)
        {
            throw new ClaimMlDataException(file, 0, null, "the file holds no pairs.");
        }
        return pairs;
    }
}
