using ClaimMl.Entailment;
using ClaimMl.Text;

namespace ClaimMl.Training;

/// <summary>
/// Synthetic contradictions for the judge: from entailing pairs of FEVER, Emergent and FNC-1 (<see cref="SourceOrigins"/>),
/// the claim changed so that the same passage contradicts it, with <see cref="SyntheticPairs"/>' edits: a negation
/// added or removed (<see cref="SyntheticPairs.FlipNegation"/>), a number changed (<see cref="SyntheticPairs.ChangeNumber"/>),
/// a word swapped for its antonym (<see cref="SyntheticPairs.SwapAntonym"/>), or a name swapped for another name of the
/// same article that neither the claim nor the passage holds (<see cref="SyntheticPairs.SwapName"/>). Each entailing pair is
/// drawn with probability 1/every; a drawn pair tries the four edits in turn from a random one and keeps the first that
/// applies (none may). The pair keeps its passage and group; its origin is <see cref="JudgeOrigins.Synthetic"/> of its own.
/// Deterministic for a seed: each origin draws from a random sequence of its own.
/// <para>
/// Guards, since news headlines are often written in title case: an antonym swap that changes a capitalized word past
/// the claim's first (a name: "Big Bank Hank", "War Memorial") is refused, and so is a name swap in a title-case claim
/// (<see cref="IsTitleCase"/>), where every word looks like a name. An edited claim that some pair already pairs with the
/// same passage is refused, so that a real label is never contradicted by a made one.
/// </para>
/// </summary>
internal static class JudgeContradictions
{
    /// <summary>The origins whose entailing pairs are edited.</summary>
    public static readonly string[] SourceOrigins = [JudgeOrigins.FeverNli, JudgeOrigins.Emergent, JudgeOrigins.Fnc];

    private const int Edits = 4;

    /// <summary>The synthetic contradictions of <paramref name="candidates"/>, in their order.</summary>
    /// <param name="candidates">The pairs to draw from (only entailing pairs of <see cref="SourceOrigins"/> are).</param>
    /// <param name="seed">The seed.</param>
    /// <param name="every">One pair drawn per this many, about; 0 draws none.</param>
    public static List<JudgeCandidate> Make(IReadOnlyList<JudgeCandidate> candidates, int seed, int every) => Make(candidates, seed, every, SourceOrigins);

    /// <summary>The synthetic contradictions of the entailing pairs of <paramref name="origins"/> among <paramref name="candidates"/>, in their order.</summary>
    /// <param name="candidates">The pairs to draw from.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="every">One pair drawn per this many, about; 0 draws none.</param>
    /// <param name="origins">The origins whose entailing pairs are edited (each draws from a random sequence of its own).</param>
    public static List<JudgeCandidate> Make(IReadOnlyList<JudgeCandidate> candidates, int seed, int every, string[] origins)
    {
        var names = new Dictionary<string, string[]>(StringComparer.Ordinal);
        return MakeEdited(candidates, origins, seed, every, JudgeOrigins.Synthetic, JudgeOrigins.Synthetic, (c, random) =>
        {
            string article = c.Article ?? c.Passage;
            if (!names.TryGetValue(article, out string[]? articleNames))
            {
                names[article] = articleNames = SyntheticPairs.NamesOf(article);
            }
            return Edit(c, articleNames, random);
        });
    }

    /// <summary>
    /// Contradictions made by editing claims: each entailing pair of <paramref name="origins"/> drawn by
    /// <see cref="DrawEntailing"/> (random sequences seeded by <paramref name="stream"/>) whose claim <paramref name="edit"/>
    /// changes (null: no edit applies) is read, edited, against the same passage as a contradiction
    /// (<see cref="MakeRewritten"/>).
    /// </summary>
    internal static List<JudgeCandidate> MakeEdited(IReadOnlyList<JudgeCandidate> candidates, string[] origins, int seed, int every,
        Func<string, string> stream, Func<string, string> origin, Func<JudgeCandidate, Random, string?> edit) =>
        MakeRewritten(candidates, origins, seed, every, stream, origin, (c, random) => [(edit(c, random), EntailmentLabel.Contradicts)]);

