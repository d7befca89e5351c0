using ClaimMl.Entailment;

namespace ClaimMl.Training;

/// <summary>
/// "Neither" pairs on a claim's own subject, which FEVER's pairs lack (its not-enough-info claims have no evidence, so
/// in fever-nli every passage about a claim's subject either states it or contradicts it, and a judge trained on it
/// reads "contradicts" into any sentence that says something else about the subject). A true claim (an entailing
/// FEVER pair) is paired with the evidence of another claim about the same subject (the claims' leading name,
/// "Edgar Wright", "The Hunger Games"): both are true of the world, so the evidence cannot contradict the claim; it
/// states something else. Evidence that shares more than half of the claim's content words is skipped (it might
/// state the claim). Each entailing pair is drawn with probability 1/every; the pair keeps the claim's group, and
/// the evidence is taken from a claim on the same side of the split. Origin "other fact fever-nli". Deterministic for a seed.
/// </summary>
internal static class JudgeOtherFacts
{
    public static readonly string Origin = "other fact " + JudgeOrigins.FeverNli;

    private const int Tries = 8;

    public static List<JudgeCandidate> Make(IReadOnlyList<JudgeCandidate> candidates, Func<JudgeCandidate, bool?> isDev, int seed, int every)
    {
        var made = new List<JudgeCandidate>();
        if (JudgePairs.PairsToAvoid(candidates, every) is not { } existing)
        {
            return made;
        }
        var bySubject = new Dictionary<(string Subject, bool Dev), List<JudgeCandidate>>();
        var sides = new Dictionary<JudgeCandidate, (string Subject, bool Dev)>(ReferenceEqualityComparer.Instance);
        foreach (JudgeCandidate c in candidates)
        {
            if (c.Origin != JudgeOrigins.FeverNli || Subject(c.Claim) is not { } subject || isDev(c) is not bool dev)
            {
                continue;
            }
            if (!bySubject.TryGetValue((subject, dev), out var list))
            {
                bySubject[(subject, dev)] = list = [];
            }
            list.Add(c);
            sides[c] = (subject, dev);
        }
        var random = new Random(JudgePairs.SeedFor(seed, "other facts"));
        foreach (JudgeCandidate c in candidates)
        {
            if (c.Label != EntailmentLabel.Entails || !sides.TryGetValue(c, out var side) || random.Next(every) != 0)
            {
                continue;
            }
            List<JudgeCandidate> same = bySubject[side];
            HashSet<string> claimWords = JudgeConjunctions.ContentWords(c.Claim);
            for (int attempt = 0; attempt < Tries && same.Count > 1; attempt++)
            {
                JudgeCandidate other = same[random.Next(same.Count)];
                if (string.Equals(other.Passage, c.Passage, StringComparison.Ordinal) || existing.Contains((c.Claim, other.Passage)))
                {
                    continue;
                }
                HashSet<string> passageWords = JudgeConjunctions.ContentWords(other.Passage);
                int shared = claimWords.Count(passageWords.Contains);
                if (claimWords.Count == 0 || shared * 2 > claimWords.Count)
                {
                    continue;
                }
                existing.Add((c.Claim, other.Passage));
                made.Add(c with { Passage = other.Passage, Label = EntailmentLabel.Neither, Origin = Origin, Article = null });
                break;
            }
        }
        return made;
    }

    /// <summary>The claim's leading name, lower-cased: its words up to the first that does not start with a capital (at least one), or null.</summary>
    internal static string? Subject(string claim)
    {
        var words = claim.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int n = 0;
        while (n < words.Length && words[n].Length > 0 && char.IsUpper(words[n][0]))
        {
            n++;
        }
        if (n == 0 || (n == 1 && words[0] is "The" or "A" or "An"))
        {
            return null;
        }
        return string.Join(' ', words[..n]).TrimEnd('.', ',', ';', ':').ToLowerInvariant();
    }
}
