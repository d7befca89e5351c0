using System.Collections.Frozen;

namespace ClaimMl.Text;

/// <summary>
/// Pairs of words of opposite meaning ("increase" / "decrease", "allowed" / "banned"), by stem: a
/// claim that says one while the aligned source sentence says the other is likely contradicted.
/// </summary>
internal static class Antonyms
{
    private const string Pairs =
        "increase:decrease increase:reduce increase:cut rise:fall rise:drop rose:fell higher:lower more:less more:fewer most:least " +
        "raise:lower raise:cut gain:loss gain:lose grow:shrink growth:decline expand:shrink " +
        "win:lose won:lost winner:loser victory:defeat success:failure succeed:fail " +
        "alive:dead live:die survive:die born:died open:close opened:closed open:shut reopen:close " +
        "accept:reject accepted:rejected approve:reject approved:rejected allow:ban allowed:banned permit:forbid legal:illegal " +
        "true:false real:fake confirm:deny confirmed:denied admit:deny support:oppose supported:opposed agree:disagree " +
        "guilty:innocent convicted:acquitted arrest:release arrested:released hire:fire hired:fired join:leave joined:left " +
        "safe:dangerous safe:unsafe effective:ineffective positive:negative benefit:harm helpful:harmful cure:cause " +
        "strong:weak large:small big:small major:minor high:low before:after first:last start:end begin:end began:ended " +
        "early:late fast:slow cheap:expensive rich:poor hot:cold full:empty present:absent include:exclude inside:outside " +
        "north:south east:west old:new old:young male:female man:woman men:women buy:sell bought:sold import:export " +
        "enter:exit arrive:depart attack:defend peace:war love:hate possible:impossible likely:unlikely always:never " +
        "all:none everyone:nobody everything:nothing many:few majority:minority maximum:minimum above:below up:down over:under";

    private static readonly FrozenDictionary<ulong, ulong[]> ByStem = Build();
    private static readonly FrozenDictionary<string, string> ByWord = BuildWords();

    /// <summary>The first listed opposite of a lower-cased word, or <see langword="null"/>.</summary>
    public static string? OppositeWord(string word) => ByWord.GetValueOrDefault(word);

    private static FrozenDictionary<string, string> BuildWords()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in Pairs.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int colon = pair.IndexOf(':', StringComparison.Ordinal);
            map.TryAdd(pair[..colon], pair[(colon + 1)..]);
            map.TryAdd(pair[(colon + 1)..], pair[..colon]);
        }
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The stems of words opposite to <paramref name="stem"/> (empty when none is listed).</summary>
    public static ReadOnlySpan<ulong> Of(ulong stem) => ByStem.TryGetValue(stem, out ulong[]? opposites) ? opposites : [];

    private static FrozenDictionary<ulong, ulong[]> Build()
    {
        var map = new Dictionary<ulong, List<ulong>>();
        foreach (string pair in Pairs.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int colon = pair.IndexOf(':', StringComparison.Ordinal);
            ulong a = StemOf(pair[..colon]), b = StemOf(pair[(colon + 1)..]);
            Add(map, a, b);
            Add(map, b, a);
        }
        return map.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray());
    }

    private static void Add(Dictionary<ulong, List<ulong>> map, ulong from, ulong to)
    {
        if (!map.TryGetValue(from, out List<ulong>? list))
        {
            map[from] = list = [];
        }
        if (!list.Contains(to))
        {
            list.Add(to);
        }
    }

    private static ulong StemOf(string word)
    {
        Span<char> buffer = stackalloc char[word.Length];
        word.AsSpan().ToLowerInvariant(buffer);
        return TermHash.Of(buffer[..LightStemmer.Stem(buffer)]);
    }
}
