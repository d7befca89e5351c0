using ClaimMl.Entailment;
using ClaimMl.Text;

namespace ClaimMl.JudgeTrainer.Training;

/// <summary>
/// A bias-only model of the training pairs, for <c>train --debias-overlap</c>: the label distribution of the pairs that
/// share a pair's <see cref="Cell"/> (how much of the claim's content words the passage holds, and whether a negation
/// word stands on one side only). A judge that learns these cues reads a faithful rewording (few shared words) as
/// contradicting and a claim with one detail changed (most words shared) as entailed; weighting each pair's loss by
/// 1 − P<sub>bias</sub>(its label) (example reweighting: Clark, Yatskar and Zettlemoyer 2019; Utama, Moosavi and
/// Gurevych 2020) puts the weight on the pairs those cues get wrong.
/// </summary>
internal static class OverlapBias
{
    /// <summary>Bins of the shared share in [0, 1); a claim whose content words all stand in the passage has a bin of its own.</summary>
    public const int ShareBins = 10;

    /// <summary>Cells: the share's bins plus "all shared", times negation on one side only or not.</summary>
    public const int Cells = (ShareBins + 1) * 2;

    private static readonly int Labels = JudgeTrainingOptions.Labels.Length;

    /// <summary>
    /// The share of the claim's distinct content words (stems, stopwords left out) that stand in the passage, in
    /// [0, 1]; 1 for a claim without content words.
    /// </summary>
    public static double SharedShare(string claim, string passage) => Read(claim, passage).Share;

    /// <summary>The pair's cell: its bin of <see cref="SharedShare"/> and whether exactly one side holds a negation word.</summary>
    public static int Cell(string claim, string passage)
    {
        var (share, negationOneSide) = Read(claim, passage);
        int bin = share >= 1 ? ShareBins : Math.Min(ShareBins - 1, (int)(share * ShareBins));
        return (bin * 2) + (negationOneSide ? 1 : 0);
    }

    /// <summary>
    /// Each pair's loss weight: 1 − P<sub>bias</sub>(label | cell), P<sub>bias</sub> counted over these pairs with one
    /// added to every cell and label, then scaled so that the weights' mean is 1 (the loss keeps its scale).
    /// </summary>
    public static float[] Weights(IReadOnlyList<JudgePair> pairs)
    {
        var cells = new int[pairs.Count];
        Parallel.For(0, pairs.Count, i => cells[i] = Cell(pairs[i].Claim, pairs[i].Passage));
        var counts = new int[Cells, Labels];
        var totals = new int[Cells];
        for (int i = 0; i < pairs.Count; i++)
        {
            counts[cells[i], (int)pairs[i].Label]++;
            totals[cells[i]]++;
        }
        var weights = new float[pairs.Count];
        double sum = 0;
        for (int i = 0; i < pairs.Count; i++)
        {
            int cell = cells[i];
            double bias = (counts[cell, (int)pairs[i].Label] + 1.0) / (totals[cell] + Labels);
            weights[i] = (float)(1 - bias);
            sum += weights[i];
        }
        float scale = pairs.Count == 0 ? 1 : (float)(pairs.Count / sum);
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] *= scale;
        }
        return weights;
    }

    /// <summary>The mean loss weight of each label's training pairs, and their lowest and highest, as a table for the log.</summary>
    public static string ToTable(IReadOnlyList<EncodedPair> pairs)
    {
        var sum = new double[Labels];
        var count = new int[Labels];
        var low = new float[Labels];
        var high = new float[Labels];
        Array.Fill(low, float.MaxValue);
        for (int i = 0; i < pairs.Count; i++)
        {
            int label = pairs[i].Label;
            float w = pairs[i].Weight;
            sum[label] += w;
            count[label]++;
            low[label] = Math.Min(low[label], w);
            high[label] = Math.Max(high[label], w);
        }
        var table = new System.Text.StringBuilder("Loss weights (--debias-overlap), by label: pairs, mean, lowest, highest\n");
        for (int label = 0; label < Labels; label++)
        {
            table.Append(System.Globalization.CultureInfo.InvariantCulture, $"  {JudgeTrainingOptions.Labels[label],-12}{count[label],8:N0}{(count[label] == 0 ? 0 : sum[label] / count[label]),8:0.000}{(count[label] == 0 ? 0 : low[label]),8:0.000}{high[label],8:0.000}\n");
        }
        return table.ToString();
    }

    private static (double Share, bool NegationOneSide) Read(string claim, string passage)
    {
        List<Token> claimTokens = WordTokenizer.Tokenize(claim);
        List<Token> passageTokens = WordTokenizer.Tokenize(passage);
        var passageStems = new HashSet<ulong>(passageTokens.Count);
        bool passageNegated = false;
        foreach (Token t in passageTokens)
        {
            passageStems.Add(t.Stem);
            passageNegated |= (t.Flags & TokenFlags.Negation) != 0;
        }
        var claimStems = new HashSet<ulong>();
        bool claimNegated = false;
        int shared = 0;
        foreach (Token t in claimTokens)
        {
            claimNegated |= (t.Flags & TokenFlags.Negation) != 0;
            if (t.IsContent && claimStems.Add(t.Stem) && passageStems.Contains(t.Stem))
            {
                shared++;
            }
        }
        double share = claimStems.Count == 0 ? 1 : (double)shared / claimStems.Count;
        return (share, claimNegated != passageNegated);
    }
}
