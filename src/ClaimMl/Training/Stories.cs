namespace ClaimMl.Training;

/// <summary>How cross-validation keeps held-out pairs unseen.</summary>
internal enum CrossValidationGroups
{
    /// <summary>Every pair of a source lands in one fold (no article is both trained on and scored).</summary>
    Source,

    /// <summary>
    /// Every source of a story lands in one fold (<see cref="Stories"/>): held-out pairs are about
    /// events the fold's model never saw, as in a competition test of new stories.
    /// </summary>
    Story,
}

/// <summary>
/// Groups the sources of a training set into stories: two sources belong to one story when the
/// same claim is related to both (it is supported, refuted or discussed by each). Sources of one
/// story share their topic words, which matters wherever something learned from some of them is
/// judged on others.
/// </summary>
internal static class Stories
{
    /// <summary>
    /// The story of each source, numbered 0, 1, … in order of each story's first source; pairs of
    /// the part named <paramref name="excludedPart"/> link nothing.
    /// </summary>
    public static int[] Of(LabeledPairSet data, string? excludedPart = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var parent = new int[data.Sources.Count];
        for (int s = 0; s < parent.Length; s++)
        {
            parent[s] = s;
        }
        var firstSourceOfClaim = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, start, count) in data.Parts)
        {
            if (name == excludedPart)
            {
                continue;
            }
            for (int i = start; i < start + count; i++)
            {
                LabeledPair pair = data.Pairs[i];
                if (pair.Stance == Stance.Unrelated)
                {
                    continue;
                }
                if (firstSourceOfClaim.TryGetValue(pair.Claim, out int other))
                {
                    Union(parent, pair.Source, other);
                }
                else
                {
                    firstSourceOfClaim[pair.Claim] = pair.Source;
                }
            }
        }
        var story = new int[parent.Length];
        var numberOfRoot = new Dictionary<int, int>();
        for (int s = 0; s < parent.Length; s++)
        {
            int root = Find(parent, s);
            if (!numberOfRoot.TryGetValue(root, out int number))
            {
                numberOfRoot[root] = number = numberOfRoot.Count;
            }
            story[s] = number;
        }
        return story;
    }

    private static int Find(int[] parent, int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private static void Union(int[] parent, int a, int b)
    {
        int ra = Find(parent, a), rb = Find(parent, b);
        if (ra != rb)
        {
            parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
    }
}