    /// <summary>
    /// Pairs made by rewriting claims: each entailing pair of <paramref name="origins"/> drawn by <see cref="DrawEntailing"/>
    /// (random sequences seeded by <paramref name="stream"/>) gives the claims <paramref name="rewrite"/> returns for it
    /// (a null claim, or the claim unchanged, gives none), each read against the same passage with its label and the
    /// origin <paramref name="origin"/> gives; each pair keeps its passage and group, and a claim some pair already pairs
    /// with the same passage is refused. In the candidates' order, each pair's claims in the order returned.
    /// </summary>
    internal static List<JudgeCandidate> MakeRewritten(IReadOnlyList<JudgeCandidate> candidates, string[] origins, int seed, int every,
        Func<string, string> stream, Func<string, string> origin, Func<JudgeCandidate, Random, (string? Claim, EntailmentLabel Label)[]> rewrite)
    {
        var made = new List<JudgeCandidate>();
        if (JudgePairs.PairsToAvoid(candidates, every) is not { } existing)
        {
            return made;
        }
        foreach (var (c, random) in DrawEntailing(candidates, origins, seed, every, stream))
        {
            foreach (var (claim, label) in rewrite(c, random))
            {
                if (claim is not null && !string.Equals(claim, c.Claim, StringComparison.Ordinal) && existing.Add((claim, c.Passage)))
                {
                    made.Add(c with { Claim = claim, Label = label, Origin = origin(c.Origin), Article = null });
                }
            }
        }
        return made;
    }

    /// <summary>
    /// The entailing pairs of <paramref name="origins"/> (with a claim) drawn with probability 1/<paramref name="every"/>,
    /// in their order, each with the random sequence of its origin (seeded by <paramref name="stream"/> of the origin),
    /// which the caller goes on drawing from for that pair before the next is drawn.
    /// </summary>
    internal static IEnumerable<(JudgeCandidate Candidate, Random Random)> DrawEntailing(
        IReadOnlyList<JudgeCandidate> candidates, string[] origins, int seed, int every, Func<string, string> stream)
    {
        var randoms = new Dictionary<string, Random>(StringComparer.Ordinal);
        foreach (JudgeCandidate c in candidates)
        {
            if (c.Label != EntailmentLabel.Entails || Array.IndexOf(origins, c.Origin) < 0 || string.IsNullOrWhiteSpace(c.Claim))
            {
                continue;
            }
            if (!randoms.TryGetValue(c.Origin, out Random? random))
            {
                randoms[c.Origin] = random = new Random(JudgePairs.SeedFor(seed, stream(c.Origin)));
            }
            if (random.Next(every) == 0)
            {
                yield return (c, random);
            }
        }
    }

    /// <summary>
    /// Detail edits of the entailing written pairs among <paramref name="candidates"/> (<see cref="JudgeOrigins.Written"/>),
    /// each drawn with probability 1/<paramref name="every"/>: a day of the week or a month changed
    /// (<see cref="SyntheticPairs.ChangeDay"/>) or, when the claim names none, its first name past the first word swapped
    /// for a name of another written passage that neither the claim nor its passage holds (<see cref="SyntheticPairs.SwapName"/>;
    /// the written pairs come without articles, so <see cref="Make(IReadOnlyList{JudgeCandidate}, int, int, string[])"/>
    /// never swaps their names). Contradicts, as the written pairs label "one detail changed (figure, day, place, name or
    /// role)"; origin <see cref="DetailEditedWritten"/>; the pair keeps its passage and group; a claim some pair already
    /// pairs with the same passage is refused; title-case claims take no name swap. Deterministic for a seed.
    /// </summary>
    /// <param name="candidates">All pairs so far.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="every">One entailing written pair in this many is drawn, about; 0 draws none.</param>
    public static List<JudgeCandidate> MakeDetailEdits(IReadOnlyList<JudgeCandidate> candidates, int seed, int every)
    {
        string[]? names = null; // the names of every written passage, gathered when the first pair is drawn
        return MakeEdited(candidates, [JudgeOrigins.Written], seed, every, origin => "detail edits " + origin, _ => DetailEditedWritten, (c, random) =>
        {
            names ??= WrittenNames(candidates);
            return SyntheticPairs.ChangeDay(c.Claim, random)
                ?? (IsTitleCase(c.Claim) ? null : SyntheticPairs.SwapName(c.Claim, OtherNames(names, c.Passage, random), random));
        });
    }

