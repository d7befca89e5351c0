using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ClaimMl.Entailment;

namespace ClaimMl.JudgeTrainer.Training;

/// <summary>The judge's figures on labeled pairs of one origin (or all).</summary>
internal sealed record JudgeFigures(string Origin, int Pairs, double Accuracy, double MacroF1, double[] F1, int[,] Confusion);

/// <summary>Scores labeled pairs with a loaded judge (ONNX Runtime, as the library runs it), per origin and overall.</summary>
internal static class JudgeEvaluation
{
    public const string All = "all";

    public static List<JudgeFigures> ByOrigin(EntailmentJudge judge, IReadOnlyList<JudgePair> pairs, CancellationToken cancellation)
    {
        int[] predicted = Predict(judge, pairs, cancellation);
        var result = new List<JudgeFigures>();
        foreach (string origin in pairs.Select(p => p.Origin).Distinct().Order(StringComparer.Ordinal).Append(All))
        {
            var indexes = Enumerable.Range(0, pairs.Count).Where(i => origin == All || pairs[i].Origin == origin).ToArray();
            result.Add(Figures(origin, indexes.Select(i => (int)pairs[i].Label).ToArray(), indexes.Select(i => predicted[i]).ToArray()));
        }
        return result;
    }

    /// <summary>The judge's most probable label (as <see cref="EntailmentLabel"/> values) for each pair, read in chunks.</summary>
    public static int[] Predict(EntailmentJudge judge, IReadOnlyList<JudgePair> pairs, CancellationToken cancellation)
    {
        var predicted = new int[pairs.Count];
        const int Chunk = 256;
        for (int start = 0; start < pairs.Count; start += Chunk)
        {
            cancellation.ThrowIfCancellationRequested();
            var chunk = new List<(string Claim, string Passage)>();
            for (int i = start; i < Math.Min(pairs.Count, start + Chunk); i++)
            {
                chunk.Add((pairs[i].Claim, pairs[i].Passage));
            }
            Judgement[] judged = judge.Judge(chunk);
            for (int i = 0; i < judged.Length; i++)
            {
                predicted[start + i] = ArgMax(judged[i].Probabilities);
            }
        }
        return predicted;
    }

    public static int ArgMax(EntailmentProbabilities p) =>
        p.Entails >= p.Contradicts && p.Entails >= p.Neither ? 0 : p.Contradicts >= p.Neither ? 1 : 2;

    /// <summary>Accuracy, macro-F1 over the labels present in gold or prediction, F1 per label and the confusion matrix (gold × predicted).</summary>
    public static JudgeFigures Figures(string origin, int[] gold, int[] predicted)
    {
        var confusion = new int[3, 3];
        for (int i = 0; i < gold.Length; i++)
        {
            confusion[gold[i], predicted[i]]++;
        }
        var f1 = new double[3];
        double sum = 0;
        int present = 0, correct = 0;
        for (int c = 0; c < 3; c++)
        {
            correct += confusion[c, c];
            int goldC = 0, predictedC = 0;
            for (int k = 0; k < 3; k++)
            {
                goldC += confusion[c, k];
                predictedC += confusion[k, c];
            }
            f1[c] = goldC + predictedC == 0 ? double.NaN : 2.0 * confusion[c, c] / (goldC + predictedC);
            if (goldC > 0)
            {
                sum += f1[c];
                present++;
            }
        }
        return new JudgeFigures(origin, gold.Length, gold.Length == 0 ? 0 : (double)correct / gold.Length, present == 0 ? 0 : sum / present, f1, confusion);
    }

    public static string ToTable(IReadOnlyList<JudgeFigures> figures)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"{"dev pairs (ONNX judge)",-26} {"pairs",7} {"acc.",6} {"macro-F1",8} {"F1 E",6} {"F1 C",6} {"F1 N",6}");
        foreach (JudgeFigures f in figures)
        {
            text.AppendLine(c, $"{f.Origin,-26} {f.Pairs,7:N0} {f.Accuracy,6:0.000} {f.MacroF1,8:0.000} {Cell(f.F1[0]),6} {Cell(f.F1[1]),6} {Cell(f.F1[2]),6}");
        }
        return text.ToString();

        static string Cell(double v) => double.IsNaN(v) ? "-" : v.ToString("0.000", CultureInfo.InvariantCulture);
    }

    public static JsonObject ToJson(IReadOnlyList<JudgeFigures> figures)
    {
        var json = new JsonObject();
        foreach (JudgeFigures f in figures)
        {
            json[f.Origin] = new JsonObject
            {
                ["pairs"] = f.Pairs,
                ["accuracy"] = Math.Round(f.Accuracy, 4),
                ["macroF1 (labels present)"] = Math.Round(f.MacroF1, 4),
                ["f1 (entails, contradicts, neither)"] = new JsonArray(f.F1.Select(v => (JsonNode?)(double.IsNaN(v) ? null : Math.Round(v, 4))).ToArray()),
                ["confusion (gold rows × predicted columns)"] = new JsonArray(Enumerable.Range(0, 3).Select(r => (JsonNode)new JsonArray(f.Confusion[r, 0], f.Confusion[r, 1], f.Confusion[r, 2])).ToArray()),
            };
        }
        return json;
    }
}
