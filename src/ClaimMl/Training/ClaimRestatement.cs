using System.Globalization;
using System.Text.RegularExpressions;

namespace ClaimMl.Training;

/// <summary>
/// Restates a sentence of an article as a claim in other words that the sentence still states, so that the judge does
/// not learn "a copy is entailed, anything else is contradicted" from article sentences taken as claims: claims people
/// check are written in their own words, with fewer details than the article gives. Each step applies when it can, by a
/// coin (<see cref="StepChance"/>):
/// <list type="bullet">
/// <item>the <see cref="FncJudgePairs.LeadingClause"/> (always);</item>
/// <item>a reporting frame dropped: "According to police, X", "Police said (that) X", "Police told reporters X" and
/// "Police confirmed (announced, reported) that X" become "X" — news attributes what it reports as fact to its sources;
/// frames that report without vouching ("claimed", "alleged") are kept;</item>
/// <item>time phrases dropped ("on Tuesday", "last week", "yesterday", "in March");</item>
/// <item>filler adverbs dropped ("also", "now", "still", "already", "recently");</item>
/// <item>a small number written the other way ("three" for "3", "3" for "three");</item>
/// <item>a closing place or time phrase dropped ("… at the depot outside Northgate" → "… at the depot"), when at least
/// <see cref="FncJudgePairs.MinClaimSentenceTokens"/> words remain.</item>
/// </list>
/// Used at training time only.
/// </summary>
internal static class ClaimRestatement
{
    /// <summary>The chance that a step that applies is taken.</summary>
    public const double StepChance = 0.7;

    private static readonly Regex AccordingTo = new(@"^According to [^,]{1,60}, ", RegexOptions.CultureInvariant);

    /// <summary>A reporting frame of at most six words' speaker ("The county's chief fire officer said that …").</summary>
    private static readonly Regex ReportingFrame = new(
        @"^(?<who>\S+(?: \S+){0,5}?) (?:(?:said|says|has said|have said|told (?:reporters|journalists|the \w+|\w+))(?: on \w+day)?(?: in a statement)?(?: that)?|(?:confirmed|confirms|has confirmed|announced|announces|reported|reports)(?: on \w+day)? that) (?<rest>.+)$",
        RegexOptions.CultureInvariant);

    private static readonly Regex TimePhrase = new(
        @"(?:,? (?:on|early|late|earlier|later) (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?: (?:morning|afternoon|evening|night))?"
        + @"|,? (?:yesterday|today|tonight)(?: (?:morning|afternoon|evening))?"
        + @"|,? (?:last|this|next) (?:week|month|year|weekend|morning|afternoon|evening|night)"
        + @"|,? earlier this (?:week|month|year)"
        + @"|,? (?:in|on|since) (?:January|February|March|April|May|June|July|August|September|October|November|December)(?: \d{1,2}(?:st|nd|rd|th)?)?(?:,? \d{4})?)(?=[ ,.;]|$)",
        RegexOptions.CultureInvariant);

    private static readonly Regex Filler = new(@" (?:also|now|still|already|recently|currently|officially|finally)(?= )", RegexOptions.CultureInvariant);

    private static readonly Regex SmallNumber = new(@"\b(?:[2-9]|1[0-2]|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b(?! ?(?:%|per|percent|am|pm|a\.m\.|p\.m\.))", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private const string PlaceOrTimePrepositions = "in|at|near|outside|inside|across|throughout|during|after|before|from";

    /// <summary>A phrase closing the sentence from its last place or time preposition, without a comma in it.</summary>
    private static readonly Regex ClosingPhrase = new($@" (?:{PlaceOrTimePrepositions}) (?:(?! (?:{PlaceOrTimePrepositions}) )[^,;]){{2,60}}\.$", RegexOptions.CultureInvariant);

    /// <summary>The small numbers in words, by value.</summary>
    internal static readonly string[] NumberWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    /// <summary>A restatement of <paramref name="sentence"/> that it still states (see the class remarks).</summary>
    public static string Restate(string sentence, Random random)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        ArgumentNullException.ThrowIfNull(random);
        string claim = FncJudgePairs.LeadingClause(sentence.Trim());
        if (Take(random) && DropFrame(claim) is { } unframed)
        {
            claim = unframed;
        }
        if (Take(random))
        {
            claim = TimePhrase.Replace(claim, string.Empty);
        }
        if (Take(random))
        {
            claim = Filler.Replace(claim, string.Empty);
        }
        if (Take(random))
        {
            claim = RewriteNumber(claim);
        }
        if (Take(random) && DropClosingPhrase(claim) is { } shorter)
        {
            claim = shorter;
        }
        return Finish(claim);
    }

    /// <summary>The claim without its reporting frame ("Police said that X" → "X"); null when it has none.</summary>
    internal static string? DropFrame(string claim)
    {
        Match according = AccordingTo.Match(claim);
        if (according.Success)
        {
            return Finish(claim[according.Length..]);
        }
        Match frame = ReportingFrame.Match(claim);
        if (!frame.Success)
        {
            return null;
        }
        string rest = frame.Groups["rest"].Value;
        return rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= FncJudgePairs.MinClaimSentenceTokens - 1 ? Finish(rest) : null;
    }

    /// <summary>The claim with its first small number written the other way (digits for words, words for digits).</summary>
    internal static string RewriteNumber(string claim)
    {
        Match number = SmallNumber.Match(claim);
        if (!number.Success)
        {
            return claim;
        }
        string found = number.Value;
        string replacement = int.TryParse(found, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? NumberWords[value]
            : Array.IndexOf(NumberWords, found.ToLowerInvariant()).ToString(CultureInfo.InvariantCulture);
        if (number.Index == 0)
        {
            if (char.IsDigit(replacement[0]))
            {
                return claim; // a sentence does not open with digits
            }
            replacement = char.ToUpperInvariant(replacement[0]) + replacement[1..];
        }
        return claim[..number.Index] + replacement + claim[(number.Index + number.Length)..];
    }

    /// <summary>The claim without its closing place or time phrase; null when none, or when too few words would remain.</summary>
    internal static string? DropClosingPhrase(string claim)
    {
        string ended = Finish(claim);
        Match closing = ClosingPhrase.Match(ended);
        if (!closing.Success)
        {
            return null;
        }
        string shorter = ended[..closing.Index];
        return shorter.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= FncJudgePairs.MinClaimSentenceTokens ? shorter + "." : null;
    }

    private static bool Take(Random random) => random.NextDouble() < StepChance;

    private static string Finish(string claim)
    {
        string trimmed = claim.Trim().TrimStart(',', ' ');
        if (trimmed.Length == 0)
        {
            return trimmed;
        }
        if (char.IsLower(trimmed[0]))
        {
            trimmed = char.ToUpperInvariant(trimmed[0]) + trimmed[1..];
        }
        return trimmed[^1] is '.' or '!' ? trimmed : trimmed + ".";
    }
}