    /// <summary>The names of the written passages among <paramref name="candidates"/>, in ordinal order, each once.</summary>
    private static string[] WrittenNames(IReadOnlyList<JudgeCandidate> candidates)
    {
        var passages = new HashSet<string>(StringComparer.Ordinal);
        foreach (JudgeCandidate c in candidates)
        {
            if (c.Origin == JudgeOrigins.Written)
            {
                passages.Add(c.Passage);
            }
        }
        var pool = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string passage in passages)
        {
            pool.UnionWith(SyntheticPairs.NamesOf(passage));
        }
        return [.. pool];
    }

    /// <summary>The origin of <see cref="MakeDetailEdits"/>' pairs.</summary>
    public const string DetailEditedWritten = "detail-edited " + JudgeOrigins.Written;

    /// <summary>How many names of the pool <see cref="MakeDetailEdits"/> offers a claim to swap in.</summary>
    private const int SwapCandidates = 16;

    /// <summary>Up to <see cref="SwapCandidates"/> names of <paramref name="pool"/>, drawn at random, that <paramref name="passage"/> does not hold.</summary>
    private static string[] OtherNames(string[] pool, string passage, Random random)
    {
        var chosen = new List<string>(SwapCandidates);
        for (int attempt = 0; attempt < SwapCandidates * 4 && chosen.Count < SwapCandidates && pool.Length > 0; attempt++)
        {
            string name = pool[random.Next(pool.Length)];
            if (!passage.Contains(name, StringComparison.Ordinal) && !chosen.Contains(name) && !SyntheticPairs.IsDayName(name))
            {
                chosen.Add(name);
            }
        }
        return [.. chosen];
    }

    /// <summary>The claim with the first edit that applies, trying them in turn from a random one; null when none applies.</summary>
    internal static string? Edit(JudgeCandidate c, string[] articleNames, Random random)
    {
        int first = random.Next(Edits);
        for (int k = 0; k < Edits; k++)
        {
            string? edited = ((first + k) % Edits) switch
            {
                0 => SyntheticPairs.FlipNegation(c.Claim),
                1 => SyntheticPairs.ChangeNumber(c.Claim, random),
                2 => SyntheticPairs.SwapAntonym(c.Claim) is { } swapped && !ChangesAName(c.Claim, swapped) ? swapped : null,
                _ => IsTitleCase(c.Claim) ? null : SyntheticPairs.SwapName(c.Claim, Array.FindAll(articleNames, n => !c.Passage.Contains(n, StringComparison.Ordinal)), random),
            };
            if (edited is not null)
            {
                return edited;
            }
        }
        return null;
    }

    /// <summary>
    /// Whether a claim is written in title case ("Rapper Big Bank Hank Dies At 57"): more than half of its content words
    /// past the first are capitalized.
    /// </summary>
    internal static bool IsTitleCase(string claim)
    {
        List<Token> tokens = WordTokenizer.Tokenize(claim);
        int words = 0, capitalized = 0;
        for (int i = 1; i < tokens.Count; i++)
        {
            if (tokens[i].IsContent && !tokens[i].IsNumber)
            {
                words++;
                capitalized += (tokens[i].Flags & TokenFlags.Capitalized) != 0 ? 1 : 0;
            }
        }
        return words > 0 && capitalized * 2 > words;
    }

    /// <summary>Whether <paramref name="edited"/> differs from <paramref name="claim"/> first inside a capitalized word past the claim's first word.</summary>
    internal static bool ChangesAName(string claim, string edited)
    {
        int at = 0;
        while (at < claim.Length && at < edited.Length && claim[at] == edited[at])
        {
            at++;
        }
        while (at > 0 && char.IsLetter(claim[at - 1]))
        {
            at--; // back to the start of the word
        }
        int firstLetter = 0;
        while (firstLetter < claim.Length && !char.IsLetterOrDigit(claim[firstLetter]))
        {
            firstLetter++;
        }
        return at < claim.Length && at > firstLetter && char.IsUpper(claim[at]);
    }
}
