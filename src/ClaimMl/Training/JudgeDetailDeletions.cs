using System.Text.RegularExpressions;
using ClaimMl.Entailment;

namespace ClaimMl.Training;

/// <summary>
/// Claims that say less than their passage, for the judge: from entailing written pairs and pairs of FEVER, Emergent,
/// FNC-1 and FNC-1's article sentences (<see cref="JudgeCloseFigures.SourceOrigins"/>), the claim with each of its
/// details deleted in turn, and with all of them deleted, each read against the same passage as entailed. The details:
/// the size of a change after a verb of change ("fell by 12 per cent", "rose from 18 to 31 days" → "fell", "rose"), a
/// time ("on Monday", "last year", "in March 2024", "in 2024"), and a relative clause or a noun phrase between commas
/// after a name ("Dr Vass, who led the study, said", "Ada Vell, the museum's director, said" → "Dr Vass said", "Ada
/// Vell said"). Every contradiction the trainer makes is a claim one detail away from its passage, and a judge trained
/// on them reads a claim with a detail left out as contradicted too ("Sales fell last year" against "Sales fell by 12
/// per cent last year": 0.99). A claim with a negation is left alone (deleting a detail under "not" changes what is
/// denied), and so is a shorter claim that would keep fewer than four words. Each entailing pair is drawn with
/// probability 1/every; made last, from random sequences of their own, so that every other pair is the same as without
/// them. A claim that some pair already pairs with the same passage is refused. Each pair keeps its passage and group.
/// </summary>
internal static partial class JudgeDetailDeletions
{
    /// <summary>The origin name of the pairs made from pairs of <paramref name="origin"/>.</summary>
    public static string Origin(string origin) => "detail deleted " + origin;

    /// <summary>The claims with a detail deleted, in the order of <paramref name="candidates"/>, each claim's in the order of <see cref="Deletions"/>.</summary>
    /// <param name="candidates">The pairs to draw from (only entailing pairs of <see cref="JudgeCloseFigures.SourceOrigins"/> are).</param>
    /// <param name="seed">The seed.</param>
    /// <param name="every">One pair drawn per this many, about; 0 draws none.</param>
    public static List<JudgeCandidate> Make(IReadOnlyList<JudgeCandidate> candidates, int seed, int every) =>
        JudgeContradictions.MakeRewritten(candidates, JudgeCloseFigures.SourceOrigins, seed, every, Origin, Origin, (c, _) =>
            Array.ConvertAll(Deletions(c.Claim), shorter => ((string?)shorter, EntailmentLabel.Entails)));

    /// <summary>
    /// The claim with each of its details deleted in turn (in the order they come in the claim), then, when it has two or
    /// more that do not overlap, with all of them deleted; none when it holds a negation. A shorter claim that would keep
    /// fewer than four words or leave a lone word between commas is left out.
    /// </summary>
    internal static string[] Deletions(string claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (Negation().IsMatch(claim))
        {
            return [];
        }
        List<(int Start, int Length, string Replacement)> spans = Details(claim);
        var shorter = new List<string>(spans.Count + 1);
        foreach (var span in spans)
        {
            AddIfWhole(shorter, claim, [span]);
        }
        var apart = new List<(int Start, int Length, string Replacement)>(spans.Count);
        foreach (var span in spans)
        {
            if (apart.Count == 0 || apart[^1].Start + apart[^1].Length <= span.Start)
            {
                apart.Add(span);
            }
        }
        if (apart.Count >= 2)
        {
            AddIfWhole(shorter, claim, apart);
        }
        return [.. shorter];
    }

    /// <summary>The details of <paramref name="claim"/> as spans to replace, ordered by where they start.</summary>
    private static List<(int Start, int Length, string Replacement)> Details(string claim)
    {
        var spans = new List<(int Start, int Length, string Replacement)>();
        foreach (Match m in ChangeSize().Matches(claim))
        {
            Group detail = m.Groups["detail"];
            spans.Add((detail.Index - 1, detail.Length + 1, string.Empty)); // with the space before it
        }
        // Not in a claim that compares ("higher in 2019 than last year"), where a time may be one side of the comparison.
        bool compares = Comparison().IsMatch(claim);
        foreach (Match m in Time().Matches(claim))
        {
            // Not where the time is what the words around it are about ("starting in 2028", "opened in 1968"), is one of
            // two ("on Sunday and Monday"), is part of a date ("on Monday 12 May") or of "the last year".
            string before = LastWord(claim.AsSpan(0, m.Index));
            string after = claim[(m.Index + m.Length)..];
            if (!compares && !TimeIsArgument.Contains(before) && !after.StartsWith(" and ", StringComparison.Ordinal) && !after.StartsWith(" or ", StringComparison.Ordinal) && !after.StartsWith('-')
                && !(after.Length > 1 && after[0] == ' ' && char.IsAsciiDigit(after[1])))
            {
                spans.Add((m.Index, m.Length, string.Empty)); // the match starts at the space before the phrase
            }
        }
        foreach (Match m in RelativeClause().Matches(claim))
        {
            Group clause = m.Groups["clause"];
            spans.Add((clause.Index - 2, clause.Length + 4, " ")); // ", who …, " → " "
        }
        foreach (Match m in Apposition().Matches(claim))
        {
            Group apposition = m.Groups["apposition"];
            if (!Speech().IsMatch(apposition.Value))
            {
                spans.Add((apposition.Index - 2, apposition.Length + 4, " ")); // ", the museum's director, " → " "
            }
        }
        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        return spans;
    }

