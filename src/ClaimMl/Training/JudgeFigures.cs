using ClaimMl.Entailment;

namespace ClaimMl.Training;

/// <summary>
/// Restated and misstated figures for the judge: from entailing pairs of FEVER, Emergent, FNC-1 and FNC-1's article
/// sentences (<see cref="SourceOrigins"/>) whose passage holds the claim's figure as the claim writes it, the claim
/// with that figure said less exactly so that it still holds (<see cref="ClaimFigures"/>: "nearly 30" for 27, "fell by
/// more than 50" for a fall from 268 to 212, "a decade" for ten years; entails) and said with the same kind of hedge
/// so that the passage rules it out ("more than 40" for 27; contradicts). The synthetic contradictions the judge
/// trains on change a figure, so it learned to read any figure worded unlike its passage as contradicted; people
/// restate figures. Each entailing pair is drawn with probability 1/every and its figure restated and misstated up to <see cref="PerPair"/> times; every pair keeps its passage and group.
/// Made last, from random sequences of their own, so that every other pair is the same as without them. A claim that
/// some pair already pairs with the same passage is refused.
/// </summary>
internal static class JudgeFigures
{
    /// <summary>The origins whose entailing pairs have their figures restated.</summary>
    public static readonly string[] SourceOrigins = JudgeParaphrases.SourceOrigins;

    /// <summary>The origin name of the restated (entailing) figures made from pairs of <paramref name="origin"/>.</summary>
    public static string RestatedOrigin(string origin) => "restated figure " + origin;

    /// <summary>The origin name of the misstated (contradicting) figures made from pairs of <paramref name="origin"/>.</summary>
    public static string MisstatedOrigin(string origin) => "misstated figure " + origin;

    /// <summary>The restated and misstated pairs of <paramref name="candidates"/>, in their order.</summary>
    /// <param name="candidates">The pairs to draw from (only entailing pairs of <see cref="SourceOrigins"/> are).</param>
    /// <param name="seed">The seed.</param>
    /// <param name="every">One pair drawn per this many, about; 0 draws none.</param>
    public static List<JudgeCandidate> Make(IReadOnlyList<JudgeCandidate> candidates, int seed, int every)
    {
        var made = new List<JudgeCandidate>();
        if (JudgePairs.PairsToAvoid(candidates, every) is not { } existing)
        {
            return made;
        }
        foreach (var (c, random) in JudgeContradictions.DrawEntailing(candidates, SourceOrigins, seed, every, RestatedOrigin))
        {
            for (int k = 0; k < PerPair; k++)
            {
                if (ClaimFigures.Restate(c.Claim, random) is not { } figure || !Holds(c.Passage, figure.Figure))
                {
                    break;
                }
                if (existing.Add((figure.Restated, c.Passage)))
                {
                    made.Add(c with { Claim = figure.Restated, Origin = RestatedOrigin(c.Origin), Article = null });
                }
                if (existing.Add((figure.Misstated, c.Passage)))
                {
                    made.Add(c with { Claim = figure.Misstated, Label = EntailmentLabel.Contradicts, Origin = MisstatedOrigin(c.Origin), Article = null });
                }
            }
        }
        return made;
    }

    /// <summary>How many times a drawn pair's figure is restated and misstated (repeats of an earlier wording are refused), so that one figure is read with more than one hedge.</summary>
    internal const int PerPair = 2;

    /// <summary>
    /// Whether the passage writes the figure as the claim does, as a whole figure (not "11" of "9/11", "17" of "17th" or
    /// "20" of "2,000"), so that the restatement is of a figure the passage states.
    /// </summary>
    internal static bool Holds(string passage, string figure)
    {
        for (int at = passage.IndexOf(figure, StringComparison.OrdinalIgnoreCase); at >= 0; at = passage.IndexOf(figure, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            int end = at + figure.Length;
            bool openBefore = at == 0 || !(char.IsLetterOrDigit(passage[at - 1]) || passage[at - 1] is '/' or ',' or '.' or '-');
            bool openAfter = end == passage.Length || !(char.IsLetterOrDigit(passage[end]) || passage[end] is '/' or '-' || (passage[end] is ',' or '.' && end + 1 < passage.Length && char.IsDigit(passage[end + 1])));
            if (openBefore && openAfter)
            {
                return true;
            }
        }
        return false;
    }
}
