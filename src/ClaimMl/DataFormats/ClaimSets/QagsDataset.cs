namespace ClaimMl.DataFormats.ClaimSets;

/// <summary>
/// QAGS (Wang, Cho and Lewis, 2020): model-written summary sentences checked by three annotators
/// against their news article. A sentence most annotators call supported is gold confirmed; the
/// rest are "not confirmed" (scored as confirmed against not, by balanced accuracy).
/// </summary>
internal static class QagsDataset
{
    public static bool IsPresent(string folder, string variant) => File.Exists(Path.Combine(folder, $"mturk_{variant}.jsonl"));

    /// <param name="folder">The qags folder.</param>
    /// <param name="variant">"cnndm" or "xsum".</param>
    public static ClaimSet Load(string folder, string variant)
    {
        string file = Path.Combine(folder, $"mturk_{variant}.jsonl");
        var cases = new List<ClaimCase>();
        int summary = 0;
        foreach (var (line, obj) in JsonLines.Read(file))
        {
            string article = JsonLines.String(file, line, obj, "article");
            int sentence = 0;
            foreach (var item in JsonLines.Array(file, line, obj, "summary_sentences").EnumerateArray())
            {
                string text = JsonLines.String(file, line, item, "sentence");
                int yes = 0, no = 0;
                foreach (var response in JsonLines.Array(file, line, item, "responses").EnumerateArray())
                {
                    string answer = JsonLines.String(file, line, response, "response");
                    if (answer == "yes") yes++;
                    else if (answer == "no") no++;
                    else throw new ClaimMlDataException(file, line, "response", $"'{answer}' is not yes or no.");
                }
                bool consistent = yes > no;
                cases.Add(new ClaimCase($"{summary}.{sentence}", text, [article], consistent ? Verdict.Confirmed : Verdict.Unverified, null,
                    consistent ? "consistent" : "inconsistent"));
                sentence++;
            }
            summary++;
        }
        return new ClaimSet($"qags {variant} (summary sentences)", cases, ClaimSetScoring.ConfirmedOrNot);
    }
}
