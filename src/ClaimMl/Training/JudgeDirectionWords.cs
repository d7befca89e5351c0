using ClaimMl.Entailment;

namespace ClaimMl.Training;

/// <summary>
/// Changes told in other words, for the judge: from entailing written pairs and pairs of FEVER, Emergent, FNC-1 and
/// FNC-1's article sentences (<see cref="JudgeCloseFigures.SourceOrigins"/>) whose claim tells of a change in a figure
/// ("fell by 12 per cent", "rose from 18 to 31 days", "went up to 212") or compares two ("higher than"), two pairs
/// against the same passage: the claim with that word changed to another of the <b>same</b> direction ("fell" →
/// "dropped", "went down"), entails; and to one of the <b>opposite</b> direction, picked among several wordings ("fell"
/// → "went up", "increased"; "higher than" → "lower than"), contradicts. The antonym swaps of the other makers only
/// ever change such a word into its one antonym, and a judge trained on them reads "dropped" against "fell" as a
/// contradiction and "went up" against "fell from 1.6 per cent to 1.1" as entailed: any changed direction word, not
/// the direction, is what it learned. A verb counts only when a figure's change follows it (by, from, to, a number,
/// after at most one adverb such as "sharply"), so that "fell ill" and "dropped the charges" are left alone; a
/// comparison only before "than", not after "no" or "not" and not before "doubled" and the like. Each entailing pair is drawn with probability 1/every;
/// made last, from random sequences of their own, so that every other pair is the same as without them. A claim that
/// some pair already pairs with the same passage is refused. Each pair keeps its passage and group.
/// </summary>
internal static class JudgeDirectionWords
{
    /// <summary>The origin name of the pairs made from pairs of <paramref name="origin"/>.</summary>
    public static string Origin(string origin) => "direction words " + origin;

    // Verb forms, one row per grammatical form; each row: the wordings of a rise, then those of a fall.
    private static readonly (string[] Up, string[] Down)[] VerbForms =
    [
        (["rose", "increased", "climbed", "went up", "grew"], ["fell", "dropped", "decreased", "declined", "went down"]),
        (["rises", "increases", "climbs", "goes up", "grows"], ["falls", "drops", "decreases", "declines", "goes down"]),
        (["risen", "increased", "climbed", "gone up", "grown"], ["fallen", "dropped", "decreased", "declined", "gone down"]),
        (["rising", "increasing", "climbing", "going up", "growing"], ["falling", "dropping", "decreasing", "declining", "going down"]),
    ];

    // Comparisons before "than": the words of one direction (interchangeable), then those of the other.
    private static readonly (string[] Up, string[] Down)[] Comparisons =
    [
        (["higher"], ["lower"]),
        (["larger", "bigger", "greater"], ["smaller"]),
        (["longer"], ["shorter"]),
        (["faster", "quicker"], ["slower"]),
        (["older"], ["younger"]),
        (["more"], ["fewer", "less"]),
        (["earlier"], ["later"]),
    ];

