using System.Text.Json.Nodes;

namespace ClaimMl.Evaluation;

/// <summary>The JSON form of <see cref="StanceMetrics"/> used in metrics files and <c>--json</c> output.</summary>
internal static class MetricsJson
{
    public static string Word(Stance stance) => Words.Of(stance);

    public static JsonObject From(StanceMetrics metrics)
    {
        var perClass = new JsonObject();
        var confusion = new JsonObject();
        foreach (Stance gold in StanceMetrics.Order)
        {
            ClassScores s = metrics[gold];
            perClass[Word(gold)] = new JsonObject
            {
                ["precision"] = Round(s.Precision),
                ["recall"] = Round(s.Recall),
                ["f1"] = Round(s.F1),
                ["support"] = s.Support,
            };
            var row = new JsonObject();
            foreach (Stance predicted in StanceMetrics.Order)
            {
                row[Word(predicted)] = metrics.Confusion[(int)gold, (int)predicted];
            }
            confusion[Word(gold)] = row;
        }
        return new JsonObject
        {
            ["pairs"] = metrics.Count,
            ["fncScore"] = Round(metrics.FncScore),
            ["fncMaxScore"] = Round(metrics.FncMaxScore),
            ["fncRelative"] = Round(metrics.FncRelative),
            ["accuracy"] = Round(metrics.Accuracy),
            ["macroF1"] = Round(metrics.MacroF1),
            ["perClass"] = perClass,
            ["confusion (rows gold, columns predicted)"] = confusion,
        };
    }

    private static double Round(double value) => Math.Round(value, 4);
}
