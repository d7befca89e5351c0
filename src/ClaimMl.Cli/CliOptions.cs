using System.CommandLine;
using ClaimMl.Reports;

namespace ClaimMl.Cli;

/// <summary>Options shared by several commands.</summary>
internal static class CliOptions
{
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Print stack traces with errors.",
        Recursive = true,
    };

    public static Option<FileInfo?> Model() => new("--model")
    {
        Description = "Stance model file written by 'claimml train' (default: the model shipped inside ClaimMl, built from models/stance.zip).",
    };

    public static Option<FileInfo?> Judge() => new("--judge")
    {
        Description = "Entailment judge model written by the judge trainer (default: the judge shipped inside ClaimMl, built from models/judge.zip).",
    };

    public static Option<bool> LexicalOnly() => new("--lexical-only")
    {
        Description = "Decide with the lexical stage alone, without the entailment judge: much faster, far less accurate about whether a source states a claim.",
    };

    /// <summary>The checker the options ask for: the stance model (--model or the embedded one) with the judge (--judge or the embedded one) unless --lexical-only.</summary>
    public static ClaimChecker CreateChecker(FileInfo? model, FileInfo? judge, bool lexicalOnly)
    {
        if (lexicalOnly && judge is not null)
        {
            throw new ArgumentException("--judge and --lexical-only do not go together: the lexical-only path uses no judge.");
        }
        ClaimCheckingMode mode = lexicalOnly || judge is not null ? ClaimCheckingMode.LexicalOnly : ClaimCheckingMode.Judged;
        ClaimChecker checker = model is null ? ClaimChecker.CreateDefault(mode) : ClaimChecker.Load(model.FullName, mode);
        return judge is null ? checker : checker.WithJudge(judge.FullName);
    }

    /// <summary>
    /// The model a report names for a checker made by <see cref="CreateChecker"/>: the one that decided the verdicts
    /// (the judge, or the stance model when the checker runs lexical-only).
    /// </summary>
    public static ReportModel ReportModelFor(ClaimChecker checker, FileInfo? model, FileInfo? judge)
    {
        if (checker.Mode == ClaimCheckingMode.Judged)
        {
            return judge is null ? ReportModel.ForEmbeddedJudge() : ReportModel.ForFile(judge.FullName);
        }
        return model is null ? ReportModel.ForEmbeddedModel() : ReportModel.ForFile(model.FullName);
    }

    /// <summary>How recorded figures name the model that decided: its file's name, or the embedded judge or stance model.</summary>
    public static string RecordedModelName(ClaimChecker checker, FileInfo? modelFile) =>
        modelFile?.Name ?? (checker.Mode == ClaimCheckingMode.Judged ? ReportModel.EmbeddedJudgeName : ReportModel.EmbeddedModelName);

    /// <summary>How recorded figures name the checker's mode: "judged" or "lexical-only".</summary>
    public static string RecordedModeName(ClaimChecker checker) => checker.Mode == ClaimCheckingMode.Judged ? "judged" : "lexical-only";

    /// <summary>The three input limits of <c>check</c>, defaulting to <see cref="ClaimCheckerLimits.Default"/>.</summary>
    public static (Option<int> SourceLength, Option<int> ClaimLength, Option<int> Sources) Limits() => (
        Positive(new Option<int>(ClaimCheckerLimits.CliOption(nameof(ClaimCheckerLimits.MaxSourceLength)))
        {
            Description = "Longest source file accepted, in characters; a longer one is an error.",
            DefaultValueFactory = _ => ClaimCheckerLimits.DefaultMaxSourceLength,
        }),
        Positive(new Option<int>(ClaimCheckerLimits.CliOption(nameof(ClaimCheckerLimits.MaxClaimLength)))
        {
            Description = "Longest claim (or sentence of --text) accepted, in characters; a longer one is an error.",
            DefaultValueFactory = _ => ClaimCheckerLimits.DefaultMaxClaimLength,
        }),
        Positive(new Option<int>(ClaimCheckerLimits.CliOption(nameof(ClaimCheckerLimits.MaxSources)))
        {
            Description = "Most .txt files the sources folder may hold; more is an error.",
            DefaultValueFactory = _ => ClaimCheckerLimits.DefaultMaxSources,
        }));

    private static Option<int> Positive(Option<int> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() <= 0)
            {
                result.AddError($"{option.Name} must be a positive number.");
            }
        });
        return option;
    }

    public static Option<DirectoryInfo> FncData() => new("--data")
    {
        Description = "Folder holding FNC-1's CSV files (train_bodies.csv, train_stances.csv, competition_test_*.csv).",
        Required = true,
    };
}
