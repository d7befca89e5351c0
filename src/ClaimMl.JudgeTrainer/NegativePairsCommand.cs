using System.CommandLine;
using System.Globalization;
using ClaimMl.Cli;
using ClaimMl.Training;

namespace ClaimMl.JudgeTrainer;

/// <summary>
/// <c>negative-pairs</c>: "neither" training pairs mined with a judge from the unverified claims of labeled folders
/// (<see cref="JudgedNegativePairs"/>): the passages the judge reads in their sources as entailing or contradicting
/// them (with <c>--claims confirmed</c> or <c>both</c>, also those it reads as contradicting confirmed claims, except
/// the ones holding a quoted sentence), one JSON Lines file per labeled folder given, for <c>train --written-pairs</c>. All files are written or none.
/// Only sets that no judge is to be scored on belong here: a set turned into training pairs is used.
/// </summary>
internal static class NegativePairsCommand
{
    public static Command Create()
    {
        var judgePath = new Option<FileInfo>("--judge") { Description = "Judge model whose readings are mined.", DefaultValueFactory = _ => new FileInfo(Path.Combine("models", "judge.zip")) };
        var labeled = new Option<DirectoryInfo[]>("--labeled") { Description = "Labeled claim folders (the layout of claimml evaluate --labeled); repeatable. Each gives <out>/<folder name>.jsonl.", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write the pairs into (made if missing).", Required = true };
        var floor = new Option<float>("--floor") { Description = "Keep a passage the judge reads as entailing or contradicting an unverified claim (as contradicting a confirmed one) with at least this probability (0 to 1).", DefaultValueFactory = _ => JudgedNegativePairs.DefaultFloor };
        var mined = new Option<MinedClaims>("--claims") { Description = "Which labeled claims to mine: unverified (passages read as entailing or contradicting them), confirmed (passages read as contradicting them, except those holding a sentence their rationale.md quotes), or both.", DefaultValueFactory = _ => MinedClaims.Unverified };
        var command = new Command("negative-pairs", "Make 'neither' judge training pairs from the passages a judge misreads as taking a position on labeled unverified claims (or as contradicting labeled confirmed ones).")
        {
            judgePath, labeled, output, floor, mined,
        };
        command.SetAction((parse, cancellation) => CommandRunner.RunAsync(parse, ct =>
        {
            float minimum = parse.GetValue(floor);
            if (!(minimum is >= 0f and <= 1f))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--floor: {minimum} is not a probability; give a number from 0 to 1."));
            }
            string p = minimum.ToString("0.00", CultureInfo.InvariantCulture);
            MinedClaims which = parse.GetValue(mined);
            var files = new WrittenPairFiles(parse.GetValue(output)!);
            string path = parse.GetValue(judgePath)!.FullName;
            using ClaimChecker checker = ClaimChecker.CreateDefault(ClaimCheckingMode.LexicalOnly).WithJudge(path);
            foreach (DirectoryInfo folder in parse.GetValue(labeled)!)
            {
                files.Claim(folder);
                JudgedNegativePairs.Result result = ProgressDisplay.Run($"Reading {folder.Name}", _ => JudgedNegativePairs.Read(checker, folder.FullName, minimum, which, ct));
                string quoted = $"; {result.QuotedPassages} holding a quoted sentence left out";
                (string read, string kept) = which switch
                {
                    MinedClaims.Unverified => ($"{result.UnverifiedClaims} unverified", $"read as entailing or contradicting with P ≥ {p}"),
                    MinedClaims.Confirmed => ($"{result.ConfirmedClaims} confirmed", $"read as contradicting with P ≥ {p}{quoted}"),
                    _ => ($"{result.UnverifiedClaims} unverified and {result.ConfirmedClaims} confirmed", $"unverified: read as entailing or contradicting, confirmed: as contradicting, with P ≥ {p}{quoted}"),
                };
                Console.Error.WriteLine($"{folder.Name}: {result.Claims} claims, {read}; {result.PassagesRead} passages read, {result.Pairs.Count} pairs ({kept}).");
                files.Add(folder, result.Pairs);
            }
            files.WriteAll(ct);
            return Task.FromResult(CommandRunner.Ok);
        }, cancellation));
        return command;
    }
}
