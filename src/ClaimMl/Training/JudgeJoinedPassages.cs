using ClaimMl.DataFormats.NliSets;
using ClaimMl.Entailment;

namespace ClaimMl.Training;

/// <summary>
/// Pairs that teach the judge to read a window of two sentences from different places of a source (what the checker
/// reads when the window setting is on), made from written pairs (<see cref="WrittenPairs"/>): a written passage P is
/// joined with another passage Q of the same file and the same side of the dev split, in a drawn order ("P Q" or
/// "Q P"), and read against:
/// <list type="bullet">
/// <item>one claim of P per label, the label kept: a sentence beside the passage changes nothing;</item>
/// <item>an entailed claim of P joined with one of Q ("e(P), and e(Q)"): <b>entails</b>, both halves are stated;</item>
/// <item>an entailed claim of P joined with a contradicted claim of Q: <b>contradicts</b>;</item>
/// <item>an entailed claim of P joined with a claim Q leaves open: <b>neither</b>;</item>
/// <item>and "e(P), and e(Q)" against P alone: <b>neither</b>, P states only half of it.</item>
/// </list>
/// Each written passage is drawn with probability 1/every; the pairs take P's group (Q is on P's side, so neither
/// passage crosses the split); the origin is <see cref="Origin"/>. Deterministic for a seed.
/// </summary>
internal static class JudgeJoinedPassages
{
    /// <summary>The origin of the pairs made here.</summary>
    public const string Origin = "written, joined passages";

    private const int DonorTries = 12;
    private const string Join = ", and ";

    /// <summary>The joined-passage pairs of <paramref name="written"/>.</summary>
    /// <param name="written">The written pairs, in file then line order.</param>
    /// <param name="isDev">The side of a passage's group (<see langword="null"/>: unknown, not joined).</param>
    /// <param name="seed">The seed.</param>
    /// <param name="every">One passage in this many is joined, about; 0 makes none.</param>
    public static List<JudgeCandidate> Make(IReadOnlyList<NliPair> written, Func<string, bool?> isDev, int seed, int every)
    {
        ArgumentNullException.ThrowIfNull(written);
        ArgumentNullException.ThrowIfNull(isDev);
        var made = new List<JudgeCandidate>();
        if (every <= 0)
        {
            return made;
        }
        var random = new Random(JudgePairs.SeedFor(seed, "joined passages"));
        foreach (List<WrittenPassage> file in ByFile(written))
        {
            foreach (WrittenPassage p in file)
            {
                if (random.Next(every) != 0 || isDev(p.Text) is not bool dev || p.Claims(EntailmentLabel.Entails).Count == 0)
                {
                    continue;
                }
                WrittenPassage? q = null;
                for (int attempt = 0; attempt < DonorTries && file.Count > 1; attempt++)
                {
                    WrittenPassage donor = file[random.Next(file.Count)];
                    if (!ReferenceEquals(donor, p) && isDev(donor.Text) == dev && donor.Claims(EntailmentLabel.Entails).Count > 0)
                    {
                        q = donor;
                        break;
                    }
                }
                if (q is null)
                {
                    continue;
                }
                bool pFirst = random.Next(2) == 0;
                string joined = pFirst ? p.Text.Trim() + " " + q.Text.Trim() : q.Text.Trim() + " " + p.Text.Trim();
                string[] keys = [JudgeGroups.TextKey(p.Text)];
                void Add(string claim, string passage, EntailmentLabel label) =>
                    made.Add(new JudgeCandidate(claim, passage, label, Origin, keys));

                foreach (EntailmentLabel label in (ReadOnlySpan<EntailmentLabel>)[EntailmentLabel.Entails, EntailmentLabel.Contradicts, EntailmentLabel.Neither])
                {
                    if (Pick(p.Claims(label), random) is { } claim)
                    {
                        Add(claim, joined, label);
                    }
                }
                string stated = Pick(p.Claims(EntailmentLabel.Entails), random)!;
                string both = JudgeConjunctions.Join(stated, Pick(q.Claims(EntailmentLabel.Entails), random)!, Join);
                Add(both, joined, EntailmentLabel.Entails);
                Add(both, p.Text, EntailmentLabel.Neither);
                if (Pick(q.Claims(EntailmentLabel.Contradicts), random) is { } denied)
                {
                    Add(JudgeConjunctions.Join(stated, denied, Join), joined, EntailmentLabel.Contradicts);
                }
                if (Pick(q.Claims(EntailmentLabel.Neither), random) is { } open)
                {
                    Add(JudgeConjunctions.Join(stated, open, Join), joined, EntailmentLabel.Neither);
                }
            }
        }
        return made;
    }

    private static string? Pick(List<string> claims, Random random) => claims.Count == 0 ? null : claims[random.Next(claims.Count)];

    /// <summary>The written passages of each file (<see cref="NliPair.Side"/>), in order of first appearance, with their claims by label.</summary>
    private static List<List<WrittenPassage>> ByFile(IReadOnlyList<NliPair> written)
    {
        var files = new List<List<WrittenPassage>>();
        var fileIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var passages = new Dictionary<(string File, string Passage), WrittenPassage>();
        foreach (NliPair pair in written)
        {
            if (!fileIndex.TryGetValue(pair.Side, out int index))
            {
                fileIndex[pair.Side] = index = files.Count;
                files.Add([]);
            }
            if (!passages.TryGetValue((pair.Side, pair.Passage), out WrittenPassage? passage))
            {
                passages[(pair.Side, pair.Passage)] = passage = new WrittenPassage(pair.Passage);
                files[index].Add(passage);
            }
            passage.Claims(pair.Label).Add(pair.Claim);
        }
        return files;
    }

    /// <summary>One written passage and its claims of each label.</summary>
    private sealed class WrittenPassage(string text)
    {
        private readonly List<string>[] _claims = [[], [], []];

        public string Text { get; } = text;

        public List<string> Claims(EntailmentLabel label) => _claims[(int)label];
    }
}
