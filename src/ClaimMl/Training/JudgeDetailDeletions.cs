using System.Text.RegularExpressions;
using ClaimMl.Entailment;

namespace ClaimMl.Training;

/// <summary>
/// Claims that say less than their passage, for the judge: from entailing written pairs and pairs of FEVER, Emergent,
/// FNC-1 and FNC-1's article sentences (<see cref="JudgeCloseFigures.SourceOrigins"/>), the claim with one detail
/// deleted, read against the same passage as entailed. The details: the size of a change after a verb of change ("fell
/// by 12 per cent", "rose from 18 to 31 days" → "fell", "rose"), a time ("on Monday", "last year", "in March 2024",
/// "in 2024") and a relative clause between commas after a name ("Dr Vass, who led the study, said" → "Dr Vass
/// said"). Every contradiction the trainer makes is a claim one detail away from its passage, and a judge trained on
/// them reads a claim with a detail left out as contradicted too ("Sales fell last year" against "Sales fell by 12 per
/// cent last year": 0.99). A claim with a negation is left alone (deleting a detail under "not" changes what is denied),
/// and so is one that would keep fewer than four words. Each entailing pair is drawn with probability 1/every; made
/// last, from random sequences of their own, so that every other pair is the same as without them. A claim that some
/// pair already pairs with the same passage is refused. Each pair keeps its passage and group.
/// </summary>
internal static partial class JudgeDetailDeletions
{
    /// <summary>The origin name of the pairs made from pairs of <paramref name="origin"/>.</summary>
    public static string Origin(string origin) => "detail deleted " + origin;

    /// <summary>The claims with a detail deleted, in the order of <paramref name="candidates"/>.</summary>
    /// <param name="candidates">The pairs to draw from (only entailing pairs of <see cref="JudgeCloseFigures.SourceOrigins"/> are).</param>
    /// <param name="seed">The seed.</param>
    /// <param name="every">One pair drawn per this many, about; 0 draws none.</param>
    public static List<JudgeCandidate> Make(IReadOnlyList<JudgeCandidate> candidates, int seed, int every) =>
        JudgeContradictions.MakeRewritten(candidates, JudgeCloseFigures.SourceOrigins, seed, every, Origin, Origin, (c, random) =>
            [(Delete(c.Claim, random), EntailmentLabel.Entails)]);

    /// <summary>
    /// The claim with one of its details (chosen at random among those it has) deleted; null when it has none, holds a
    /// negation, or would keep fewer than four words.
    /// </summary>
    internal static string? Delete(string claim, Random random)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (Negation().IsMatch(claim))
        {
            return null;
        }
        var spans = new List<(int Start, int Length, string Replacement)>();
        foreach (Match m in ChangeSize().Matches(claim))
        {
            Group detail = m.Groups["detail"];
            spans.Add((detail.Index - 1, detail.Length + 1, string.Empty)); // with the space before it
        }
        foreach (Match m in Time().Matches(claim))
        {
            // Not where the time is what the words around it are about ("starting in 2028", "opened in 1968") or is
            // one of two ("on Sunday and Monday").
            string before = LastWord(claim.AsSpan(0, m.Index));
            string after = claim[(m.Index + m.Length)..];
            if (!TimeIsArgument.Contains(before) && !after.StartsWith(" and ", StringComparison.Ordinal) && !after.StartsWith(" or ", StringComparison.Ordinal) && !after.StartsWith('-'))
            {
                spans.Add((m.Index, m.Length, string.Empty)); // the match starts at the space before the phrase
            }
        }
        foreach (Match m in RelativeClause().Matches(claim))
        {
            Group clause = m.Groups["clause"];
            spans.Add((clause.Index - 2, clause.Length + 4, " ")); // ", who …, " → " "
        }
        if (spans.Count == 0)
        {
            return null;
        }
        var (start, length, replacement) = spans[random.Next(spans.Count)];
        string shorter = string.Concat(claim.AsSpan(0, start), replacement, claim.AsSpan(start + length));
        bool broken = (shorter.Contains("..", StringComparison.Ordinal) && !claim.Contains("..", StringComparison.Ordinal))
            || LoneWordBetweenCommas().Count(shorter) > LoneWordBetweenCommas().Count(claim); // "The scheme, approved, will"
        return broken || shorter.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 4 ? null : shorter;
    }

    /// <summary>Words after which a time is what the sentence is about, not a detail of it.</summary>
    private static readonly HashSet<string> TimeIsArgument = new(StringComparer.OrdinalIgnoreCase)
    {
        "starting", "start", "starts", "of", "from", "until", "till", "since", "by", "before", "after", "due", "expected", "scheduled", "planned",
        "opened", "built", "founded", "born", "died", "established", "launched", "introduced", "created", "began", "begins", "ends", "ended",
    };

    /// <summary>The last word of <paramref name="text"/>, without punctuation.</summary>
    private static string LastWord(ReadOnlySpan<char> text)
    {
        text = text.TrimEnd();
        int space = text.LastIndexOf(' ');
        return text[(space + 1)..].Trim(",.;:\"'’”").ToString();
    }

    [GeneratedRegex(@", \w+,", RegexOptions.CultureInvariant)]
    private static partial Regex LoneWordBetweenCommas();

    [GeneratedRegex(@"\b(?:not|no|never|without|neither|nor|none|nobody|nothing)\b|n't\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Negation();

    /// <summary>A verb of change and, in "detail", the size of the change that follows it.</summary>
    [GeneratedRegex(@"\b(?:rose|risen|rises|rising|fell|fallen|falls|falling|increased|increases|increasing|decreased|decreases|decreasing|dropped|drops|dropping|climbed|climbs|climbing|grew|grown|grows|growing|declined|declines|declining|(?:went|gone|goes|going) (?:up|down)) (?<detail>(?:by (?:(?:about|around|nearly|almost|some|roughly|more than|less than|over|under|just over|just under) )?[\d][\d.,]*(?: ?(?:per ?cent|%|percentage points?|points?))?|from [^,;]{1,30}? to [\d][\d.,]*(?: ?(?:per ?cent|%|[a-z]+))?))(?=[ ,.;]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ChangeSize();

    /// <summary>A time phrase with the space before it: on a weekday, last/this week, month or year, in a month (and year), in a year.</summary>
    [GeneratedRegex(@" (?:on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?: (?:morning|afternoon|evening|night))?|(?:last|this) (?:week|month|year|night|weekend)|in (?:January|February|March|April|May|June|July|August|September|October|November|December)(?: (?:19|20)\d\d)?|in (?:19|20)\d\d)(?=[ ,.;]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Time();

    /// <summary>A name (a capitalised word or words) and, in "clause", the who- or which-clause between commas after it.</summary>
    [GeneratedRegex(@"\b[A-Z][\w'’-]+, (?<clause>(?:who|which) [^,]{3,80}), ", RegexOptions.CultureInvariant)]
    private static partial Regex RelativeClause();
}
