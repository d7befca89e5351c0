using System.Globalization;
using System.Text.RegularExpressions;

namespace ClaimMl.Training;

/// <summary>
/// Edits that change a claim's words but not what it says, so that the judge learns a paraphrase is still stated: the
/// counterpart of <see cref="JudgeContradictions"/>' edits, made from the same kind of sentences. Each edit returns
/// <see langword="null"/> when it does not apply. Used at training time only; the word lists were written for this
/// project.
/// <list type="bullet">
/// <item><see cref="HedgeNumber"/>: a number written less exactly ("42" → "more than 40", "10,000" → "about 10,000",
/// "3" → "three");</item>
/// <item><see cref="GeneraliseDate"/>: a date said less exactly ("on March 3, 2015" → "in March 2015", "in March 2015" →
/// "in 2015");</item>
/// <item><see cref="DropTitle"/>: a person's title dropped ("President Jane Doe" → "Jane Doe");</item>
/// <item><see cref="SwapSynonym"/>: a word or phrase swapped for one that means the same or less (a synonym, a more
/// general word, a spelling variant, a contraction);</item>
/// <item><see cref="MoveFrame"/>: a reporting frame moved ("Police said that X" ↔ "X, police said"; "According to A, X" ↔
/// "X, according to A"); never dropped, since a claim's frame is part of what it says;</item>
/// <item><see cref="ReorderClause"/>: a leading clause or time phrase moved to the end, or a closing one to the front
/// ("After the storm, the road closed" ↔ "The road closed after the storm");</item>
/// <item><see cref="ActiveVoice"/>: a passive clause made active ("The man was arrested by police" → "Police arrested the man").</item>
/// </list>
/// </summary>
internal static class ClaimParaphrase
{
    /// <summary>How many edits <see cref="Edit"/> chooses from.</summary>
    public const int Edits = 7;

    /// <summary>The chance that a second edit is tried on an edited claim.</summary>
    public const double SecondEditChance = 0.4;

