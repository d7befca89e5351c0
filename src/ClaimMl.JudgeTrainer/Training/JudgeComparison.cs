using System.Globalization;
using System.Text.Json.Nodes;
using ClaimMl.Entailment;
using ClaimMl.Training;

namespace ClaimMl.JudgeTrainer.Training;

/// <summary>The pairs of one part and origin of a comparison, and each judge's figures on them.</summary>
/// <param name="Part">Which dev pairs: held out from both judges, or of one judge only (see <see cref="JudgeComparison"/>).</param>
/// <param name="Origin">The pairs' origin, or <see cref="JudgeComparison.AllOrigins"/> / <see cref="JudgeComparison.Unframed"/>.</param>
/// <param name="First">The first judge's figures (its most probable label against the gold one).</param>
/// <param name="Second">The second judge's figures on the same pairs.</param>
internal sealed record JudgeComparisonRow(string Part, string Origin, JudgeFigures First, JudgeFigures Second);

/// <summary>
/// Two judges on their dev pairs, each pair rebuilt from each judge's recorded pair options. The fair comparison is
/// on the pairs held out from both; a dev pair of one judge that the other was not trained on (a new kind of pair) is
/// compared as well; one the other was trained on is counted apart, since that judge's figure there is in-sample.
/// </summary>
internal static class JudgeComparison
{
    /// <summary>The part of the dev pairs held out from both judges.</summary>
    public const string HeldOutFromBoth = "held out from both";

    /// <summary>The row over all origins of a part.</summary>
    public const string AllOrigins = "all";

    /// <summary>The row over all origins but the framed ones (<see cref="JudgeFrames.IsFramed"/>) of a part that has both.</summary>
    public const string Unframed = "all but framed";

    /// <summary>The name of the part of one judge's dev pairs that the other judge neither held out nor trained on.</summary>
    public static string OnlyUnseen(string judge, string other) => $"dev of {judge} only, {other} never saw them";

    /// <summary>The name of the part of one judge's dev pairs that the other judge was trained on.</summary>
    public static string OnlyTrainedOn(string judge, string other) => $"dev of {judge} only, {other} trained on them";

    /// <summary>
    /// Compares two judges. <paramref name="predictFirst"/> and <paramref name="predictSecond"/> give each judge's
    /// most probable label (an <see cref="EntailmentLabel"/> value) for each of the pairs they are given; each is
    /// called once, on the dev pairs of both judges.
    /// </summary>
    public static List<JudgeComparisonRow> Compare(JudgePairSet first, JudgePairSet second,
        Func<IReadOnlyList<JudgePair>, int[]> predictFirst, Func<IReadOnlyList<JudgePair>, int[]> predictSecond)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(predictFirst);
        ArgumentNullException.ThrowIfNull(predictSecond);

        HashSet<(string, string, EntailmentLabel)> firstDev = Keys(first.Dev), secondDev = Keys(second.Dev);
        HashSet<(string, string, EntailmentLabel)> firstTrain = Keys(first.Train), secondTrain = Keys(second.Train);

        // Every dev pair of either judge, once; both judges read all of them.
        var pairs = new List<JudgePair>();
        var seen = new HashSet<(string, string, EntailmentLabel)>();
        foreach (JudgePair pair in first.Dev.Concat(second.Dev))
        {
            if (seen.Add(Key(pair)))
            {
                pairs.Add(pair);
            }
        }
        int[] byFirst = Checked(predictFirst(pairs), pairs.Count);
        int[] bySecond = Checked(predictSecond(pairs), pairs.Count);

