using ClaimMl.Entailment;

namespace ClaimMl.Training;

/// <summary>
/// Synthetic paraphrases for the judge: from entailing pairs of FEVER, Emergent, FNC-1 and FNC-1's article sentences
/// (<see cref="SourceOrigins"/>), the claim reworded by <see cref="ClaimParaphrase"/> so that it still says the same (a
/// number hedged, a date said less exactly, a title dropped, a synonym or more general word, a reporting frame or a
/// clause moved, a passive made active), and the same passage still entails it. The counterpart of
/// <see cref="JudgeContradictions"/>: every edit the judge saw before changed a claim's meaning, so it learned to read
/// a claim worded unlike its passage as contradicted; claims people check are worded in their own way.
/// Each entailing pair is drawn with probability 1/every; a pair keeps its passage and group; its origin is
/// <see cref="Origin"/> of its own. Made last, from random sequences of their own, so that every other pair is the
/// same as without them. An edited claim that some pair already pairs with the same passage is refused.
/// </summary>
internal static class JudgeParaphrases
{
    /// <summary>The origins whose entailing pairs are reworded.</summary>
    public static readonly string[] SourceOrigins = [JudgeOrigins.FeverNli, JudgeOrigins.Emergent, JudgeOrigins.Fnc, JudgeOrigins.FncSentence];

    /// <summary>The origin name of the paraphrases made from pairs of <paramref name="origin"/>.</summary>
    public static string Origin(string origin) => "paraphrased " + origin;

    /// <summary>The paraphrased pairs of <paramref name="candidates"/>, in their order.</summary>
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
        foreach (var (c, random) in JudgeContradictions.DrawEntailing(candidates, SourceOrigins, seed, every, Origin))
        {
            if (ClaimParaphrase.Edit(c.Claim, random) is { } edited && existing.Add((edited, c.Passage)))
            {
                made.Add(c with { Claim = edited, Origin = Origin(c.Origin), Article = null });
            }
        }
        return made;
    }
}