    /// <summary>Adds <paramref name="claim"/> with <paramref name="spans"/> (in order, apart) replaced, unless that breaks it.</summary>
    private static void AddIfWhole(List<string> shorter, string claim, IReadOnlyList<(int Start, int Length, string Replacement)> spans)
    {
        var text = new System.Text.StringBuilder(claim.Length);
        int at = 0;
        foreach (var (start, length, replacement) in spans)
        {
            text.Append(claim, at, start - at).Append(replacement);
            at = start + length;
        }
        string result = text.Append(claim, at, claim.Length - at).ToString();
        bool broken = (result.Contains("..", StringComparison.Ordinal) && !claim.Contains("..", StringComparison.Ordinal))
            || LoneWordBetweenCommas().Count(result) > LoneWordBetweenCommas().Count(claim); // "The scheme, approved, will"
        if (!broken && result.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 4 && !shorter.Contains(result))
        {
            shorter.Add(result);
        }
    }

    /// <summary>Words after which a time is what the sentence is about, not a detail of it.</summary>
    private static readonly HashSet<string> TimeIsArgument = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "starting", "start", "starts", "of", "from", "until", "till", "since", "by", "before", "after", "due", "expected", "scheduled", "planned",
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

    /// <summary>A negation ("not", "never", "no", "without", "n't" …), under which deleting or changing a detail changes what is denied.</summary>
    [GeneratedRegex(@"\b(?:not|no|never|without|neither|nor|none|nobody|nothing)\b|n't\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    internal static partial Regex Negation();

    /// <summary>A verb of change and, in "detail", the size of the change that follows it.</summary>
    [GeneratedRegex(@"\b(?:rose|risen|rises|rising|fell|fallen|falls|falling|increased|increases|increasing|decreased|decreases|decreasing|dropped|drops|dropping|climbed|climbs|climbing|grew|grown|grows|growing|declined|declines|declining|(?:went|gone|goes|going) (?:up|down)) (?<detail>(?:by (?:(?:about|around|nearly|almost|some|roughly|more than|less than|over|under|just over|just under) )?[\d][\d.,]*(?: ?(?:per ?cent|%|percentage points?|points?))?|from [^,;]{1,30}? to [\d][\d.,]*(?: ?(?:per ?cent|%|[a-z]+))?))(?=[ ,.;]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ChangeSize();

    /// <summary>A comparison: "than" other than in a hedged figure ("more than 200"), or "compared with" or "to".</summary>
    [GeneratedRegex(@"\bthan (?!\d|a |an |half|twice|double|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)|\bcompared (?:with|to)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Comparison();

    /// <summary>A time phrase with the space before it (and "early" or "late" before it): on a weekday, last/this week, month or year, in a month (and year), in a year.</summary>
    [GeneratedRegex(@" (?:(?:early|late) )?(?:on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?: (?:morning|afternoon|evening|night))?|(?:last|this) (?:week|month|year|night|weekend)|in (?:January|February|March|April|May|June|July|August|September|October|November|December)(?: (?:19|20)\d\d)?|in (?:19|20)\d\d)(?=[ ,.;]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Time();

    /// <summary>A name (a capitalised word or words) and, in "apposition", a noun phrase between commas after it ("Ada Vell, the museum's director, said").</summary>
    [GeneratedRegex(@"\b[A-Z][\w'’-]+, (?<apposition>(?:a|an|the) [^,]{3,60}), ", RegexOptions.CultureInvariant)]
    private static partial Regex Apposition();

    /// <summary>A word of speech, which makes a phrase between commas an attribution ("the company said"), not an apposition.</summary>
    [GeneratedRegex(@"\b(?:said|says|say|told|tells|added|adds|announced|reported|wrote|according)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Speech();

    /// <summary>A name (a capitalised word or words) and, in "clause", the who- or which-clause between commas after it.</summary>
    [GeneratedRegex(@"\b[A-Z][\w'’-]+, (?<clause>(?:who|which) [^,]{3,80}), ", RegexOptions.CultureInvariant)]
    private static partial Regex RelativeClause();
}
