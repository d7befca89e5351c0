using System.Globalization;
using ClaimMl.Text;

namespace ClaimMl.Training;

/// <summary>
/// The groups of the judge's pairs: pairs that share a key (a claim's or a passage's text, a story) are one
/// group, transitively, so that a claim, a passage or a story lands whole on one side of the dev split. A group is
/// named by the first key given to it, without its kind: a claim's lower-cased text, or a story's name.
/// </summary>
internal sealed class JudgeGroups
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _keys = [];
    private readonly List<int> _parent = [];

    /// <summary>The key of a text (a claim or a passage): trimmed and lower-cased, so that case and outer white space do not split a group.</summary>
    public static string TextKey(string text) => "t:" + text.Trim().ToLowerInvariant();

    /// <summary>The key of a story or other named unit (e.g. "fnc-1 story 12").</summary>
    public static string NamedKey(string name) => "n:" + name;

    /// <summary>Joins the given keys into one group (one key alone makes sure it has a group).</summary>
    public void Join(IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            throw new ArgumentException("A pair needs at least one group key.", nameof(keys));
        }
        int first = IdOf(keys[0]);
        for (int i = 1; i < keys.Count; i++)
        {
            Union(first, IdOf(keys[i]));
        }
    }

    /// <summary>Whether <paramref name="key"/> was given to <see cref="Join"/>.</summary>
    public bool Contains(string key) => _ids.ContainsKey(key);

    /// <summary>The name of the group of a key given to <see cref="Join"/>: the first key of its group, without its kind prefix.</summary>
    public string GroupOf(string key) => _keys[Find(_ids[key])][2..];

    /// <summary>
    /// Whether a group is in the dev part: a stable 64-bit hash of (<paramref name="seed"/>, <paramref name="group"/>)
    /// (FNV-1a of the name, the seed mixed in, then a SplitMix64 finish) below <paramref name="fraction"/> of the range.
    /// The same in every process and on every platform, unlike <see cref="string.GetHashCode()"/>.
    /// </summary>
    public static bool IsDev(int seed, string group, double fraction)
    {
        ulong h = TermHash.Of(group) ^ (0x9E3779B97F4A7C15UL * (ulong)(uint)seed + (ulong)(uint)seed);
        h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL;
        h = (h ^ (h >> 27)) * 0x94D049BB133111EBUL;
        h ^= h >> 31;
        return (h >> 11) * (1.0 / (1UL << 53)) < fraction;
    }

    /// <summary>A short text for messages: the number of keys and groups.</summary>
    public override string ToString()
    {
        int groups = 0;
        for (int i = 0; i < _parent.Count; i++)
        {
            if (Find(i) == i)
            {
                groups++;
            }
        }
        return string.Create(CultureInfo.InvariantCulture, $"{_keys.Count} keys in {groups} groups");
    }

    private int IdOf(string key)
    {
        if (!_ids.TryGetValue(key, out int id))
        {
            id = _keys.Count;
            _ids[key] = id;
            _keys.Add(key);
            _parent.Add(id);
        }
        return id;
    }

    private int Find(int x)
    {
        while (_parent[x] != x)
        {
            _parent[x] = _parent[_parent[x]];
            x = _parent[x];
        }
        return x;
    }

    /// <summary>Joins two groups; the one whose first key came first names the result.</summary>
    private void Union(int a, int b)
    {
        int ra = Find(a), rb = Find(b);
        if (ra != rb)
        {
            _parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
    }
}
