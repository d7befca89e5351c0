using System.CommandLine;

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
        Description = "Model file written by 'claimml train' (default: the model shipped inside ClaimMl, built from models/stance.zip).",
    };

    public static Option<DirectoryInfo> FncData() => new("--data")
    {
        Description = "Folder holding FNC-1's CSV files (train_bodies.csv, train_stances.csv, competition_test_*.csv).",
        Required = true,
    };
}