    private static readonly HashSet<string> Adverbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "sharply", "slightly", "steadily", "steeply", "again", "only", "just", "nearly", "almost", "about", "roughly", "some", "around", "further",
    };

    private static readonly HashSet<string> Multiples = new(StringComparer.OrdinalIgnoreCase) { "doubled", "tripled", "trebled", "quadrupled", "halved" };

    private static readonly HashSet<string> Participle = new(StringComparer.OrdinalIgnoreCase) { "has", "have", "had", "having", "been" };

    /// <summary>The direction-word pairs of <paramref name="candidates"/>, in their order (for each claim, the entailing one first).</summary>
    /// <param name="candidates">The pairs to draw from (only entailing pairs of <see cref="JudgeCloseFigures.SourceOrigins"/> are).</param>
    /// <param name="seed">The seed.</param>
    /// <param name="every">One pair drawn per this many, about; 0 draws none.</param>
    public static List<JudgeCandidate> Make(IReadOnlyList<JudgeCandidate> candidates, int seed, int every) =>
        JudgeContradictions.MakeRewritten(candidates, JudgeCloseFigures.SourceOrigins, seed, every, Origin, Origin, (c, random) =>
            Rewrite(c.Claim, random) is { } rewritten ? [(rewritten.Same, EntailmentLabel.Entails), (rewritten.Opposite, EntailmentLabel.Contradicts)] : []);

    /// <summary>
    /// The claim with its first direction word (a verb of change before a figure's change, or a comparison before
    /// "than") told in another wording of the same direction (null when it has none) and in one of the opposite
    /// direction; null when the claim has no such word. The found word's first letter's case is kept.
    /// </summary>
    internal static (string? Same, string Opposite)? Rewrite(string claim, Random random)
    {
        string[] words = claim.Split(' ');
        for (int i = 0; i < words.Length; i++)
        {
            // Two-word verbs ("went up") first, then one word.
            for (int span = 2; span >= 1; span--)
            {
                if (i + span > words.Length)
                {
                    continue;
                }
                string found = string.Join(' ', words, i, span);
                if (Find(found, words, i, span) is not var (same, opposite))
                {
                    continue;
                }
                string? sameWord = Pick(same, found, random);
                string oppositeWord = Pick(opposite, found, random)!;
                return (sameWord is null ? null : Replace(words, i, span, sameWord), Replace(words, i, span, oppositeWord));
            }
        }
        return null;
    }

    /// <summary>The wordings of the same direction and of the opposite one for <paramref name="found"/> at word <paramref name="at"/>, or null when it is not a direction word in a place where one counts.</summary>
    private static (string[] Same, string[] Opposite)? Find(string found, string[] words, int at, int span)
    {
        string key = found.ToLowerInvariant();
        int after = at + span;
        if (after < words.Length && Strip(words[after]) == "than" && !found.EndsWith(',') && (at == 0 || Strip(words[at - 1]) is not ("no" or "not")))
        {
            if (after + 1 < words.Length && Multiples.Contains(Strip(words[after + 1])))
            {
                return null; // "more than doubled" is a change, not a comparison that turns round
            }
            foreach (var (up, down) in Comparisons)
            {
                if (up.Contains(key))
                {
                    return (up, down);
                }
                if (down.Contains(key))
                {
                    return (down, up);
                }
            }
            return null;
        }
        if (!ChangeFollows(words, after) || found.EndsWith(',') || found.EndsWith('.'))
        {
            return null;
        }
        bool participle = at > 0 && Participle.Contains(Strip(words[at - 1]));
        foreach (var (up, down) in VerbForms)
        {
            // "increased", "dropped" and the like are both past and participle: the word before says which.
            bool isParticiple = ReferenceEquals(up, VerbForms[2].Up);
            bool ambiguous = VerbForms[0].Up.Contains(key) && VerbForms[2].Up.Contains(key) || VerbForms[0].Down.Contains(key) && VerbForms[2].Down.Contains(key);
            if (ambiguous && participle != isParticiple)
            {
                continue;
            }
            if (up.Contains(key))
            {
                return (up, down);
            }
            if (down.Contains(key))
            {
                return (down, up);
            }
        }
        return null;
    }

    /// <summary>Whether a figure's change follows word <paramref name="at"/>: by, from, to or a number, after at most one adverb.</summary>
    private static bool ChangeFollows(string[] words, int at)
    {
        if (at < words.Length && Adverbs.Contains(Strip(words[at])) && !words[at].EndsWith(','))
        {
            at++;
        }
        if (at >= words.Length)
        {
            return false;
        }
        string next = Strip(words[at]);
        return next is "by" or "from" or "to" || (next.Length > 0 && char.IsAsciiDigit(next[0]));
    }

    /// <summary>A word of <paramref name="choices"/> other than <paramref name="found"/>, chosen at random; null when there is none.</summary>
    private static string? Pick(string[] choices, string found, Random random)
    {
        string[] others = [.. choices.Where(w => !string.Equals(w, found, StringComparison.OrdinalIgnoreCase))];
        return others.Length == 0 ? null : others[random.Next(others.Length)];
    }

    private static string Replace(string[] words, int at, int span, string replacement)
    {
        if (char.IsUpper(words[at][0]))
        {
            replacement = char.ToUpperInvariant(replacement[0]) + replacement[1..];
        }
        return string.Join(' ', words.Take(at).Append(replacement).Concat(words.Skip(at + span)));
    }

    /// <summary>A word lower-cased, without the punctuation around it.</summary>
    private static string Strip(string word) => word.Trim('"', '\'', '(', ')', ',', '.', ';', ':', '“', '”', '‘', '’').ToLowerInvariant();
}