    /// <summary>
    /// The claim with an edit that keeps its meaning, trying them in turn from a random one and keeping the first that
    /// applies, then, by a coin (<see cref="SecondEditChance"/>), a second; null when none applies.
    /// </summary>
    public static string? Edit(string claim, Random random)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(random);
        (string? edited, int used) = EditOnce(claim, random, -1);
        if (edited is null)
        {
            return null;
        }
        if (random.NextDouble() < SecondEditChance && EditOnce(edited, random, used).Edited is { } twice)
        {
            edited = twice;
        }
        return string.Equals(edited, claim, StringComparison.Ordinal) ? null : edited;
    }

    private static (string? Edited, int Used) EditOnce(string claim, Random random, int skip)
    {
        int first = random.Next(Edits);
        for (int k = 0; k < Edits; k++)
        {
            int edit = (first + k) % Edits;
            if (edit == skip)
            {
                continue;
            }
            string? edited = edit switch
            {
                0 => HedgeNumber(claim, random),
                1 => GeneraliseDate(claim),
                2 => DropTitle(claim),
                3 => SwapSynonym(claim, random),
                4 => MoveFrame(claim),
                5 => ReorderClause(claim),
                _ => ActiveVoice(claim),
            };
            if (edited is not null && !string.Equals(edited, claim, StringComparison.Ordinal))
            {
                return (edited, edit);
            }
        }
        return (null, -1);
    }

    private const RegexOptions Options = RegexOptions.CultureInvariant;

    /// <summary>A whole number of two or more digits (thousands grouped or not), not part of a decimal, a range, a time or a compound.</summary>
    internal static readonly Regex Number = new(@"(?<![\w.:/-])(?<n>\d{1,3}(?:,\d{3})+|\d{2,})(?![\w:/-]|[.,]\d)(?! ?(?:am|pm|a\.m\.|p\.m\.)(?!\w))", Options);

    /// <summary>Words that already make the number that follows them inexact, or a date, a rank or an ordinal.</summary>
    private static readonly HashSet<string> NotExact = new(StringComparer.OrdinalIgnoreCase)
    {
        "than", "about", "around", "nearly", "almost", "over", "under", "some", "least", "most", "roughly", "approximately", "up",
        "no", "no.", "number", "nos", "top", "only", "just", "exactly", "precisely", "to", "and", "or", "of", "between", "from",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "route", "page", "chapter", "room", "flight", "season", "episode", "version",
        "the", "a", "an", "his", "her", "its", "their", "our", "each", "per", "every",
    };

    /// <summary>The first exact number written less exactly (see the class remarks); a small one written the other way (words for digits) when there is none.</summary>
    internal static string? HedgeNumber(string claim, Random random)
    {
        ArgumentNullException.ThrowIfNull(claim);
        foreach (Count count in Counts(claim))
        {
            (long value, string prefix, bool grouped) = (count.Value, count.Prefix, count.Grouped);
            string figure = claim[count.Index..count.End];
            long round = RoundDown(value);
            string phrase;
            if (round == value)
            {
                phrase = Pick(random, "about", "some", "around", "roughly") + " " + prefix + figure;
            }
            else
            {
                string rounded = grouped || round >= 10_000 ? round.ToString("N0", CultureInfo.InvariantCulture) : round.ToString(CultureInfo.InvariantCulture);
                phrase = Pick(random, "more than", "over") + " " + prefix + rounded;
            }
            return StartSentence(claim[..count.Start] + phrase + claim[count.End..], count.Start);
        }
        foreach (Match match in SmallNumber.Matches(claim))
        {
            if (!IsCount(claim, match.Index, match.Length))
            {
                continue;
            }
            string found = match.Value;
            int word = Array.IndexOf(ClaimRestatement.NumberWords, found.ToLowerInvariant());
            string replacement = word >= 0 ? word.ToString(CultureInfo.InvariantCulture) : ClaimRestatement.NumberWords[int.Parse(found, NumberStyles.None, CultureInfo.InvariantCulture)];
            if (match.Index == 0)
            {
                if (word >= 0)
                {
                    continue; // a sentence does not open with digits
                }
                replacement = Capitalise(replacement);
            }
            return claim[..match.Index] + replacement + claim[(match.Index + match.Length)..];
        }
        return null;
    }

    /// <summary>A count in a claim: where its figure starts (with a currency sign before the digits), where its digits are, its value, the sign, and whether its thousands are grouped.</summary>
    internal readonly record struct Count(int Start, int Index, int Length, long Value, string Prefix, bool Grouped)
    {
        /// <summary>Where the figure ends.</summary>
        public int End => Index + Length;
    }

    /// <summary>The counts of a claim in order: whole numbers of 10 or more (<see cref="Number"/>) that are not years and count something (<see cref="IsCount"/>).</summary>
    internal static IEnumerable<Count> Counts(string claim)
    {
        foreach (Match match in Number.Matches(claim))
        {
            Group n = match.Groups["n"];
            if (!TryCount(n.Value, out long value) || value < 10 || !IsCount(claim, n.Index, n.Length))
            {
                continue;
            }
            int start = n.Index > 0 && claim[n.Index - 1] is '$' or '\u00A3' or '\u20AC' ? n.Index - 1 : n.Index;
            yield return new Count(start, n.Index, n.Length, value, claim[start..n.Index], n.Value.Contains(',', StringComparison.Ordinal));
        }
    }

    /// <summary>The value of a number's digits (thousands grouped or not); false for a year (1000 to 2100 written without a comma: a date, not a count).</summary>
    internal static bool TryCount(string digits, out long value) =>
        long.TryParse(digits.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out value)
        && !(value is >= 1000 and <= 2100 && !digits.Contains(',', StringComparison.Ordinal));

    private static readonly Regex SmallNumber = new(@"(?<![\w.:/-])(?:[2-9]|1[0-2]|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten)(?![\w:/-]|[.,]\d)", Options);

    /// <summary>
    /// Whether the number at <paramref name="index"/> counts something: not after a word that makes it inexact, a date,
    /// a rank or a determiner ("the 350 model"), not part of a name ("iPhone 6", "Hot 100", "Room 93"): neither word
    /// beside it has a capital past the sentence's first, nor a hyphen joins it ("3-Point").
    /// </summary>
    internal static bool IsCount(string claim, int index, int length)
    {
        string before = WordBefore(claim, index);
        if (NotExact.Contains(before) || index > 0 && claim[index - 1] is '#' or '-')
        {
            return false;
        }
        if (index >= 2 && claim[index - 2] == ',' && index + length < claim.Length && claim[index + length] == ',')
        {
            return false; // an age beside a name ("Ada Marlow, 42, said")
        }
        int start = index;
        while (start > 0 && claim[start - 1] is ' ' or '$' or '\u00A3' or '\u20AC')
        {
            start--;
        }
        if (before.Length > 0 && start - before.Length > 0 && HasCapital(before))
        {
            return false;
        }
        int after = index + length;
        if (after < claim.Length && claim[after] == '-')
        {
            return false;
        }
        while (after < claim.Length && claim[after] == ' ')
        {
            after++;
        }
        return after >= claim.Length || !char.IsUpper(claim[after]);
    }

    private static bool HasCapital(string word)
    {
        foreach (char c in word)
        {
            if (char.IsUpper(c))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The number rounded down to its first digit (below 100) or its first two digits.</summary>
    internal static long RoundDown(long value)
    {
        long unit = RoundingUnit(value);
        return value / unit * unit;
    }

    /// <summary>The place a number is rounded at: its first digit below 100, its second from 100 on (42 → 1, 157 → 10, 1,240 → 100).</summary>
    internal static long RoundingUnit(long value)
    {
        long unit = 1;
        while (value / unit >= (value < 100 ? 10 : 100))
        {
            unit *= 10;
        }
        return unit;
    }

    private const string Months = "January|February|March|April|May|June|July|August|September|October|November|December";

    private static readonly Regex DayOfMonth = new($@"\bon (?<month>{Months}) (?<day>\d{{1,2}})(?:st|nd|rd|th)?(?<year>,? \d{{4}})?\b,?", Options);
    private static readonly Regex MonthOfYear = new($@"\bin (?:{Months}),? (?<year>\d{{4}})\b", Options);

    /// <summary>The first date said less exactly: a day of a month as the month ("on March 3" → "in March"; not "by March 3"), a month of a year as the year.</summary>
    internal static string? GeneraliseDate(string claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        Match day = DayOfMonth.Match(claim);
        if (day.Success)
        {
            string year = day.Groups["year"].Success ? " " + day.Groups["year"].Value.TrimStart(',', ' ') : string.Empty;
            string comma = day.Value.EndsWith(',') ? "," : string.Empty;
            return claim[..day.Index] + "in " + day.Groups["month"].Value + year + comma + claim[(day.Index + day.Length)..];
        }
        Match month = MonthOfYear.Match(claim);
        return month.Success ? claim[..month.Index] + "in " + month.Groups["year"].Value + claim[(month.Index + month.Length)..] : null;
    }

    /// <summary>A title before a capitalized name, at the start or after a lower-case word (not "US President").</summary>
    private static readonly Regex Title = new(
        @"(?<=^|[a-z,] )(?:(?:former|then|late|acting) )?(?:President|Vice President|Prime Minister|Senator|Sen\.|Representative|Rep\.|Governor|Gov\.|Mayor|Chancellor|Dr\.|Dr|Mr\.|Mr|Mrs\.|Mrs|Ms\.|Ms|General|Gen\.|Judge|Justice|Secretary|Minister|Professor|Prof\.|Detective|Inspector|Sergeant|Sgt\.|Captain|Capt\.|Coach|Chairman|Chairwoman|Director|Ambassador|Archbishop|Bishop|Rev\.|Reverend|Councillor|Councilman|Councilwoman|Sheriff|Chief) (?=[A-Z][a-z'-]+(?: [A-Z][a-z'-]+)?\b)",
        Options);

    /// <summary>The first title before a name dropped ("President Jane Doe" → "Jane Doe").</summary>
    internal static string? DropTitle(string claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        Match title = Title.Match(claim);
        if (!title.Success || title.Index + title.Length >= claim.Length)
        {
            return null;
        }
        return claim[..title.Index] + claim[(title.Index + title.Length)..];
    }

    /// <summary>
    /// Words and phrases and what may stand for them without changing what a claim says: synonyms, a more general word
    /// for a more specific one (never the other way), British and American spellings, contractions.
    /// </summary>
    internal static readonly (string Phrase, string Replacement)[] Synonyms =
    [
        ("approximately", "about"), ("roughly", "about"), ("nearly", "almost"), ("almost", "nearly"), ("more than", "over"), ("fewer than", "under"), ("less than", "under"),
        ("because of", "due to"), ("due to", "because of"), ("in order to", "to"), ("prior to", "before"), ("a number of", "several"),
        ("purchased", "bought"), ("bought", "purchased"), ("acquired", "bought"), ("began", "started"), ("started", "began"), ("commenced", "began"),
        ("assisted", "helped"), ("helped", "assisted"), ("stated", "said"), ("told reporters", "said"), ("passed away", "died"), ("died", "passed away"),
        ("was hospitalised", "was taken to hospital"), ("was hospitalized", "was taken to hospital"), ("arrested", "detained"), ("injured", "hurt"), ("hurt", "injured"), ("wounded", "injured"),
        ("resigned", "stepped down"), ("stepped down", "resigned"), ("sacked", "dismissed"), ("cancelled", "called off"), ("canceled", "called off"), ("called off", "cancelled"),
        ("postponed", "delayed"), ("rejected", "turned down"), ("turned down", "rejected"), ("backed", "supported"), ("supported", "backed"),
        ("increased", "rose"), ("rose", "increased"), ("soared", "rose"), ("surged", "rose"), ("jumped", "rose"), ("plunged", "fell"), ("plummeted", "fell"), ("decreased", "fell"), ("declined", "fell"),
        ("reduced", "cut"), ("slashed", "cut"), ("shut", "closed"), ("discovered", "found"), ("constructed", "built"), ("built", "constructed"),
        ("obtained", "got"), ("attempted", "tried"), ("seized", "took"), ("stole", "took"), ("defeated", "beat"), ("prohibited", "banned"), ("banned", "prohibited"),
        ("permitted", "allowed"), ("allowed", "permitted"), ("required", "needed"), ("needed", "required"), ("demolished", "knocked down"), ("knocked down", "demolished"),
        ("investigation", "inquiry"), ("inquiry", "investigation"), ("probe", "investigation"), ("negotiations", "talks"), ("agreement", "deal"), 
        ("attorney", "lawyer"), ("lawyer", "attorney"), ("spokesman", "spokesperson"), ("spokeswoman", "spokesperson"), ("lawmakers", "legislators"), ("legislators", "lawmakers"),
        ("company", "firm"), ("automobile", "car"), ("car", "vehicle"), ("cars", "vehicles"), ("truck", "vehicle"), ("lorry", "vehicle"), ("airplane", "aircraft"), ("aeroplane", "aircraft"), ("plane", "aircraft"),
        ("rifle", "gun"), ("pistol", "gun"), ("handgun", "gun"), ("gun", "weapon"), ("prison", "jail"), ("jail", "prison"), ("movie", "film"), ("physicians", "doctors"),
        ("children", "kids"), ("kids", "children"), ("soldiers", "troops"), ("troops", "soldiers"), ("residents", "people"), ("citizens", "people"), ("police officers", "police"), ("blaze", "fire"),
        ("large", "big"), ("huge", "large"), ("enormous", "huge"), ("massive", "huge"), ("tiny", "small"), ("rapid", "fast"), ("quick", "fast"), ("entire", "whole"),
        ("annual", "yearly"), ("yearly", "annual"), ("previous", "earlier"), ("deceased", "dead"), ("ill", "sick"), ("sick", "ill"), ("several", "some"), ("numerous", "many"), 
        ("criticized", "criticised"), ("criticised", "criticized"), ("organization", "organisation"), ("organisation", "organization"), ("center", "centre"), ("centre", "center"),
        ("defense", "defence"), ("defence", "defense"), ("program", "programme"), ("programme", "program"), ("recognized", "recognised"), ("recognised", "recognized"),
        ("did not", "didn't"), ("didn't", "did not"), ("does not", "doesn't"), ("doesn't", "does not"), ("do not", "don't"), ("don't", "do not"), ("is not", "isn't"), ("isn't", "is not"),
        ("was not", "wasn't"), ("wasn't", "was not"), ("were not", "weren't"), ("has not", "hasn't"), ("hasn't", "has not"), ("have not", "haven't"), ("will not", "won't"), ("won't", "will not"),
        ("cannot", "can't"), ("can't", "cannot"), ("could not", "couldn't"), ("would not", "wouldn't"),
    ];

    private static readonly Regex SynonymPattern = new(
        @"(?<![\w'-])(?:" + string.Join('|', Synonyms.Select(s => Regex.Escape(s.Phrase)).OrderByDescending(p => p.Length)) + @")(?![\w'-])",
        Options);

    private static readonly Dictionary<string, string> SynonymOf = Synonyms.ToDictionary(s => s.Phrase, s => s.Replacement, StringComparer.Ordinal);

    /// <summary>
    /// One listed word or phrase of the claim, chosen at random, swapped for its replacement. Matched in lower case only,
    /// so that names ("Big Ben", "Attorney General") are left alone.
    /// </summary>
    internal static string? SwapSynonym(string claim, Random random)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(random);
        var matches = new List<Match>();
        foreach (Match match in SynonymPattern.Matches(claim))
        {
            if (!IsQuoted(claim, match.Index))
            {
                matches.Add(match);
            }
        }
        if (matches.Count == 0)
        {
            return null;
        }
        Match chosen = matches[random.Next(matches.Count)];
        string replacement = SynonymOf[chosen.Value];
        return claim[..chosen.Index] + replacement + claim[(chosen.Index + chosen.Length)..];
    }

    /// <summary>Whether <paramref name="index"/> is inside a quotation (an odd number of quotation marks before it): quoted words are not reworded.</summary>
    private static bool IsQuoted(string text, int index)
    {
        int marks = 0;
        for (int i = 0; i < index; i++)
        {
            marks += text[i] is '"' or '\u201C' or '\u201D' ? 1 : 0;
        }
        return marks % 2 == 1;
    }

    private const string ReportingVerbs = "said|says|told reporters|announced|confirmed|stated|reported";

    private static readonly Regex FrameFirst = new(@"^(?<who>[A-Z][^,\s]*(?: [^,\s]+){0,4}?) (?:(?<verb>said|says|told reporters)(?<when> (?:on )?[A-Z]\w+day)?(?: that)?|(?<verb>announced|confirmed|stated|reported)(?<when> (?:on )?[A-Z]\w+day)? that) (?!to |by |as )(?<rest>[^""\u201C\u201D]{12,}?)[.!]?$", Options);
    private static readonly Regex FrameLast = new($@"^(?<rest>[^""\u201C\u201D]{{12,}}), (?<who>[^,]{{2,60}}?) (?<verb>{ReportingVerbs})(?<when> (?:on )?[A-Z]\w+day)?\.$", Options);
    private static readonly Regex AccordingFirst = new(@"^According to (?<who>[^,]{1,60}), (?<rest>.{12,}?)[.!]?$", Options);
    private static readonly Regex AccordingLast = new(@"^(?<rest>.{12,}), according to (?<who>[^,]{1,60})\.$", Options);

    /// <summary>The claim's reporting frame moved from its start to its end or back (see the class remarks).</summary>
    internal static string? MoveFrame(string claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        string trimmed = claim.Trim();
        Match m = FrameFirst.Match(trimmed);
        if (m.Success)
        {
            return Capitalise(m.Groups["rest"].Value) + ", " + Lower(m.Groups["who"].Value) + " " + m.Groups["verb"].Value + m.Groups["when"].Value + ".";
        }
        m = FrameLast.Match(trimmed);
        if (m.Success)
        {
            return Capitalise(m.Groups["who"].Value) + " " + m.Groups["verb"].Value + m.Groups["when"].Value + " that " + Lower(m.Groups["rest"].Value) + ".";
        }
        m = AccordingFirst.Match(trimmed);
        if (m.Success)
        {
            return Capitalise(m.Groups["rest"].Value) + ", according to " + m.Groups["who"].Value + ".";
        }
        m = AccordingLast.Match(trimmed);
        return m.Success ? "According to " + m.Groups["who"].Value + ", " + Lower(m.Groups["rest"].Value) + "." : null;
    }

    private const string Subordinators = "after|before|because|since|when|while|although|though|despite|amid|during|following|once|until|unless|if";

    private static readonly Regex LeadingSubordinate = new($@"^(?<sub>(?i:{Subordinators})) (?<x>[^,]{{3,80}}), (?<y>[^,]{{12,}}?)[.!]?$", Options);
    private static readonly Regex LeadingTime = new(@"^(?<adv>(?:On|In|At|Last|Earlier|Later|Early|Late|This|Yesterday|Today|Overnight)(?: [^,]{1,40})?), (?<y>[^,]{12,}?)[.!]?$", Options);
    private static readonly Regex ClosingSubordinate = new(@"^(?<y>[^,]{12,}?)(?<!\b(?:looked|named|asked|even|long|soon|shortly|just|ever|right|well|never|days?|years?|weeks?|months?|hours?|minutes?|moments?|later|earlier|as)),? (?<sub>after|before|because|while|although|despite|amid|during|until) (?!(?:it|he|she|they|this|that|these|those|its|his|her|their)\b)(?<x>[^,]{3,80})\.$", Options);

    /// <summary>A subordinator inside the main clause: the closing clause may belong to it, so it is not moved ("… a day after police found a crack before the storm").</summary>
    private static readonly Regex InnerSubordinate = new($@"\b(?:{Subordinators})\b", Options | RegexOptions.IgnoreCase);

    /// <summary>Words in the main clause after which moving the closing clause would change what is reported ("Police said the road closed after the storm").</summary>
    private static readonly Regex Reported = new(@"\b(?:said|says|told|reported|announced|claimed|believes?|thinks?|that)\b", Options);

    /// <summary>The claim's leading clause or time phrase moved to its end, or its closing subordinate clause to its front.</summary>
    internal static string? ReorderClause(string claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        string trimmed = claim.Trim();
        Match m = LeadingSubordinate.Match(trimmed);
        if (m.Success)
        {
            return Capitalise(m.Groups["y"].Value) + " " + m.Groups["sub"].Value.ToLowerInvariant() + " " + m.Groups["x"].Value + ".";
        }
        m = LeadingTime.Match(trimmed);
        if (m.Success)
        {
            string adv = m.Groups["adv"].Value;
            return Capitalise(m.Groups["y"].Value) + " " + char.ToLowerInvariant(adv[0]) + adv[1..] + ".";
        }
        m = ClosingSubordinate.Match(trimmed);
        if (m.Success && !Reported.IsMatch(m.Groups["y"].Value) && !InnerSubordinate.IsMatch(m.Groups["y"].Value))
        {
            string sub = m.Groups["sub"].Value;
            return char.ToUpperInvariant(sub[0]) + sub[1..] + " " + m.Groups["x"].Value + ", " + Lower(m.Groups["y"].Value) + ".";
        }
        return null;
    }

    private static readonly Regex Passive = new(
        @"^(?<n>[A-Z][^,]{2,60}?) (?:was|were) (?<v>[a-z]{3,}ed) by (?<m>(?:the |a |an )?[^,.;]{2,50}?)(?<rest>(?: (?:in|on|at|after|during|near|last|this|over|outside|inside)\b[^,.!]*)?)[.!]?$",
        Options);

    /// <summary>A passive claim made active ("The man was arrested by police" → "Police arrested the man"); regular verbs only, whose past tense is their participle.</summary>
    internal static string? ActiveVoice(string claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        Match m = Passive.Match(claim.Trim());
        if (!m.Success || m.Groups["m"].Value.Contains(" and ", StringComparison.Ordinal) && m.Groups["m"].Value.Split(' ').Length > 6)
        {
            return null;
        }
        return Capitalise(m.Groups["m"].Value) + " " + m.Groups["v"].Value + " " + Lower(m.Groups["n"].Value) + m.Groups["rest"].Value + ".";
    }

    /// <summary>Words that open a clause and are lower-cased inside a sentence (names keep their capital).</summary>
    private static readonly HashSet<string> CommonOpeners = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "This", "That", "These", "Those", "It", "They", "He", "She", "We", "There", "His", "Her", "Its", "Their", "Our", "Some", "Many",
        "Most", "All", "Several", "No", "One", "Two", "Three", "Four", "Five", "Police", "Officials", "Authorities", "Researchers", "Scientists", "Doctors",
        "Witnesses", "Residents", "Investigators", "Experts", "Local", "State", "Federal", "Government", "Both", "Each", "Every", "Another", "Other", "Such",
    };

    /// <summary>The text with its first letter lower-cased when its first word is a common word, not a name.</summary>
    private static string Lower(string text)
    {
        int space = text.IndexOf(' ');
        string first = space < 0 ? text : text[..space];
        return CommonOpeners.Contains(first) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>The text with its first letter capitalized when the edit was made at its start.</summary>
    internal static string StartSentence(string text, int editedAt) => editedAt == 0 ? Capitalise(text) : text;

    private static string WordBefore(string text, int index)
    {
        int end = index;
        while (end > 0 && text[end - 1] is ' ' or '$' or '\u00A3' or '\u20AC')
        {
            end--;
        }
        int start = end;
        while (start > 0 && (char.IsLetter(text[start - 1]) || text[start - 1] == '.'))
        {
            start--;
        }
        return text[start..end];
    }

    private static string Pick(Random random, params string[] options) => options[random.Next(options.Length)];
}
