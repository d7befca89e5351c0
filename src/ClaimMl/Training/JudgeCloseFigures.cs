using ClaimMl.Text;

namespace ClaimMl.Training;

/// <summary>
/// Close misstated figures for the judge: from entailing written pairs and pairs of FEVER, Emergent, FNC-1 and FNC-1's
/// article sentences (<see cref="SourceOrigins"/>) whose passage holds the claim's first figure as the claim writes it,
/// the claim with that figure moved a little or two of its digits swapped (<see cref="SyntheticPairs.NudgeNumber"/>:
/// "31" → "13", "26.40" → "24.60", "13" → "16"), against the same passage: contradicts. The other synthetic
/// contradictions change a figure by a factor of 2 to 5, and a judge trained on them reads "over 31 years" against
/// "13 years" as entailed; people who misstate a figure swap its digits or move it a little. A figure the passage also
/// holds is not put in. Each entailing pair is drawn with probability 1/every; made last, from random sequences of their
/// own, so that every other pair is the same as without them. A claim that some pair already pairs with the same passage
/// is refused. Each pair keeps its passage and group.
/// </summary>
internal static class JudgeCloseFigures
{
    /// <summary>The origins whose entailing pairs have a figure misstated.</summary>
    public static readonly string[] SourceOrigins = [JudgeOrigins.Written, .. JudgeParaphrases.SourceOrigins];

    /// <summary>The origin name of the pairs made from pairs of <paramref name="origin"/>.</summary>
    public static string Origin(string origin) => "close figure " + origin;

    /// <summary>The close misstated figures of <paramref name="candidates"/>, in their order.</summary>
    /// <param name="candidates">The pairs to draw from (only entailing pairs of <see cref="SourceOrigins"/> are).</param>
    /// <param name="seed">The seed.</param>
    /// <param name="every">One pair drawn per this many, about; 0 draws none.</param>
    public static List<JudgeCandidate> Make(IReadOnlyList<JudgeCandidate> candidates, int seed, int every) =>
        JudgeContradictions.MakeEdited(candidates, SourceOrigins, seed, every, Origin, Origin, (c, random) =>
            SyntheticPairs.NudgeNumber(c.Claim, random) is { } edited && FirstFigure(c.Claim) is { } figure
            && JudgeFigures.Holds(c.Passage, figure) && FirstFigure(edited) is { } put && !JudgeFigures.Holds(c.Passage, put)
                ? edited
                : null);

    /// <summary>The first figure <see cref="SyntheticPairs.NudgeNumber"/> would change in <paramref name="claim"/>, as written; null when none.</summary>
    internal static string? FirstFigure(string claim)
    {
        foreach (Token token in WordTokenizer.Tokenize(claim))
        {
            if (SyntheticPairs.IsNudgeable(claim, token))
            {
                return claim.Substring(token.Start, token.Length);
            }
        }
        return null;
    }
}