        const string A = "A", B = "B";
        var parts = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < pairs.Count; i++)
        {
            var key = Key(pairs[i]);
            bool inFirst = firstDev.Contains(key), inSecond = secondDev.Contains(key);
            string? part = (inFirst, inSecond) switch
            {
                (true, true) when !firstTrain.Contains(key) && !secondTrain.Contains(key) => HeldOutFromBoth,
                (true, false) => secondTrain.Contains(key) ? OnlyTrainedOn(A, B) : OnlyUnseen(A, B),
                (false, true) => firstTrain.Contains(key) ? OnlyTrainedOn(B, A) : OnlyUnseen(B, A),
                _ => null, // a dev pair one judge also trained on (a repeat across the split): in neither part
            };
            if (part is not null)
            {
                (parts.TryGetValue(part, out List<int>? list) ? list : parts[part] = []).Add(i);
            }
        }

        var rows = new List<JudgeComparisonRow>();
        string[] order = [HeldOutFromBoth, OnlyUnseen(A, B), OnlyUnseen(B, A), OnlyTrainedOn(A, B), OnlyTrainedOn(B, A)];
        foreach (string part in order)
        {
            if (!parts.TryGetValue(part, out List<int>? indexes))
            {
                continue;
            }
            foreach (string origin in indexes.Select(i => pairs[i].Origin).Distinct().Order(StringComparer.Ordinal))
            {
                rows.Add(Row(part, origin, indexes.Where(i => pairs[i].Origin == origin).ToArray()));
            }
            rows.Add(Row(part, AllOrigins, indexes.ToArray()));
            int[] unframed = indexes.Where(i => !JudgeFrames.IsFramed(pairs[i].Origin)).ToArray();
            if (unframed.Length > 0 && unframed.Length < indexes.Count)
            {
                rows.Add(Row(part, Unframed, unframed));
            }
        }
        return rows;

        JudgeComparisonRow Row(string part, string origin, int[] indexes)
        {
            int[] gold = indexes.Select(i => (int)pairs[i].Label).ToArray();
            return new JudgeComparisonRow(part, origin,
                JudgeEvaluation.Figures(origin, gold, indexes.Select(i => byFirst[i]).ToArray()),
                JudgeEvaluation.Figures(origin, gold, indexes.Select(i => bySecond[i]).ToArray()));
        }
    }

    /// <summary>The rows as JSON: one object per part, one entry per origin with both judges' figures.</summary>
    public static JsonObject ToJson(IReadOnlyList<JudgeComparisonRow> rows, string first, string second)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var json = new JsonObject { ["A"] = first, ["B"] = second };
        foreach (IGrouping<string, JudgeComparisonRow> part in rows.GroupBy(r => r.Part))
        {
            var origins = new JsonObject();
            foreach (JudgeComparisonRow row in part)
            {
                origins[row.Origin] = new JsonObject
                {
                    ["pairs"] = row.First.Pairs,
                    ["A"] = Figures(row.First),
                    ["B"] = Figures(row.Second),
                };
            }
            json[part.Key] = origins;
        }
        return json;

        static JsonObject Figures(JudgeFigures f) => new()
        {
            ["accuracy"] = Math.Round(f.Accuracy, 4),
            ["macroF1 (labels present)"] = Math.Round(f.MacroF1, 4),
            ["predicted (entails, contradicts, neither)"] = new JsonArray(PredictedCounts(f).Select(n => (JsonNode)n).ToArray()),
        };
    }

    /// <summary>How many pairs a judge's figures put under each label, as "E/C/N".</summary>
    public static string Predicted(JudgeFigures f) => string.Join('/', PredictedCounts(f).Select(n => n.ToString(CultureInfo.InvariantCulture)));

    /// <summary>How many pairs a judge's figures put under each label (entails, contradicts, neither): the confusion matrix's column sums.</summary>
    private static int[] PredictedCounts(JudgeFigures f) =>
        Enumerable.Range(0, 3).Select(c => f.Confusion[0, c] + f.Confusion[1, c] + f.Confusion[2, c]).ToArray();

    private static (string, string, EntailmentLabel) Key(JudgePair pair) => (pair.Claim, pair.Passage, pair.Label);

    private static HashSet<(string, string, EntailmentLabel)> Keys(IReadOnlyList<JudgePair> pairs)
    {
        var keys = new HashSet<(string, string, EntailmentLabel)>(pairs.Count);
        foreach (JudgePair pair in pairs)
        {
            keys.Add(Key(pair));
        }
        return keys;
    }

    private static int[] Checked(int[] predicted, int count) =>
        predicted.Length == count ? predicted : throw new InvalidOperationException($"Expected {count} predictions, got {predicted.Length}.");
}
