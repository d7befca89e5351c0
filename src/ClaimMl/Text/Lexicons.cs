using System.Collections.Frozen;

namespace ClaimMl.Text;

/// <summary>
/// The word lists the tokenizer flags tokens with. Matching is by the hash of the lower-cased
/// surface form, so each inflection that matters is listed.
/// </summary>
internal static class Lexicons
{
    /// <summary>Function words that carry no topic; left out of overlap and TF-IDF.</summary>
    public static readonly FrozenSet<ulong> Stopwords = Build(
        "a about above after again against all am an and any are as at be because been before being below between both but by " +
        "can could did do does doing down during each few for from further had has have having he her here hers herself him " +
        "himself his how i if in into is it its itself just me more most my myself of off on once only or other our ours " +
        "ourselves out over own same she should so some such than that the their theirs them themselves then there these they " +
        "this those through to too under until up very was we were what when where which while who whom why will with would " +
        "you your yours yourself yourselves also s t said says say told according would've one two new");

    /// <summary>Words that negate the statement they stand in.</summary>
    public static readonly FrozenSet<ulong> Negations = Build(
        "not no never none nobody nothing neither nor without cannot can't won't don't doesn't didn't isn't aren't wasn't " +
        "weren't hasn't haven't hadn't couldn't wouldn't shouldn't mustn't ain't nowhere");

    /// <summary>Words a source uses when it rejects a claim.</summary>
    public static readonly FrozenSet<ulong> RefutingCues = Build(
        "fake fakes faked hoax hoaxes false falsely deny denies denied denying denial debunk debunks debunked debunking " +
        "bogus fraud fraudulent myth untrue baseless unfounded fabricated fabrication rumour rumours rumor rumors dismiss dismissed " +
        "dismisses reject rejects rejected refute refutes refuted refuting retract retracts retracted retraction " +
        "prank pranks satire satirical misleading wrong incorrect erroneous nonsense contradict contradicts contradicted " +
        "disputed disputes dispute doubt doubts doubted despite however actually");

    /// <summary>
    /// Words that on their own declare something untrue or denied (a subset of the refuting cues, without
    /// the weak ones such as "however", "doubt" or "dispute").
    /// </summary>
    public static readonly FrozenSet<ulong> Denials = Build(
        "fake fakes faked hoax hoaxes false falsely deny denies denied denying denial debunk debunks debunked debunking " +
        "bogus fabricated fabrication untrue baseless unfounded myth prank pranks satire satirical photoshopped doctored " +
        "spoof parody retract retracts retracted retraction");

    /// <summary>Words that, right after a negation ("not true", "no evidence"), deny a claim.</summary>
    public static readonly FrozenSet<ulong> TruthWords = Build(
        "true real genuine authentic accurate correct evidence proof truth confirmed verified happened case");

    /// <summary>Words a source uses when it reports a claim without taking a position on it.</summary>
    public static readonly FrozenSet<ulong> HedgingCues = Build(
        "allegedly alleged alleges reportedly reported reports report purportedly purported apparently appears appear " +
        "seems seem suggests suggest suggested claim claims claimed claiming may might could possibly possible perhaps " +
        "unconfirmed unverified rumoured rumored supposedly speculation speculated likely unclear believed thought " +
        "sources source according told say says said");

    /// <summary>
    /// The lexicon flags of every listed word by term hash (<see cref="TokenFlags.Stopword"/>,
    /// <see cref="TokenFlags.Negation"/>, <see cref="TokenFlags.RefutingCue"/>, <see cref="TokenFlags.HedgingCue"/>),
    /// so that the tokenizer looks a word up once instead of once per list.
    /// </summary>
    private static readonly FrozenDictionary<ulong, TokenFlags> FlagsByTerm = BuildFlags();

    /// <summary>The union of the lexicons' flags for a lower-cased word's term hash (<see cref="TokenFlags.None"/> when listed nowhere).</summary>
    public static TokenFlags FlagsOf(ulong term) => FlagsByTerm.GetValueOrDefault(term);

    private static FrozenDictionary<ulong, TokenFlags> BuildFlags()
    {
        var flags = new Dictionary<ulong, TokenFlags>();
        foreach ((FrozenSet<ulong> set, TokenFlags flag) in new[]
        {
            (Stopwords, TokenFlags.Stopword), (Negations, TokenFlags.Negation), (RefutingCues, TokenFlags.RefutingCue), (HedgingCues, TokenFlags.HedgingCue),
            (Denials, TokenFlags.Denial), (TruthWords, TokenFlags.Truth),
        })
        {
            foreach (ulong term in set)
            {
                flags[term] = flags.GetValueOrDefault(term) | flag;
            }
        }
        return flags.ToFrozenDictionary();
    }

    private static FrozenSet<ulong> Build(string words)
    {
        var set = new HashSet<ulong>();
        foreach (string word in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            set.Add(TermHash.OfWord(word));
        }
        return set.ToFrozenSet();
    }
}
