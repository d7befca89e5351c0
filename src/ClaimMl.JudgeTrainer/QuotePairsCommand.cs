using System.CommandLine;
using ClaimMl.Cli;
using ClaimMl.Training;

namespace ClaimMl.JudgeTrainer;

/// <summary>
/// <c>quote-pairs</c>: judge training pairs from labeled claims and the sentences their <c>rationale.md</c> quotes
/// (<see cref="RationaleQuotePairs"/>), one JSON Lines file per labeled folder given, for <c>train --written-pairs</c>.
/// All files are written or none. Only sets that no judge is to be scored on belong here: a set turned into training
/// pairs is used.
/// </summary>
internal static class QuotePairsCommand
{
    public static Command Create()
    {
        var labeled = new Option<DirectoryInfo[]>("--labeled") { Description = "Labeled claim folders (the layout of claimml evaluate --labeled) whose events quote their deciding sentences in rationale.md; repeatable. Each gives <out>/<folder name>.jsonl.", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write the pairs into (made if missing).", Required = true };
        var command = new Command("quote-pairs", "Make judge training pairs from labeled claims and the deciding sentences their rationale.md quotes.")
        {
            labeled, output,
        };
        command.SetAction((parse, cancellation) => CommandRunner.RunAsync(parse, ct =>
        {
            var files = new WrittenPairFiles(parse.GetValue(output)!);
            foreach (DirectoryInfo folder in parse.GetValue(labeled)!)
            {
                files.Claim(folder);
                RationaleQuotePairs.Result result = RationaleQuotePairs.Read(folder.FullName);
                Console.Error.WriteLine($"{folder.Name}: {result.Claims} claims, {result.Pairs.Count} pairs; {result.ClaimsWithoutQuotes} claims without a usable quote, {result.SkippedQuotes} quotes skipped (under no heading read, naming a file that is not a source, or not found word for word).");
                files.Add(folder, result.Pairs);
            }
            files.WriteAll(ct);
            return Task.FromResult(CommandRunner.Ok);
        }, cancellation));
        return command;
    }
}
